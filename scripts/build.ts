/**
 * `npm run build` (also run by `npm pack` and when the package is installed from git): compiles
 * constructs/, src/, mocks/, stacks/ and testing/ to CommonJS with declarations in dist/, copies
 * the files the compiled code reads, and bundles the Terraform provider once, so an installed
 * package lays out the provider without esbuild or the TypeScript sources.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PREBUILT_BUNDLE_DIR, bundleProvider, writePrebuiltBundle } from '../src/provider/package/bundle';

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'dist');

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  rmSync(DIST, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', cwd: ROOT });
  // The example stack reads its SP metadata fixture next to itself.
  cpSync(join(ROOT, 'stacks', 'fixtures'), join(DIST, 'stacks', 'fixtures'), { recursive: true });
  const bundle = await bundleProvider();
  mkdirSync(join(ROOT, PREBUILT_BUNDLE_DIR), { recursive: true });
  writePrebuiltBundle(join(ROOT, PREBUILT_BUNDLE_DIR), bundle);
  writeFileSync(join(DIST, 'BUILD.txt'), 'Built by `npm run build` (scripts/build.ts) from the sources beside dist/. Do not edit.\n');
  process.stderr.write(`build: dist/ in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
