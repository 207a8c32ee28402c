import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { defaultNodeCacheDir } from '../../src/provider/package/node-dist';
import { locateTerraform } from '../../src/terraform/locate';
import { describeOrReport } from './not-run';

export interface ReleaseToolchain {
  readonly terraform: string;
  /** Holds the Node binary packages, fetched once and kept between runs (IDEMEUM_NODE_CACHE or the user's cache dir). */
  readonly nodeCacheDir: string;
}

const ROOT = resolve(__dirname, '..', '..');

/**
 * Fetches the Node binary packages into the cache now (a no-op once they are there), through the
 * same code `provider release` uses, so a suite can say NOT RUN when the registry is out of reach.
 */
function fetchNodePackages(cacheDir: string): string | undefined {
  const script = `const d = require(${JSON.stringify(join(ROOT, 'src', 'provider', 'package', 'node-dist.ts'))});
Promise.all(Object.keys(d.NODE_DISTS).map((p) => d.nodeTarball(p, ${JSON.stringify(cacheDir)}))).then(() => process.exit(0), (e) => { process.stderr.write(e.message); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8', timeout: 600_000 });
  if (r.status === 0) return undefined;
  return `the Node binary packages cannot be had: ${r.stderr.trim() || r.error?.message || `exit ${r.status}`}`;
}

/** `describe` for suites that build a release and run it with real terraform. */
export function describeWithRelease(name: string, body: (toolchain: ReleaseToolchain) => void): void {
  const terraform = locateTerraform();
  const nodeCacheDir = defaultNodeCacheDir();
  const reason = terraform.reason ?? fetchNodePackages(nodeCacheDir);
  describeOrReport('provider release suites', name, reason, () => body({ terraform: terraform.path!, nodeCacheDir }));
}
