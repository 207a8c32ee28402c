import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { locateTerraform } from '../../src/terraform/locate';

/** What a figure was measured on; benchmarks record it before and after they run. */
export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly terraform: string | null;
  readonly platform: string;
}

export function machine(): Machine {
  const tf = locateTerraform(process.env).path;
  let terraform: string | null = null;
  if (tf) {
    const out = spawnSync(tf, ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    terraform = out.status === 0 ? (JSON.parse(out.stdout) as { terraform_version: string }).terraform_version : null;
  }
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    terraform,
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * The commit whose code this process loaded (read when the benchmark starts, as its modules are),
 * and whether the code under src/, mocks/, testing/, constructs/ or bench/ differed from it; null
 * outside a git checkout.
 */
const CODE = (() => {
  const root = join(__dirname, '..', '..');
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git('rev-parse', 'HEAD');
  if (head.status !== 0) return null;
  const diff = git('diff', '--quiet', 'HEAD', '--', 'src', 'mocks', 'testing', 'constructs', 'bench', ':(exclude)bench/results');
  return { commit: head.stdout.trim(), changedSinceCommit: diff.status !== 0 };
})();

/** The 1-, 5- and 15-minute load averages, rounded: other work on a shared machine colours every figure. */
export function load(): [number, number, number] {
  return loadavg().map((l) => Math.round(l * 100) / 100) as [number, number, number];
}

/** Whether the run is `npm run bench -- --full` (run.ts passes BENCH_FULL on to each benchmark). */
export function fullRun(): boolean {
  return process.env.BENCH_FULL === '1' || process.argv.includes('--full');
}

/**
 * Writes bench/results/<name>.json (<name>.full.json for --full, so both runs can be kept): the
 * figures, what they were measured on, and the load around them.
 */
export function writeResult(name: string, result: { readonly loadBefore: readonly number[] } & Record<string, unknown>): string {
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}${fullRun() ? '.full' : ''}.json`);
  const body = { benchmark: name, finishedAt: new Date().toISOString(), full: fullRun(), machine: machine(), code: CODE, ...result, loadAfter: load() };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

/** A plain-text table: the first row is the header. */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const text = rows.map((r) => r.map(String));
  const widths = text[0].map((_, c) => Math.max(...text.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(text[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...text.slice(1).map(line)].join('\n');
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
