import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

/**
 * The provider package is three files: the executable (this launcher), the bundle and V8's code
 * cache for it. Terraform's h1: hash in .terraform.lock.hcl covers every file of the package
 * directory, so the bundle and the cache are as pinned as the executable.
 */
export const BUNDLE_FILE = 'provider.js';
export const CODE_CACHE_FILE = 'provider.js.v8-code-cache';

export interface CompiledProvider {
  readonly script: Script;
  /** Whether V8 refused the code cache (made by another node or V8 flags); undefined when there was none. */
  readonly codeCacheRejected: boolean | undefined;
  /** Runs the bundle, which starts the provider; returns its module.exports. */
  run(): unknown;
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined; // the cache only saves time: without it V8 compiles the source as usual
  }
}

/**
 * Compiles the bundle in `dir` the way Node compiles a CommonJS module, but through vm.Script so
 * V8 can take its code cache: Node 20 has no compile cache of its own, and compiling the bundle
 * from source was the largest single cost of a start.
 */
export function compileProvider(dir: string, o: { readonly codeCache?: boolean } = {}): CompiledProvider {
  const filename = join(dir, BUNDLE_FILE);
  const source = readFileSync(filename, 'utf8');
  const cachedData = o.codeCache === false ? undefined : readIfPresent(join(dir, CODE_CACHE_FILE));
  // Node's own module wrapper, on the bundle's first line so line numbers in stack traces hold.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename,
    ...(cachedData && { cachedData }),
  });
  return {
    script,
    codeCacheRejected: cachedData ? script.cachedDataRejected : undefined,
    run() {
      const mod = { exports: {} };
      (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, require, mod, filename, dir);
      return mod.exports;
    },
  };
}
