import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { providerBundle, type ProviderBundle } from './bundle';
import { assertProviderVersion, executableName, launcherPackage, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, terraformPlatform } from './layout';
import { defaultNodeCacheDir, NODE_DISTS, type NodeDistPlatform, nodeRelease, SEA_NODE_VERSION } from './node-dist';
import { checkStarts, injectSeaBlob, type Runner, writeSeaBlob } from './sea';
import { writeZip, type ZipEntry, zipTimestamp } from './zip';

/** Every platform a release has a zip for; the SEA ones carry their own Node. */
export const RELEASE_PLATFORMS = ['darwin_amd64', 'darwin_arm64', 'linux_amd64', 'linux_arm64', 'windows_amd64'] as const;
export type ReleasePlatform = (typeof RELEASE_PLATFORMS)[number];

/** macOS refuses an executable whose code signature no longer matches, and we cannot sign here. */
const SEA_PLATFORMS: readonly string[] = Object.keys(NODE_DISTS);
const isSeaPlatform = (p: string): p is NodeDistPlatform => SEA_PLATFORMS.includes(p);

export const RUNNER_ENV_PREFIX = 'IDEMEUM_RELEASE_RUNNER_';

export class ReleaseError extends Error {
  override readonly name = 'ReleaseError';
}

export interface ReleaseOptions {
  /** Root of the mirror the release is written into. */
  readonly outDir: string;
  readonly version: string;
  /** Where the Node binary packages are cached. @default - see defaultNodeCacheDir */
  readonly nodeCacheDir?: string;
  /**
   * Commands that run another platform's Linux executables here, e.g. `{ linux_arm64: 'qemu-aarch64' }`:
   * that platform's blob then gets V8's code cache from its own node, and the executable is
   * started once before it is zipped. @default - IDEMEUM_RELEASE_RUNNER_<PLATFORM> from the environment
   */
  readonly runners?: Partial<Record<NodeDistPlatform, string>>;
  /** @default - SOURCE_DATE_EPOCH, else 1980-01-01 */
  readonly timestamp?: Date;
  /** Progress lines. @default - none */
  readonly log?: (line: string) => void;
}

export interface ReleasedArchive {
  readonly platform: ReleasePlatform;
  readonly file: string;
  readonly bytes: number;
  /** `sea`: a single executable with its own Node; `launcher`: needs Node >= 20 on PATH. */
  readonly form: 'sea' | 'launcher';
  /** Whether V8's code cache is inside the executable. */
  readonly codeCache: boolean;
  /** Whether the executable was started here (handshake seen) before it was zipped. */
  readonly started: boolean;
  /** Terraform's hash of the extracted package (what `terraform init` puts in the lock file). */
  readonly h1: string;
  /** Terraform's hash of the zip file. */
  readonly zh: string;
}

export interface Release {
  readonly version: string;
  /** `<outDir>/registry.terraform.io/idemeum/idemeum`: the zips and the network-mirror JSON. */
  readonly dir: string;
  readonly archives: readonly ReleasedArchive[];
  readonly sha256sums: string;
  readonly seconds: number;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

/** Terraform's "h1:" (Go's dirhash Hash1) over the files the zip extracts to. */
export function packageHashV1(entries: readonly ZipEntry[]): string {
  const lines = [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((e) => `${sha256(e.data).toString('hex')}  ${e.name}\n`)
    .join('');
  return `h1:${sha256(lines).toString('base64')}`;
}

export function archiveName(version: string, platform: string): string {
  return `terraform-provider-${PROVIDER_TYPE}_${version}_${platform}.zip`;
}

export function sha256sumsName(version: string): string {
  return `terraform-provider-${PROVIDER_TYPE}_${version}_SHA256SUMS`;
}

function writeAtomically(file: string, data: Buffer | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export function runnersFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Record<NodeDistPlatform, string>> {
  const runners: Partial<Record<NodeDistPlatform, string>> = {};
  for (const p of SEA_PLATFORMS as NodeDistPlatform[]) {
    const value = env[`${RUNNER_ENV_PREFIX}${p.toUpperCase()}`];
    if (value) runners[p] = value;
  }
  return runners;
}

function parseRunner(command: string, executable: string): Runner {
  const [program, ...args] = command.trim().split(/\s+/);
  return { command: program, args: [...args, executable] };
}

interface SeaContext {
  readonly work: string;
  readonly cacheDir: string;
  readonly host: string;
  readonly runners: Partial<Record<NodeDistPlatform, string>>;
  readonly version: string;
  readonly bundle: ProviderBundle;
  /** The host's own node of SEA_NODE_VERSION, for blobs of platforms that cannot run here. */
  hostNode?: string;
  license?: Buffer;
}

/** Node's licence text, shipped next to every single executable. */
async function nodeLicense(ctx: SeaContext, own: Buffer | undefined): Promise<Buffer> {
  ctx.license ??= own ?? (await nodeRelease('linux_amd64', ctx.cacheDir)).license;
  if (!ctx.license) throw new ReleaseError(`no Node LICENSE found in the ${SEA_NODE_VERSION} packages`);
  return ctx.license;
}

async function hostGenerator(ctx: SeaContext, target: NodeDistPlatform): Promise<string> {
  if (ctx.hostNode) return ctx.hostNode;
  if (!isSeaPlatform(ctx.host)) {
    throw new ReleaseError(
      `cannot build the ${target} single executable on ${ctx.host}: its blob must be made by Node ${SEA_NODE_VERSION}, which the npm registry has only for ${SEA_PLATFORMS.join(', ')}; run provider release on one of those (a Linux container or CI runner)`,
    );
  }
  const file = join(ctx.work, `host-node${ctx.host.startsWith('windows_') ? '.exe' : ''}`);
  writeFileSync(file, (await nodeRelease(ctx.host, ctx.cacheDir)).executable, { mode: 0o755 });
  ctx.hostNode = file;
  return file;
}

/**
 * One platform's single executable. Its blob is made by the platform's own node when that runs
 * here (natively, or through a configured runner such as qemu-aarch64), with V8's code cache;
 * otherwise by the host's node of the same version, without one (the blob itself is portable).
 */
async function seaPackage(ctx: SeaContext, platform: NodeDistPlatform): Promise<{ entries: ZipEntry[]; codeCache: boolean; started: boolean }> {
  const dir = join(ctx.work, platform);
  mkdirSync(dir);
  const node = await nodeRelease(platform, ctx.cacheDir);
  const runnerCommand = ctx.runners[platform];
  let generator: Runner;
  let codeCache = true;
  if (platform === ctx.host || runnerCommand) {
    const own = join(dir, `node${platform.startsWith('windows_') ? '.exe' : ''}`);
    writeFileSync(own, node.executable, { mode: 0o755 });
    generator = runnerCommand ? parseRunner(runnerCommand, own) : { command: own, args: [] };
  } else {
    generator = { command: await hostGenerator(ctx, platform), args: [] };
    codeCache = false;
  }
  const blob = await writeSeaBlob({ workDir: dir, bundle: ctx.bundle.code, generator, codeCache });
  const name = executableName(ctx.version, platform);
  const file = join(dir, name);
  const executable = await injectSeaBlob({ file, node: node.executable, blob });
  if (codeCache) await checkStarts(runnerCommand ? parseRunner(runnerCommand, file) : { command: file, args: [] }, true);
  return {
    entries: [
      { name, data: executable, mode: 0o755 },
      { name: 'LICENSE.node', data: await nodeLicense(ctx, node.license), mode: 0o644 },
    ],
    codeCache,
    started: codeCache,
  };
}

/**
 * `provider release`: one zip per platform in Terraform's packed-mirror layout, SHA256SUMS, the
 * registry manifest, and the provider network mirror protocol's index.json and <version>.json
 * (with relative archive URLs), all in one folder. That folder is a `filesystem_mirror` as it is
 * and a `network_mirror` when any static web server serves `outDir`. index.json lists every
 * version whose <version>.json is in the folder, so releases can accumulate in one mirror.
 */
export async function buildRelease(o: ReleaseOptions): Promise<Release> {
  const started = performance.now();
  assertProviderVersion(o.version);
  const log = o.log ?? (() => undefined);
  const timestamp = o.timestamp ?? zipTimestamp();
  const dir = join(resolve(o.outDir), PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE);
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'idemeum-release-'));
  try {
    const ctx: SeaContext = {
      work,
      cacheDir: o.nodeCacheDir ?? defaultNodeCacheDir(),
      host: terraformPlatform(),
      runners: o.runners ?? runnersFromEnv(),
      version: o.version,
      bundle: await providerBundle(),
    };
    // Executables are built one after the other (postject holds a whole binary in memory); zips deflate in the background meanwhile.
    const zips: Promise<ReleasedArchive>[] = [];
    for (const platform of RELEASE_PLATFORMS) {
      const pkg = isSeaPlatform(platform) ? await seaPackage(ctx, platform) : { entries: launcherPackage(ctx.bundle, o.version, platform), codeCache: false, started: false };
      const form = isSeaPlatform(platform) ? 'sea' : 'launcher';
      log(`${platform}: ${form}${pkg.codeCache ? ' with V8 code cache' : ''}${pkg.started ? ', started here' : ''}`);
      zips.push(
        writeZip(pkg.entries, timestamp).then((zip) => {
          const file = join(dir, archiveName(o.version, platform));
          writeAtomically(file, zip);
          return { platform, file, bytes: zip.length, form, codeCache: pkg.codeCache, started: pkg.started, h1: packageHashV1(pkg.entries), zh: `zh:${sha256(zip).toString('hex')}` };
        }),
      );
    }
    const archives = await Promise.all(zips);
    const manifestName = `terraform-provider-${PROVIDER_TYPE}_${o.version}_manifest.json`;
    const manifest = `${JSON.stringify({ version: 1, metadata: { protocol_versions: ['6.0'] } }, null, 2)}\n`;
    writeAtomically(join(dir, manifestName), manifest);
    const sums = [
      ...archives.map((a) => ({ name: archiveName(o.version, a.platform), hex: a.zh.slice(3) })),
      { name: manifestName, hex: sha256(manifest).toString('hex') },
    ]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((s) => `${s.hex}  ${s.name}\n`)
      .join('');
    writeAtomically(join(dir, sha256sumsName(o.version)), sums);
    const versionJson = { archives: Object.fromEntries(archives.map((a) => [a.platform, { hashes: [a.h1, a.zh], url: archiveName(o.version, a.platform) }])) };
    writeAtomically(join(dir, `${o.version}.json`), `${JSON.stringify(versionJson, null, 2)}\n`);
    writeAtomically(join(dir, 'index.json'), `${JSON.stringify({ versions: Object.fromEntries(mirroredVersions(dir).map((v) => [v, {}])) }, null, 2)}\n`);
    return { version: o.version, dir, archives, sha256sums: sums, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The versions that have a <version>.json in the mirror folder, in a fixed order. */
function mirroredVersions(dir: string): string[] {
  return readdirSync(dir)
    .map((f) => /^(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.json$/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort();
}
