import { resolveOptions } from '../../../mocks/store';
import { awsJsonHarness } from './harness';

describe('SSO Admin permission sets per instance quota (UG:limits, adjustable)', () => {
  const h = awsJsonHarness({ permissionSetsPerInstance: 2 });
  const create = (Name: string) => h.call('SWBExternalService.CreatePermissionSet', { InstanceArn: h.emulator.state.instanceArn, Name });

  test('defaults to the published 3,500', () => {
    expect(resolveOptions().permissionSetsPerInstance).toBe(3_500);
  });

  test.each([0, -1, 2.5])('fails when permissionSetsPerInstance is %s', (value) => {
    expect(() => resolveOptions({ permissionSetsPerInstance: value })).toThrow(/permissionSetsPerInstance must be a whole number/);
  });

  test('fails when one more permission set than the quota is created, with ServiceQuotaExceededException', async () => {
    expect((await create('a')).status).toBe(200);
    expect((await create('b')).status).toBe(200);
    const res = await create('c');
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('ServiceQuotaExceededException');
    expect(res.body.Message).toMatch(/at most 2 permission sets/);
    expect(h.emulator.state.sso.permissionSets.size).toBe(2);
  });

  test('a deleted permission set frees its place', async () => {
    await create('a');
    const b = await create('b');
    await h.call('SWBExternalService.DeletePermissionSet', { InstanceArn: h.emulator.state.instanceArn, PermissionSetArn: b.body.PermissionSet.PermissionSetArn });
    expect((await create('c')).status).toBe(200);
  });
});

describe('SSO Admin groups per permission set per account quota (UG:limits: 100, not adjustable)', () => {
  const h = awsJsonHarness();
  const ACCOUNT = '111111111111';
  let permissionSetArn: string;
  beforeEach(async () => {
    h.emulator.state.sso.accounts.add(ACCOUNT);
    const res = await h.call('SWBExternalService.CreatePermissionSet', { InstanceArn: h.emulator.state.instanceArn, Name: 'Dev' });
    permissionSetArn = res.body.PermissionSet.PermissionSetArn;
    for (let i = 0; i < 100; i++) {
      const group = h.group(`G${i}`);
      h.emulator.state.sso.assignments.push({ accountId: ACCOUNT, permissionSetArn, principalType: 'GROUP', principalId: group.id });
    }
  });
  const assign = (PrincipalType: 'USER' | 'GROUP', PrincipalId: string, TargetId = ACCOUNT) =>
    h.call('SWBExternalService.CreateAccountAssignment', {
      InstanceArn: h.emulator.state.instanceArn, TargetId, TargetType: 'AWS_ACCOUNT', PermissionSetArn: permissionSetArn, PrincipalType, PrincipalId,
    });

  test('fails when a 101st group is assigned the permission set in the account, with ServiceQuotaExceededException', async () => {
    const res = await assign('GROUP', h.group('G100').id);
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('ServiceQuotaExceededException');
    expect(res.body.Message).toMatch(/at most 100 groups/);
    expect(h.emulator.state.sso.requests.size).toBe(0);
  });

  test('still accepts an assignment that exists, a user, and the 101st group in another account', async () => {
    const existing = h.emulator.state.sso.assignments[0].principalId;
    expect((await assign('GROUP', existing)).status).toBe(200);
    expect((await assign('USER', h.user('ada@example.com').id)).status).toBe(200);
    h.emulator.state.sso.accounts.add('222222222222');
    expect((await assign('GROUP', h.group('G100').id, '222222222222')).status).toBe(200);
  });
});
