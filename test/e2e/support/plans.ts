import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { command as accessDiff } from '../../../src/cli/access-diff';
import type { AccessChangeReport } from '../../../src/access';

/** The resource blocks of a synthesized cdk.tf.json, with the construct path CDKTF records. */
export interface SynthesizedStack {
  resource: Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>>;
}

/** A cdk.tf.json: the file itself, or the one in a stack directory. */
export function readStack(path: string): SynthesizedStack {
  return JSON.parse(readFileSync(path.endsWith('.json') ? path : join(path, 'cdk.tf.json'), 'utf8')) as SynthesizedStack;
}

export function addresses(stack: SynthesizedStack): string[] {
  return Object.entries(stack.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

/** The terraform address of the resource whose construct path ends in `constructPath`. */
export function addressOf(stack: SynthesizedStack, constructPath: string): string | undefined {
  for (const [type, byName] of Object.entries(stack.resource)) {
    for (const [name, body] of Object.entries(byName)) {
      if (body['//']?.metadata?.path?.endsWith(`/${constructPath}`)) return `${type}.${name}`;
    }
  }
  return undefined;
}

export interface PlannedChange {
  readonly address: string;
  readonly actions: readonly string[];
  readonly after?: Record<string, unknown>;
}

/** The changes of a `terraform show -json` plan that do something (no no-ops, no reads). */
export function plannedChanges(planJson: string): PlannedChange[] {
  const plan = JSON.parse(planJson) as { resource_changes: { address: string; change: { actions: string[]; after?: Record<string, unknown> } }[] };
  return plan.resource_changes
    .filter((c) => c.change.actions.some((a) => a !== 'no-op' && a !== 'read'))
    .map((c) => ({ address: c.address, actions: c.change.actions, ...(c.change.after && { after: c.change.after }) }));
}

export interface AccessDiffRun {
  readonly code: number;
  readonly markdown: string;
  readonly json: AccessChangeReport;
}

/** `idemeum-aws access-diff --plan <file>` in both formats, as a pipeline would run it. */
export async function runAccessDiff(planFile: string): Promise<AccessDiffRun> {
  const run = async (format: string) => {
    let out = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    try {
      return { code: await accessDiff.run(['--plan', planFile, '--format', format]), out };
    } finally {
      write.mockRestore();
    }
  };
  const markdown = await run('markdown');
  const json = await run('json');
  if (markdown.code !== json.code) throw new Error(`access-diff exited ${markdown.code} for markdown but ${json.code} for json`);
  return { code: json.code, markdown: markdown.out, json: JSON.parse(json.out) as AccessChangeReport };
}

/** Wall-clock progress lines, so a slow run shows where the time went. */
export function step(suite: string, name: string, startedAt: bigint): void {
  process.stderr.write(`[${suite}] ${name}: ${(Number(process.hrtime.bigint() - startedAt) / 1e9).toFixed(1)} s\n`);
}
