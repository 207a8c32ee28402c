import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformWorkdir } from '../../src/terraform/workdir';
import { IDENTITY_STORE_OPERATIONS } from '../../mocks/identitystore';
import { addBeforeDispatch } from '../../mocks/server';
import { SSO_ADMIN_OPERATIONS } from '../../mocks/ssoadmin';
import { startEmulator, type StartedEmulator } from '../../mocks/testing';
import { describeWithTerraform } from '../support/terraform';

const FIXTURE = join(__dirname, 'fixtures', 'aws-provider', 'main.tf');
const ACCOUNT_ID = '111122223333';
const GROUP = 'Engineering';

/**
 * The real hashicorp/aws provider (offline mirror) applies plain HCL against the loopback
 * emulator: what it creates must be in the emulator, a second plan must be empty, and destroy
 * must leave nothing behind. The emulator runs with its default (AWS's) API throttles. The
 * assignment waits are the provider's own (10 s before the first status poll), so this suite
 * takes about two minutes.
 */
describeWithTerraform('hashicorp/aws provider against the emulator', (toolchain) => {
  let emulator: StartedEmulator;
  let tf: TerraformWorkdir;
  let groupId: string;
  const targets = new Map<string, number>();
  const perSecond = new Map<string, number>();

  beforeAll(async () => {
    emulator = await startEmulator();
    // Records which operations the provider calls, to catch any the emulator does not implement.
    addBeforeDispatch(emulator.state, (req) => {
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string') {
        targets.set(target, (targets.get(target) ?? 0) + 1);
        // Calls per wall-clock second per throttle bucket, to show how close the provider comes to AWS's rates.
        const second = Math.floor(Date.now() / 1000);
        const bucket = target.startsWith('SWBExternalService.') ? 'SSO Admin' : target;
        perSecond.set(`${bucket}@${second}`, (perSecond.get(`${bucket}@${second}`) ?? 0) + 1);
      }
      return false;
    });
    const accounts = await fetch(`${emulator.endpoint}/_fake/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountIds: [ACCOUNT_ID] }),
    });
    expect(accounts.status).toBe(200);
    const group = await fetch(`${emulator.scimUrl}/Groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/scim+json', authorization: `Bearer ${emulator.scimToken}` },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: GROUP }),
    });
    expect(group.status).toBe(201);
    groupId = ((await group.json()) as { id: string }).id;

    tf = TerraformWorkdir.create({ terraform: toolchain.terraform, mirrors: [toolchain.awsMirror] });
    tf.writeFile('main.tf', readFileSync(FIXTURE, 'utf8'));
    tf.writeFile(
      'terraform.tfvars.json',
      JSON.stringify({ endpoint: emulator.endpoint, account_id: ACCOUNT_ID, group_display_name: GROUP }),
    );
    await tf.init();
  }, 120_000);

  afterAll(async () => {
    await emulator?.close();
    if (tf) rmSync(tf.dir, { recursive: true, force: true });
  });

  test('apply creates the permission set with its policies and the assignment to the SCIM group', async () => {
    const started = Date.now();
    await tf.expectOk(['apply', '-auto-approve', '-no-color', '-input=false'], { timeoutMs: 290_000 });
    process.stderr.write(`[aws-provider e2e] terraform apply took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    const { sso } = emulator.state;
    const permissionSets = [...sso.permissionSets.values()];
    expect(permissionSets).toHaveLength(1);
    const [ps] = permissionSets;
    expect(ps).toMatchObject({ name: 'Engineer', sessionDuration: 'PT8H', relayState: 'https://console.aws.amazon.com/console/home' });
    expect([...ps.tags]).toEqual([['Team', 'platform']]);
    expect([...ps.managedPolicies.keys()]).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(JSON.parse(ps.inlinePolicy ?? '{}').Statement[0].Sid).toBe('ReadLogs');
    expect(ps.permissionsBoundary).toEqual({ ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    expect(sso.assignments).toEqual([
      { accountId: ACCOUNT_ID, permissionSetArn: ps.arn, principalType: 'GROUP', principalId: groupId },
    ]);
    expect(ps.provisionedTo.get(ACCOUNT_ID)).toEqual({ latest: true });
  }, 300_000);

  test('apply creates the Identity Store user, group and membership in the directory SCIM serves', async () => {
    const outputs = await tf.expectOk(['output', '-json', '-no-color']);
    const out = JSON.parse(outputs.stdout) as Record<string, { value: string }>;
    const userId = out.auditor_user_id.value;
    const auditorsId = out.auditors_group_id.value;
    const { directory } = emulator.state;
    expect(directory.getUser(userId)).toMatchObject({
      userName: 'auditor@example.com', displayName: 'Ada Auditor', title: 'Auditor',
      name: { givenName: 'Ada', familyName: 'Auditor' }, emails: [{ value: 'auditor@example.com', type: 'work', primary: true }],
    });
    expect(directory.getGroup(auditorsId)).toMatchObject({ displayName: 'Auditors', description: 'Read-only reviewers' });
    expect(directory.membersOfGroup(auditorsId)).toEqual([{ membershipId: out.auditor_membership_id.value, groupId: auditorsId, userId }]);
    // Same ids on the SCIM side (aws-behavior.md §1.14).
    const scimUser = await fetch(`${emulator.scimUrl}/Users/${userId}`, { headers: { authorization: `Bearer ${emulator.scimToken}` } });
    expect(scimUser.status).toBe(200);
    expect(await scimUser.json()).toMatchObject({ id: userId, userName: 'auditor@example.com' });
  });

  test('a second plan finds no changes (terraform plan -detailed-exitcode exits 0)', async () => {
    const result = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-input=false'], { timeoutMs: 120_000 });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toContain('No changes.');
  }, 130_000);

  test('destroy removes the assignment and the permission set from the emulator', async () => {
    const started = Date.now();
    await tf.expectOk(['destroy', '-auto-approve', '-no-color', '-input=false'], { timeoutMs: 290_000 });
    process.stderr.write(`[aws-provider e2e] terraform destroy took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    expect(emulator.state.sso.assignments).toEqual([]);
    expect(emulator.state.sso.permissionSets.size).toBe(0);
    // The Identity Store user, group and membership are gone; the SCIM group is not Terraform's: it stays.
    const { directory } = emulator.state;
    expect([...directory.users.values()].map((u) => u.userName)).toEqual([]);
    expect([...directory.groups.values()].map((g) => g.displayName)).toEqual([GROUP]);
    expect(directory.membersOfGroup(groupId)).toEqual([]);
  }, 300_000);

  test('the provider called only operations the emulator implements', () => {
    process.stderr.write(`[aws-provider e2e] operations called: ${[...targets].map(([t, n]) => `${t}×${n}`).join(', ')}\n`);
    const busiest = (prefix: string) => Math.max(0, ...[...perSecond].filter(([k]) => k.startsWith(prefix)).map(([, n]) => n));
    process.stderr.write(
      `[aws-provider e2e] busiest second: SSO Admin ${busiest('SSO Admin@')} calls (limit 20), one Identity Store API ${busiest('AWSIdentityStore.')} calls (limit 20)\n`,
    );
    expect(targets.get('SWBExternalService.CreateAccountAssignment')).toBe(1);
    expect(targets.get('AWSIdentityStore.GetGroupId')).toBeGreaterThanOrEqual(1);
    for (const op of ['CreateUser', 'CreateGroup', 'CreateGroupMembership', 'DeleteGroupMembership', 'DeleteGroup', 'DeleteUser']) {
      expect([op, targets.get(`AWSIdentityStore.${op}`)]).toEqual([op, 1]);
    }
    const implemented = new Set([
      ...Object.keys(SSO_ADMIN_OPERATIONS).map((op) => `SWBExternalService.${op}`),
      ...Object.keys(IDENTITY_STORE_OPERATIONS).map((op) => `AWSIdentityStore.${op}`),
    ]);
    expect([...targets.keys()].filter((t) => !implemented.has(t))).toEqual([]);
  });
});
