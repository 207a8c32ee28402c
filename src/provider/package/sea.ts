import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../server/handshake';

/**
 * Node's single executable applications: the provider bundle is turned into a "preparation blob"
 * by `node --experimental-sea-config` and injected into a copy of the Node executable with
 * postject, so the result runs where no Node is installed.
 */
export class SeaError extends Error {
  override readonly name = 'SeaError';
}

/** Node's own sentinel: the executable flips it to know a blob was injected. */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const TIMEOUT_MS = 120_000;

/** A command that runs an executable built for the target here: the target's node itself, or an emulator (qemu-aarch64) in front of it. */
export interface Runner {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * The environment for the blob's node and for test starts: no NODE_OPTIONS (or other NODE_*),
 * whose V8 flags would be baked into the code cache's flag hash and make V8 refuse it later.
 */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('NODE_')) env[k] = v;
  return { ...env, ...extra };
}

function run(runner: Runner, extraArgs: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(runner.command, [...runner.args, ...extraArgs], { cwd, env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new SeaError(`cannot run ${runner.command}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/**
 * Writes the preparation blob for `bundle`, made by `generator` (a node of exactly the target's
 * version). With `codeCache`, V8's code cache of the bundle goes into the blob; V8 accepts it only
 * in the same Node build on the same architecture, so it is asked for only when `generator` is
 * the target's own node. `--random-seed` fixes V8's hash seed, which otherwise reorders the cache
 * on every run; V8 leaves that flag out of the cache's flag check, so the SEA accepts it.
 */
export async function writeSeaBlob(o: { readonly workDir: string; readonly bundle: string; readonly generator: Runner; readonly codeCache: boolean }): Promise<Buffer> {
  // Relative names: the blob records the main script's path.
  writeFileSync(join(o.workDir, 'provider.js'), o.bundle);
  writeFileSync(
    join(o.workDir, 'sea-config.json'),
    JSON.stringify({ main: 'provider.js', output: 'sea-prep.blob', disableExperimentalSEAWarning: true, useCodeCache: o.codeCache, useSnapshot: false }),
  );
  const r = await run(o.generator, ['--random-seed=1', '--experimental-sea-config', 'sea-config.json'], o.workDir);
  if (r.code !== 0) throw new SeaError(`${o.generator.command} --experimental-sea-config exited ${r.code}: ${r.stderr.trim().slice(-1000) || 'no output'}`);
  return readFileSync(join(o.workDir, 'sea-prep.blob'));
}

/** Injects the blob into a copy of the target's Node executable; returns the executable's bytes. */
export async function injectSeaBlob(o: { readonly file: string; readonly node: Buffer; readonly blob: Buffer }): Promise<Buffer> {
  writeFileSync(o.file, o.node);
  chmodSync(o.file, 0o755);
  let postject: { inject(file: string, name: string, data: Buffer, options: { sentinelFuse: string }): Promise<void> };
  try {
    postject = require('postject') as typeof postject;
  } catch (err) {
    throw new SeaError(`the postject package is missing (${(err as Error).message}); run npm ci`);
  }
  // postject's wasm module prints progress (console.log) and LIEF's notes about Node's ELF note
  // sections (console.warn, "Can't find string offset"), which do not affect the result.
  const { log, warn } = console;
  console.log = () => undefined;
  console.warn = () => undefined;
  try {
    await postject.inject(o.file, 'NODE_SEA_BLOB', o.blob, { sentinelFuse: SEA_FUSE });
  } catch (err) {
    throw new SeaError(`injecting the provider into ${o.file} failed: ${(err as Error).message}`);
  } finally {
    console.log = log;
    console.warn = warn;
  }
  return readFileSync(o.file);
}

/**
 * Starts the executable the way Terraform does (magic cookie, no TLS needed for this) and waits
 * for its handshake line: a package that cannot start must not be released. Also fails when
 * Node reports that V8 refused the blob's code cache, which would silently cost every start.
 */
export function checkStarts(runner: Runner, expectCodeCache: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(runner.command, [...runner.args], {
      env: cleanEnv({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: '' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let handshake = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!stdout.includes('\n')) return;
      handshake = /^1\|6\|(unix|tcp)\|/.test(stdout);
      child.kill('SIGKILL');
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new SeaError(`cannot start ${runner.command}: ${err.message}`));
    });
    // Judged once both pipes are drained: the warning on stderr may arrive after the handshake.
    child.on('close', (code) => {
      clearTimeout(timer);
      const name = runner.args.at(-1) ?? runner.command;
      // Node's own wording (src/node_sea.cc); it gives no other sign of a refused cache.
      if (expectCodeCache && /Code cache data rejected/.test(stderr)) reject(new SeaError(`${name}: V8 refused the code cache built into it`));
      else if (handshake) resolve();
      else if (stdout) reject(new SeaError(`${name} printed "${stdout.trim().slice(0, 200)}" instead of a go-plugin handshake line`));
      else reject(new SeaError(`${name} exited ${code} before its handshake: ${stderr.trim().slice(-1000) || 'no output'}`));
    });
  });
}
