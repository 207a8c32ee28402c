/**
 * Runs every benchmark under bench/ one after the other, each in its own process (so one
 * benchmark's heap and module cache never colour another's figures), and prints their output.
 * Benchmarks print figures; none of them passes or fails on time.
 *
 *   npm run bench                 # all
 *   npm run bench -- scim-push    # the ones whose file name contains the word
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const benches = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== bench/${file}\n`);
  const result = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`bench/${file} exited ${result.status ?? result.signal}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
