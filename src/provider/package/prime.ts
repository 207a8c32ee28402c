import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_CACHE_FILE, compileProvider } from './launcher';

/**
 * Run by `provider install` (bundled, as `node -e <code> <mode> <package dir>`), never shipped.
 *   write: in Terraform's launch environment, starts the provider from source and, when it
 *          prints its handshake line, writes V8's code cache — everything compiled by then,
 *          start-up and the gRPC server — next to the bundle, and exits.
 *   check: prints whether V8 accepts that cache in this node.
 */
const [mode, dir] = process.argv.slice(1);
if (!dir || (mode !== 'write' && mode !== 'check')) throw new Error('usage: node -e <prime> write|check <provider package dir>');
if (mode === 'check') {
  process.stdout.write(compileProvider(dir).codeCacheRejected === false ? 'accepted' : 'rejected');
} else {
  const compiled = compileProvider(dir, { codeCache: false });
  process.stdout.write = (() => {
    writeFileSync(join(dir, CODE_CACHE_FILE), compiled.script.createCachedData());
    process.exit(0);
  }) as typeof process.stdout.write;
  compiled.run();
}
