import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { PACKAGE_ROOT, RUNS_FROM_SOURCE } from '../../package-info';

const ROOT = PACKAGE_ROOT;

/** Where `npm run build` leaves the bundle, relative to the package root; an installed package uses it. */
export const PREBUILT_BUNDLE_DIR = join('dist', 'provider');
const PREBUILT_FILES = { code: 'provider.js', launcher: 'launch.js', primer: 'prime.js' } as const;

/** The module the bundle replaces with its result, computed at bundle time. */
export const PROTO_DESCRIPTORS_MODULE = join(ROOT, 'src', 'provider', 'server', 'proto-json.ts');

export interface ProviderBundle {
  /** The provider itself (CommonJS, every dependency inlined): the launcher's BUNDLE_FILE. */
  readonly code: string;
  /** The executable's script, without the #! line: compiles and runs the bundle next to it. */
  readonly launcher: string;
  /** Run once at install to write the code cache (see prime.ts). */
  readonly primer: string;
}

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  treeShaking: true,
  write: false,
  legalComments: 'none',
  logLevel: 'silent',
} as const satisfies BuildOptions;

/**
 * Bundles the .proto texts' descriptors as JSON computed now: parsing the .proto text (and
 * proto-loader's reflection descriptors) was, after compiling, the largest cost of a start.
 */
function precomputedProtoDescriptors(): Plugin {
  // require, not import(): the CLI runs TypeScript through tsx's CommonJS hook only.
  const { protoDescriptors } = require('../server/proto-json') as typeof import('../server/proto-json');
  const json = JSON.stringify(JSON.stringify(protoDescriptors()));
  return {
    name: 'precomputed-proto-descriptors',
    setup(build) {
      build.onLoad({ filter: /[\\/]proto-json\.ts$/ }, (args) =>
        resolve(args.path) === PROTO_DESCRIPTORS_MODULE ? { contents: `export function protoDescriptors() { return JSON.parse(${json}); }`, loader: 'ts' } : undefined,
      );
    },
  };
}

export function writePrebuiltBundle(dir: string, bundle: ProviderBundle): void {
  for (const [part, file] of Object.entries(PREBUILT_FILES)) writeFileSync(join(dir, file), bundle[part as keyof ProviderBundle]);
}

/**
 * The provider bundle: built now from the sources in a checkout (so it never lags behind an edit),
 * read from dist/provider/ in an installed package, which has neither esbuild nor the sources.
 */
export async function providerBundle(): Promise<ProviderBundle> {
  if (RUNS_FROM_SOURCE) return bundleProvider();
  const dir = join(ROOT, PREBUILT_BUNDLE_DIR);
  if (!existsSync(join(dir, PREBUILT_FILES.code))) {
    throw new Error(`${dir} has no provider bundle: this copy of idemeum-aws-sso was not built (run npm run build in it, or reinstall the package)`);
  }
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return { code: read(PREBUILT_FILES.code), launcher: read(PREBUILT_FILES.launcher), primer: read(PREBUILT_FILES.primer) };
}

export async function bundleProvider(): Promise<ProviderBundle> {
  const esbuild = await import('esbuild');
  const main = join(ROOT, 'src', 'provider', 'main.ts');
  const [provider, launcher, primer] = await Promise.all([
    esbuild.build({
      ...COMMON,
      stdin: {
        contents: `require(${JSON.stringify(main)}).runProvider().catch((e) => { process.stderr.write('terraform-provider-idemeum: ' + e.message + '\\n'); process.exit(1); });`,
        resolveDir: ROOT,
        loader: 'js',
      },
      plugins: [precomputedProtoDescriptors()],
    }),
    esbuild.build({ ...COMMON, entryPoints: [join(__dirname, 'launch.ts')] }),
    esbuild.build({ ...COMMON, entryPoints: [join(__dirname, 'prime.ts')] }),
  ]);
  return { code: provider.outputFiles[0].text, launcher: launcher.outputFiles[0].text, primer: primer.outputFiles[0].text };
}
