import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_FILE, CODE_CACHE_FILE, compileProvider } from '../../../src/provider/package/launcher';

/** A bundle that reports how it was called. */
const BUNDLE = `module.exports = { filename: __filename, dirname: __dirname, hasRequire: typeof require === 'function', exportsIsModuleExports: exports === module.exports, sum: [1, 2, 3].reduce((a, b) => a + b, 0) };`;

type Probe = { filename: string; dirname: string; hasRequire: boolean; exportsIsModuleExports: boolean; sum: number };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'idemeum-launcher-'));
  writeFileSync(join(dir, BUNDLE_FILE), BUNDLE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('compileProvider', () => {
  test('runs the bundle as a CommonJS module of its own directory', () => {
    expect(compileProvider(dir).run()).toEqual({ filename: join(dir, BUNDLE_FILE), dirname: dir, hasRequire: true, exportsIsModuleExports: true, sum: 6 });
  });

  test('without a cache file there is nothing to reject', () => {
    expect(compileProvider(dir).codeCacheRejected).toBeUndefined();
  });

  test('takes the code cache made from the same bundle', () => {
    writeFileSync(join(dir, CODE_CACHE_FILE), compileProvider(dir).script.createCachedData());
    const compiled = compileProvider(dir);
    expect(compiled.codeCacheRejected).toBe(false);
    expect((compiled.run() as Probe).sum).toBe(6);
  });

  test('fails when the cache is not V8 code cache: V8 rejects it and the bundle still runs from source', () => {
    writeFileSync(join(dir, CODE_CACHE_FILE), Buffer.from('not a code cache'));
    const compiled = compileProvider(dir);
    expect(compiled.codeCacheRejected).toBe(true);
    expect((compiled.run() as Probe).sum).toBe(6);
  });

  test('fails when the cache was made from another bundle: rejected', () => {
    writeFileSync(join(dir, CODE_CACHE_FILE), compileProvider(dir).script.createCachedData());
    writeFileSync(join(dir, BUNDLE_FILE), `${BUNDLE}\nmodule.exports.changed = true;`);
    expect(compileProvider(dir).codeCacheRejected).toBe(true);
  });

  test('codeCache: false ignores a cache file (how the cache itself is made)', () => {
    writeFileSync(join(dir, CODE_CACHE_FILE), compileProvider(dir).script.createCachedData());
    expect(compileProvider(dir, { codeCache: false }).codeCacheRejected).toBeUndefined();
  });

  test('fails when there is no bundle, naming the file', () => {
    rmSync(join(dir, BUNDLE_FILE));
    expect(() => compileProvider(dir)).toThrow(join(dir, BUNDLE_FILE));
  });
});
