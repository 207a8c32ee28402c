import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from '../../src/cli/access-diff';

function capture(): { out: () => string; err: () => string; restore: () => void } {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  return { out: () => out, err: () => err, restore: () => (o.mockRestore(), e.mockRestore()) };
}

async function run(args: string[]) {
  const io = capture();
  try {
    const code = await command.run(args);
    return { code, out: io.out(), err: io.err() };
  } finally {
    io.restore();
  }
}

const base = {
  users: [{ id: 'u1', userName: 'a@x.io', active: true }],
  groups: [{ id: 'g1', displayName: 'Admins' }],
  memberships: [{ groupId: 'g1', userId: 'u1' }],
  permissionSets: [{ arn: 'arn:ps', name: 'Admin' }],
  assignments: [] as unknown[],
};

/** A one-assignment plan: an existing user gets a permission set on an account, directly. */
const PLAN = {
  format_version: '1.2',
  prior_state: { values: { root_module: { resources: [
    { address: 'idemeum_pushed_user.a', mode: 'managed', type: 'idemeum_pushed_user', name: 'a', values: { id: 'u1', user_name: 'a@x.io', active: true } },
    { address: 'aws_ssoadmin_permission_set.p', mode: 'managed', type: 'aws_ssoadmin_permission_set', name: 'p', values: { arn: 'arn:ps', name: 'Admin' } },
  ] } } },
  resource_changes: [
    { address: 'idemeum_pushed_user.a', mode: 'managed', type: 'idemeum_pushed_user', name: 'a', change: { actions: ['no-op'], after: { id: 'u1', user_name: 'a@x.io', active: true }, after_unknown: {} } },
    { address: 'aws_ssoadmin_permission_set.p', mode: 'managed', type: 'aws_ssoadmin_permission_set', name: 'p', change: { actions: ['no-op'], after: { arn: 'arn:ps', name: 'Admin' }, after_unknown: {} } },
    { address: 'aws_ssoadmin_account_assignment.x', mode: 'managed', type: 'aws_ssoadmin_account_assignment', name: 'x', change: { actions: ['create'], after: { principal_type: 'USER', principal_id: 'u1', permission_set_arn: 'arn:ps', target_id: '111111111111', target_type: 'AWS_ACCOUNT' }, after_unknown: { id: true } } },
  ],
  configuration: { root_module: {} },
};

describe('idemeum-aws access-diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'access-diff-'));
  const before = join(dir, 'before.json');
  const after = join(dir, 'after.json');
  const planFile = join(dir, 'plan.json');
  writeFileSync(before, JSON.stringify(base));
  writeFileSync(after, JSON.stringify({ ...base, assignments: [{ accountId: '111111111111', permissionSetArn: 'arn:ps', principalType: 'GROUP', principalId: 'g1' }] }));
  writeFileSync(planFile, JSON.stringify(PLAN));

  test('--plan prints the Markdown comment and exits 2 when access changes', async () => {
    const r = await run(['--plan', planFile]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('**1 gain, 0 losses**');
    expect(r.out).toContain('| a@x.io | ➕ gains | 111111111111 | Admin | user |');
  });

  test('--plan --format json prints the contract shape', async () => {
    const r = await run(['--plan', planFile, '--format', 'json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out);
    expect(json).toEqual({
      summary: { gains: 1, losses: 0, usersAdded: 0, usersRemoved: 0 },
      changes: [{ user: 'a@x.io', account: '111111111111', permissionSet: 'Admin', change: 'gain', via: ['user'] }],
      policyChanges: [],
      unresolved: [],
      details: expect.objectContaining({ accountsNewlyReachable: ['111111111111'] }),
    });
  });

  test('exits 0 when a plan changes no access', async () => {
    const quiet = join(dir, 'quiet.json');
    writeFileSync(quiet, JSON.stringify({ ...PLAN, resource_changes: PLAN.resource_changes.slice(0, 2) }));
    const r = await run(['--plan', quiet]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('**No access changes.**');
  });

  test('two snapshots: prints the grants that appear, exits 2', async () => {
    const r = await run([before, after]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('| a@x.io | ➕ gains | 111111111111 | Admin | group:Admins |');
  });

  test.each([
    ['a snapshot lacks a section', () => { const bad = join(dir, 'bad.json'); writeFileSync(bad, JSON.stringify({ users: [] })); return [bad, after]; }, 'has no "groups" array'],
    ['the format is unknown', () => [before, after, '--format', 'xml'], '--format must be markdown or json'],
    ['the plan is a state file', () => { const s = join(dir, 'state.json'); writeFileSync(s, JSON.stringify({ format_version: '1.0', values: {} })); return ['--plan', s]; }, 'is not a Terraform plan in JSON'],
    ['the plan file is missing', () => ['--plan', join(dir, 'nope.json')], 'cannot read plan'],
    ['both a plan and snapshots are given', () => ['--plan', planFile, before], 'give either --plan or two snapshot files, not both'],
  ])('fails with exit 1 when %s, saying why', async (_case, args, message) => {
    const r = await run(args());
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
    expect(r.err).toContain('usage: idemeum-aws access-diff --plan plan.json');
  });
});
