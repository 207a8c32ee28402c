import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IdemeumAwsSso } from '../../constructs/idemeum-aws-sso';
import { ManagedPolicy } from '../../constructs/managed-policy';

/** Groups × permission sets × accounts, each group granted one permission set on every account. */
export interface AssignmentShape {
  readonly groups: number;
  readonly permissionSets: number;
  readonly accounts: number;
}

/** Assignments the shape makes: every group gets one permission set on every account. */
export const assignmentCount = (s: AssignmentShape): number => s.groups * s.accounts;

export const accountIds = (s: AssignmentShape): string[] => Array.from({ length: s.accounts }, (_, a) => String(100_000_000_000 + a));

/**
 * The L3 (IdemeumAwsSso) for the shape, synthesized to Terraform JSON: groups pushed over SCIM,
 * permission sets with a managed policy, and grants of permission set p to the groups g with
 * g mod P = p on every account, so each (permission set, account) holds groups / P groups
 * (AWS allows 100). The AWS provider block is empty: the emulator comes from the environment.
 */
export function assignmentsConfig(shape: AssignmentShape, instanceArn: string, tokenIssuedAt: string): object {
  const outdir = mkdtempSync(join(tmpdir(), 'idemeum-bench-synth-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'assignments');
    new AwsProvider(stack, 'aws', {});
    const accounts = accountIds(shape);
    const name = (p: number) => `PS${String(p).padStart(3, '0')}`;
    const group = (g: number) => `Team ${String(g).padStart(4, '0')}`;
    new IdemeumAwsSso(stack, 'Sso', {
      instanceArn,
      scim: { tokenIssuedAt },
      groups: Array.from({ length: shape.groups }, (_, g) => ({ displayName: group(g) })),
      permissionSets: Array.from({ length: shape.permissionSets }, (_, p) => ({ name: name(p), managedPolicies: [ManagedPolicy.aws('ReadOnlyAccess')] })),
      grants: Array.from({ length: shape.permissionSets }, (_, p) => ({
        permissionSet: name(p),
        groups: Array.from({ length: shape.groups }, (_, g) => g).filter((g) => g % shape.permissionSets === p).map(group),
        accounts,
      })),
    });
    app.synth();
    const dir = join(outdir, 'stacks', 'assignments');
    const config = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as { terraform?: { backend?: unknown } };
    // State stays in the benchmark's working directory whatever backend cdktf wrote.
    if (config.terraform) delete config.terraform.backend;
    if (readdirSync(dir).length > 1) throw new Error(`the synthesized stack holds more than cdk.tf.json (${readdirSync(dir).join(', ')}); the benchmark copies only that file`);
    return config;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
