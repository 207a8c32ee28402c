import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const PACKAGE_NAME = 'idemeum-aws-sso';

/**
 * The directory holding this package's package.json, found by walking up from this file: the
 * same code runs from the sources (src/) and compiled (dist/src/), at different depths.
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${from}; the package is incomplete, reinstall it`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);

export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Whether this copy runs from the TypeScript sources (a checkout) rather than the compiled package. */
export const RUNS_FROM_SOURCE = __filename.endsWith('.ts');
