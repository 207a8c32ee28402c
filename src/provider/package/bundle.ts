import { join, resolve } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';

const ROOT = resolve(__dirname, '..', '..', '..');

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
