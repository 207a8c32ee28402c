import { readFileSync } from 'node:fs';
import { diffAccess, effectiveAccess, IdentityCenterSnapshot, renderDiffMarkdown } from '../access';
import { parseArgs } from 'node:util';
import type { Command } from './main';

class UsageError extends Error {}

const USAGE = 'usage: idemeum-aws access-diff <before.json> <after.json> [--format markdown|json]\n' +
  'Each file is an Identity Center snapshot: {users, groups, memberships, permissionSets, assignments}.\n';

function load(path: string): IdentityCenterSnapshot {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read snapshot ${path}: ${(err as Error).message}`);
  }
  const s = parsed as Partial<IdentityCenterSnapshot>;
  for (const key of ['users', 'groups', 'memberships', 'permissionSets', 'assignments'] as const) {
    if (!Array.isArray(s[key])) throw new UsageError(`snapshot ${path} has no "${key}" array; expected {users, groups, memberships, permissionSets, assignments}`);
  }
  return s as IdentityCenterSnapshot;
}

export const command: Command = {
  usage: USAGE,
  summary: 'show who gains or loses access between two Identity Center snapshots',
  async run(args) {
    try {
      let parsed;
      try {
        parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' } } });
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const { values: options, positionals: positional } = parsed;
      if (positional.length !== 2) throw new UsageError('expected two snapshot files');
      const diff = diffAccess(effectiveAccess(load(positional[0])).grants, effectiveAccess(load(positional[1])).grants);
      const format = options.format ?? 'markdown';
      if (format === 'json') process.stdout.write(JSON.stringify(diff, null, 2) + '\n');
      else if (format === 'markdown') process.stdout.write(renderDiffMarkdown(diff));
      else throw new UsageError(`--format must be markdown or json, not ${String(format)}`);
      return 0;
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      process.stderr.write(`idemeum-aws access-diff: ${err.message}\n${USAGE}`);
      return 2;
    }
  },
};
