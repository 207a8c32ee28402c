/**
 * Runs the benchmarks under bench/ one after the other, each in its own process (so one
 * benchmark's heap and module cache never colour another's figures), and prints their output.
 * Each writes bench/results/<benchmark>.json. Benchmarks print figures; none passes or fails on time.
 *
 *   npm run bench                       # quick (≤ 8 minutes): the benchmarks below marked quick, at their quick sizes
 *   npm run bench -- --full             # the quick ones and assignments at full size (about 90 minutes)
 *   npm run bench -- terraform-curve    # Terraform's own curve (about 30 minutes; --full: hours), by name only
 *   npm run bench -- scim-push          # the ones whose file name contains the word
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load } from './lib/machine';

/** The quick run: what fits in 8 minutes. */
const QUICK = ['provider-cold-start', 'scim-push', 'scim-throughput', 'terraform-scale'];
/** --full adds these at full size. terraform-curve measures Terraform alone (the README's curve) and runs by name. */
const FULL_ONLY = ['assignments'];

const args = process.argv.slice(2);
const full = args.includes('--full');
const filters = args.filter((a) => !a.startsWith('--'));
const benches = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => (filters.length > 0 ? filters.some((w) => f.includes(w)) : [...QUICK, ...(full ? FULL_ONLY : [])].includes(f.replace(/\.ts$/, ''))))
  .sort();

let failed = 0;
const started = Date.now();
for (const file of benches) {
  process.stdout.write(`\n=== bench/${file}${full ? ' --full' : ''} (load ${load().join(' ')})\n`);
  const t0 = Date.now();
  const result = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, file), ...(full ? ['--full'] : [])], {
    stdio: 'inherit',
    env: { ...process.env, ...(full && { BENCH_FULL: '1' }) },
  });
  process.stdout.write(`=== bench/${file}: ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`bench/${file} exited ${result.status ?? result.signal}\n`);
  }
}
process.stdout.write(`\n${benches.length} benchmarks in ${((Date.now() - started) / 60000).toFixed(1)} min, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
