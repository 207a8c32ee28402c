import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  accessChanges,
  hasAccessChanges,
  planAccessChanges,
  PlanFormatError,
  renderChangesJson,
  renderChangesMarkdown,
  type AccessChangeReport,
  type IdentityCenterSnapshot,
} from '../access';
import type { Command } from './main';

class UsageError extends Error {}

const USAGE = `usage: idemeum-aws access-diff --plan plan.json [--format markdown|json]
       idemeum-aws access-diff <before.json> <after.json> [--format markdown|json]
  --plan    the output of \`terraform show -json <planfile>\` (\`-\` reads it from stdin): who gains or
            loses which account and permission set if the plan is applied
  two files Identity Center snapshots {users, groups, memberships, permissionSets, assignments}
  --format  markdown (default; a pull-request comment) or json
Exit status: 0 no access changes, 2 access changes (or changes the plan cannot tell), 1 an error.
`;

function read(path: string, what: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

function loadSnapshot(path: string): IdentityCenterSnapshot {
  let parsed: unknown;
  try {
    parsed = JSON.parse(read(path, 'snapshot'));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`snapshot ${path} is not JSON: ${(err as Error).message}`);
  }
  const s = parsed as Partial<IdentityCenterSnapshot>;
  for (const key of ['users', 'groups', 'memberships', 'permissionSets', 'assignments'] as const) {
    if (!Array.isArray(s[key])) throw new UsageError(`snapshot ${path} has no "${key}" array; expected {users, groups, memberships, permissionSets, assignments}`);
  }
  return s as IdentityCenterSnapshot;
}

export const command: Command = {
  usage: USAGE,
  summary: 'show who gains or loses AWS access in a terraform plan (or between two Identity Center snapshots)',
  async run(args) {
    try {
      let parsed;
      try {
        parsed = parseArgs({ args, allowPositionals: true, options: { plan: { type: 'string' }, format: { type: 'string' } } });
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const { values: options, positionals } = parsed;
      const format = options.format ?? 'markdown';
      if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, not ${String(format)}`);
      let report: AccessChangeReport;
      if (options.plan !== undefined) {
        if (positionals.length > 0) throw new UsageError('give either --plan or two snapshot files, not both');
        report = planAccessChanges(read(options.plan, 'plan'), options.plan === '-' ? 'the plan on stdin' : options.plan);
      } else {
        if (positionals.length !== 2) throw new UsageError('expected --plan plan.json or two snapshot files');
        report = accessChanges({ before: loadSnapshot(positionals[0]), after: loadSnapshot(positionals[1]) });
      }
      process.stdout.write(format === 'json' ? renderChangesJson(report) : renderChangesMarkdown(report));
      return hasAccessChanges(report) ? 2 : 0;
    } catch (err) {
      if (!(err instanceof UsageError) && !(err instanceof PlanFormatError)) throw err;
      process.stderr.write(`idemeum-aws access-diff: ${err.message}\n${USAGE}`);
      return 1;
    }
  },
};
