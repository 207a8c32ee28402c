/**
 * Provider startup cost. Terraform starts the provider 3-5 times per command, so this is the
 * latency every plan pays. Each form of the package, spawn -> handshake line on stdout (median and
 * p90 of N runs, runs interleaved so load hits every form alike):
 *   - launcher + V8 code cache (`provider install`, the node on PATH)
 *   - launcher without code cache (the darwin release form, the user's node)
 *   - single executable with code cache (linux_amd64 release zip; no node needed)
 *   - single executable without code cache (what linux_arm64 is without a runner, and windows)
 * Then the release itself (build time, zip size per platform) and, with terraform on PATH,
 * `terraform plan` wall time for one idemeum resource (launcher and single executable) vs one
 * built-in `terraform_data`. Prints a table; writes bench/results/provider-cold-start.json
 * (.full.json under --full, which measures the same: a start has no size).
 * Usage: npx tsx bench/provider-cold-start.ts [N=15] [M=5] [--full]
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { installProvider } from '../src/cli/provider';
import { providerBundle } from '../src/provider/package/bundle';
import { CODE_CACHE_FILE } from '../src/provider/package/launcher';
import { defaultNodeCacheDir, nodeRelease, SEA_NODE_VERSION } from '../src/provider/package/node-dist';
import { buildRelease, type Release } from '../src/provider/package/release';
import { injectSeaBlob, writeSeaBlob } from '../src/provider/package/sea';
import { generateCertificate } from '../src/provider/server/cert';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../src/provider/server/handshake';
import { locateTerraform } from '../src/terraform/locate';
import { TerraformWorkdir } from '../src/terraform/workdir';
import { readZip } from '../test/support/zip';
import { load, writeResult } from './lib/machine';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const N = Number(positional[0] ?? 15);
const M = Number(positional[1] ?? 5);
if (!(Number.isInteger(N) && N > 0 && Number.isInteger(M) && M > 0)) {
  console.error(`usage: npx tsx bench/provider-cold-start.ts [N runs per form, default 15] [M plans, default 5] [--full]; got ${positional.join(' ')}`);
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
const round = (x: number) => Math.round(x * 10) / 10;

function timeToHandshake(executable: string, clientCert: string, env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [], {
      env: { ...env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCert },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout.once('data', () => {
      const ms = performance.now() - t0;
      child.kill('SIGKILL');
      resolve(ms);
    });
    child.on('error', reject);
  });
}

interface Form {
  readonly name: string;
  readonly executable: string;
  /** The single executables get a PATH without node, as on a runner that has none. */
  readonly env: NodeJS.ProcessEnv;
  readonly runs: number[];
}

/** The release, plus a linux_amd64 single executable whose blob has no code cache. */
async function buildSeaForms(dir: string): Promise<{ release: Release; sea: string; seaNoCache: string } | { skipped: string }> {
  try {
    const release = await buildRelease({ outDir: join(dir, 'release'), version: '0.0.0-bench', log: () => undefined });
    const unpacked = join(dir, 'sea');
    mkdirSync(unpacked);
    const zip = readZip(readFileSync(release.archives.find((a) => a.platform === 'linux_amd64')!.file));
    const sea = join(unpacked, zip.find((e) => e.mode === 0o755)!.name);
    writeFileSync(sea, zip.find((e) => e.mode === 0o755)!.data, { mode: 0o755 });
    const noCacheDir = join(dir, 'sea-no-cache');
    mkdirSync(noCacheDir);
    const node = await nodeRelease('linux_amd64', defaultNodeCacheDir());
    writeFileSync(join(noCacheDir, 'node'), node.executable, { mode: 0o755 });
    const blob = await writeSeaBlob({ workDir: noCacheDir, bundle: (await providerBundle()).code, generator: { command: join(noCacheDir, 'node'), args: [] }, codeCache: false });
    const seaNoCache = join(noCacheDir, 'terraform-provider-idemeum');
    await injectSeaBlob({ file: seaNoCache, node: node.executable, blob });
    return { release, sea, seaNoCache };
  } catch (err) {
    return { skipped: (err as Error).message };
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'idemeum-bench-'));
  const results: { loadBefore: number[] } & Record<string, unknown> = { loadBefore: load(), runs: N };
  try {
    const { executable, mirrorDir, bundle, codeCache } = await installProvider({ dir: join(dir, 'mirror') });
    if (!codeCache || 'skipped' in codeCache) console.log(`code cache NOT WRITTEN: ${codeCache ? codeCache.skipped : 'not asked for'}`);
    // The same package without the code cache: the darwin release form.
    const uncachedDir = join(dir, 'uncached');
    cpSync(dirname(executable), uncachedDir, { recursive: true });
    rmSync(join(uncachedDir, CODE_CACHE_FILE), { force: true });
    const uncached = join(uncachedDir, basename(executable));
    const noNode = { ...process.env, PATH: join(dir, 'empty-bin') };
    mkdirSync(noNode.PATH!);

    const forms: Form[] = [
      { name: `launcher + code cache (node ${process.version} on PATH)`, executable, env: process.env, runs: [] },
      { name: `launcher, no code cache (darwin release form)`, executable: uncached, env: process.env, runs: [] },
    ];
    const built = await buildSeaForms(dir);
    if ('skipped' in built) console.log(`single executable NOT RUN: ${built.skipped}`);
    else {
      forms.push({ name: `single executable + code cache (Node ${SEA_NODE_VERSION}, no node on PATH)`, executable: built.sea, env: noNode, runs: [] });
      forms.push({ name: `single executable, no code cache (no node on PATH)`, executable: built.seaNoCache, env: noNode, runs: [] });
    }

    const client = generateCertificate().certPem;
    const nodeBaseline: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      nodeBaseline.push(performance.now() - t0);
    }
    for (const f of forms) await timeToHandshake(f.executable, client, f.env); // warm the page cache
    for (let i = 0; i < N; i++) for (const f of forms) f.runs.push(await timeToHandshake(f.executable, client, f.env));

    const kib = (file: string) => Math.round(statSync(file).size / 1024);
    console.log(`bundle ${kib(bundle)} KiB, launcher ${kib(executable)} KiB, code cache ${codeCache && 'file' in codeCache ? `${kib(codeCache.file)} KiB` : 'none'}`);
    console.log(`node -e 0 (baseline): median ${median(nodeBaseline).toFixed(0)} ms\n`);
    console.log(`${'spawn -> handshake line'.padEnd(66)} median    p90`);
    for (const f of forms) console.log(`${f.name.padEnd(66)} ${median(f.runs).toFixed(0).padStart(4)} ms ${p90(f.runs).toFixed(0).padStart(4)} ms`);
    results.nodeBaselineMs = round(median(nodeBaseline));
    results.coldStart = forms.map((f) => ({ form: f.name, medianMs: round(median(f.runs)), p90Ms: round(p90(f.runs)) }));

    if (!('skipped' in built)) {
      console.log(`\nprovider release: ${built.release.seconds.toFixed(1)} s (bundle, 3 single executables, 5 zips)`);
      for (const a of built.release.archives) console.log(`  ${a.platform.padEnd(14)} ${(a.bytes / 1024 / 1024).toFixed(1).padStart(5)} MiB  ${a.form}${a.codeCache ? ' + code cache' : ''}`);
      results.release = { seconds: round(built.release.seconds), zips: built.release.archives.map((a) => ({ platform: a.platform, bytes: a.bytes, form: a.form, codeCache: a.codeCache })) };
    }

    const tf = locateTerraform();
    if (!tf.path) {
      console.log(`terraform plan comparison NOT RUN: ${tf.reason}`);
      return;
    }
    const plan = async (mirrors: string[], hcl: string, env: Record<string, string> = {}): Promise<number[]> => {
      const wd = TerraformWorkdir.create({ terraform: tf.path!, mirrors, dir: mkdtempSync(join(dir, 'wd-')), env });
      writeFileSync(join(wd.dir, 'main.tf'), hcl);
      await wd.init();
      const times: number[] = [];
      for (let i = 0; i < M; i++) {
        const t0 = performance.now();
        await wd.expectOk(['plan', '-no-color', '-input=false', '-refresh=false']);
        times.push(performance.now() - t0);
      }
      return times;
    };
    const scimLink = `
terraform {
  required_providers {
    idemeum = { source = "idemeum/idemeum", version = "${'skipped' in built ? '>= 0' : '0.0.0-bench'}" }
  }
}
provider "idemeum" {
  scim_endpoint = "https://scim.us-east-1.amazonaws.com/t/scim/v2"
  scim_token    = "bench-token"
}
resource "idemeum_scim_link" "x" {
  token_issued_at = "2026-11-01T00:00:00Z"
}
`;
    const plans: Record<string, number[]> = {
      'one idemeum_scim_link, launcher': await plan([mirrorDir], scimLink.replace(/, version = "[^"]*"/, '')),
      ...(!('skipped' in built) && { 'one idemeum_scim_link, single executable': await plan([join(dir, 'release')], scimLink, { PATH: noNode.PATH! }) }),
      'one terraform_data': await plan([], `resource "terraform_data" "x" {\n  input = "a"\n}\n`),
    };
    console.log(`\nterraform plan (median of M=${M})`);
    for (const [name, times] of Object.entries(plans)) console.log(`  ${name.padEnd(42)} ${median(times).toFixed(0).padStart(5)} ms`);
    results.terraformPlanMs = Object.fromEntries(Object.entries(plans).map(([k, v]) => [k, round(median(v))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    console.log(`\nwrote ${writeResult('provider-cold-start', results)}`);
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
