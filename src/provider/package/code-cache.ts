import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateCertificate } from '../server/cert';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../server/handshake';
import { CODE_CACHE_FILE } from './launcher';

export class CodeCacheError extends Error {
  override readonly name = 'CodeCacheError';
}

/** The cache written, or why there is none (the provider then compiles from source, as before). */
export type CodeCache = { readonly file: string; readonly bytes: number } | { readonly skipped: string };

const TIMEOUT_MS = 60_000;

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new CodeCacheError(`cannot run node from PATH, which the provider executable starts with (#!/usr/bin/env node): ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Writes V8's code cache of the bundle in `packageDir` by starting the provider once with `node`
 * — the node Terraform will start it with, `env node` in the executable — the way Terraform
 * does (magic cookie, AutoMTLS client certificate), then checks that V8 accepts the cache.
 * Throws when the provider does not start: a package that cannot start must not be installed.
 */
export async function writeCodeCache(packageDir: string, primer: string): Promise<CodeCache> {
  const file = join(packageDir, CODE_CACHE_FILE);
  rmSync(file, { force: true });
  const env = { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: generateCertificate().certPem };
  const primed = await runNode(['-e', primer, 'write', packageDir], env);
  if (primed.code !== 0 || !existsSync(file)) {
    rmSync(file, { force: true });
    throw new CodeCacheError(`the provider did not start while writing its code cache (exit ${primed.code}): ${primed.stderr.trim().slice(-2000) || 'no output'}`);
  }
  const checked = await runNode(['-e', primer, 'check', packageDir], process.env);
  if (checked.stdout !== 'accepted') {
    rmSync(file, { force: true });
    return { skipped: `V8 rejected the code cache it had just written (${checked.stdout || `exit ${checked.code}: ${checked.stderr.trim()}`})` };
  }
  return { file, bytes: statSync(file).size };
}
