/**
 * Provider startup cost. Terraform starts the provider 3-5 times per command, so this is the
 * latency every plan pays.
 *   1. spawn -> handshake line on stdout (ms, median and p90 of N runs), with V8's code cache
 *      and without it (same bundle, runs interleaved), bundle and cache sizes
 *   2. with terraform on PATH: `terraform plan` wall time for one idemeum resource vs one
 *      built-in `terraform_data` (median of M runs each, and the ratio)
 * Usage: npx tsx bench/provider-cold-start.ts [N=15] [M=5]
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { installProvider } from '../src/cli/provider';
import { CODE_CACHE_FILE } from '../src/provider/package/launcher';
import { generateCertificate } from '../src/provider/server/cert';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../src/provider/server/handshake';
import { locateTerraform } from '../src/terraform/locate';
import { TerraformWorkdir } from '../src/terraform/workdir';
import { load, writeResult } from './lib/machine';

const N = Number(process.argv[2] ?? 15);
const M = Number(process.argv[3] ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

function timeToHandshake(executable: string, clientCert: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [], {
      env: { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCert },
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

async function main(): Promise<void> {
  const loadBefore = load();
  const dir = mkdtempSync(join(tmpdir(), 'idemeum-bench-'));
  const figures: Record<string, unknown> = {};
  try {
    const { executable, mirrorDir, bundle, codeCache } = await installProvider({ dir: join(dir, 'mirror') });
    if (!codeCache || 'skipped' in codeCache) console.log(`code cache NOT WRITTEN: ${codeCache ? codeCache.skipped : 'not asked for'}`);
    // The same package without the code cache, to show what the cache saves.
    const uncachedDir = join(dir, 'uncached');
    cpSync(dirname(executable), uncachedDir, { recursive: true });
    rmSync(join(uncachedDir, CODE_CACHE_FILE), { force: true });
    const uncached = join(uncachedDir, basename(executable));
    const client = generateCertificate().certPem;
    const nodeBaseline: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      nodeBaseline.push(performance.now() - t0);
    }
    await timeToHandshake(executable, client); // warm the page cache
    await timeToHandshake(uncached, client);
    const runs: number[] = [];
    const uncachedRuns: number[] = [];
    for (let i = 0; i < N; i++) {
      runs.push(await timeToHandshake(executable, client));
      uncachedRuns.push(await timeToHandshake(uncached, client));
    }
    const kib = (file: string) => `${(statSync(file).size / 1024).toFixed(0)} KiB`;
    console.log(`bundle size: ${kib(bundle)} (+ launcher ${kib(executable)}, code cache ${codeCache && 'file' in codeCache ? kib(codeCache.file) : 'none'})`);
    console.log(`node -e 0 (baseline): median ${median(nodeBaseline).toFixed(0)} ms`);
    console.log(`spawn -> handshake line: median ${median(runs).toFixed(0)} ms, p90 ${p90(runs).toFixed(0)} ms (N=${N})`);
    console.log(`  without code cache:    median ${median(uncachedRuns).toFixed(0)} ms, p90 ${p90(uncachedRuns).toFixed(0)} ms (N=${N})`);
    Object.assign(figures, {
      bundleBytes: statSync(bundle).size,
      nodeBaselineMedianMs: Math.round(median(nodeBaseline)),
      handshakeMedianMs: Math.round(median(runs)),
      handshakeP90Ms: Math.round(p90(runs)),
      handshakeWithoutCodeCacheMedianMs: Math.round(median(uncachedRuns)),
      runs: N,
    });

    const tf = locateTerraform();
    if (!tf.path) {
      console.log(`terraform plan comparison NOT RUN: ${tf.reason}`);
      return;
    }
    const plan = async (hcl: string): Promise<number[]> => {
      const wd = TerraformWorkdir.create({ terraform: tf.path!, mirrors: [mirrorDir], dir: mkdtempSync(join(dir, 'wd-')) });
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
    const idemeum = await plan(`
terraform {
  required_providers {
    idemeum = { source = "idemeum/idemeum" }
  }
}
provider "idemeum" {
  scim_endpoint = "https://scim.us-east-1.amazonaws.com/t/scim/v2"
  scim_token    = "bench-token"
}
resource "idemeum_scim_link" "x" {
  token_issued_at = "2026-11-01T00:00:00Z"
}
`);
    const builtin = await plan(`resource "terraform_data" "x" {\n  input = "a"\n}\n`);
    console.log(`terraform plan, one idemeum_scim_link: median ${median(idemeum).toFixed(0)} ms (M=${M})`);
    console.log(`terraform plan, one terraform_data:    median ${median(builtin).toFixed(0)} ms (M=${M})`);
    console.log(`ratio idemeum / terraform_data: ${(median(idemeum) / median(builtin)).toFixed(2)}`);
    Object.assign(figures, { planOneIdemeumMedianMs: Math.round(median(idemeum)), planOneTerraformDataMedianMs: Math.round(median(builtin)), planRuns: M });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    console.log(`wrote ${writeResult('provider-cold-start', { loadBefore, ...figures })}`);
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
