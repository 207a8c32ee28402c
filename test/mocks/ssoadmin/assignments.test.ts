import {
  CreateAccountAssignmentCommand, DeleteAccountAssignmentCommand, DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand, ListAccountAssignmentCreationStatusCommand, ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand, ListAccountsForProvisionedPermissionSetCommand, ListPermissionSetsProvisionedToAccountCommand,
} from '@aws-sdk/client-sso-admin';
import { FAILURE_REASONS } from '../../../mocks/store';
import { awsJsonHarness, sdkError } from './harness';

const ACCOUNT = '111111111111';

describe('SSO Admin account assignments (asynchronous)', () => {
  const h = awsJsonHarness({ asyncSettleMs: 5_000 });
  let permissionSetArn: string;
  let groupId: string;
  beforeEach(async () => {
    h.emulator.state.sso.accounts.add(ACCOUNT);
    groupId = h.group('Engineering').id;
    const res = await h.call('SWBExternalService.CreatePermissionSet', { InstanceArn: h.emulator.state.instanceArn, Name: 'Dev' });
    permissionSetArn = res.body.PermissionSet.PermissionSetArn;
  });
  const assignment = (overrides: Record<string, string> = {}) => ({
    InstanceArn: h.emulator.state.instanceArn,
    TargetId: ACCOUNT,
    TargetType: 'AWS_ACCOUNT' as const,
    PermissionSetArn: permissionSetArn,
    PrincipalType: 'GROUP' as const,
    PrincipalId: groupId,
    ...overrides,
  });
  /** An account of the organization that is not ACTIVE. */
  const suspended = (status: 'SUSPENDED' | 'PENDING_CLOSURE') => {
    h.emulator.state.organization.addAccount('222222222222', { status });
    return '222222222222';
  };
  const describeCreation = (requestId: string) =>
    h.sso.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: h.emulator.state.instanceArn, AccountAssignmentCreationRequestId: requestId }));

  test('CreateAccountAssignment starts IN_PROGRESS and changes nothing until it settles', async () => {
    const out = await h.sso.send(new CreateAccountAssignmentCommand(assignment()));
    expect(out.AccountAssignmentCreationStatus).toMatchObject({
      Status: 'IN_PROGRESS', TargetId: ACCOUNT, TargetType: 'AWS_ACCOUNT', PermissionSetArn: permissionSetArn, PrincipalType: 'GROUP', PrincipalId: groupId,
    });
    expect(out.AccountAssignmentCreationStatus?.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const early = await describeCreation(out.AccountAssignmentCreationStatus!.RequestId!);
    expect(early.AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS');
    expect(h.emulator.state.sso.assignments).toEqual([]);
  });

  test('the assignment exists and the permission set is provisioned once the request SUCCEEDED', async () => {
    const out = await h.sso.send(new CreateAccountAssignmentCommand(assignment()));
    h.clock.advance(5_000);
    const done = await describeCreation(out.AccountAssignmentCreationStatus!.RequestId!);
    expect(done.AccountAssignmentCreationStatus?.Status).toBe('SUCCEEDED');
    expect(done.AccountAssignmentCreationStatus?.FailureReason).toBeUndefined();
    const listed = await h.sso.send(new ListAccountAssignmentsCommand({ InstanceArn: h.emulator.state.instanceArn, AccountId: ACCOUNT, PermissionSetArn: permissionSetArn }));
    expect(listed.AccountAssignments).toEqual([{ AccountId: ACCOUNT, PermissionSetArn: permissionSetArn, PrincipalType: 'GROUP', PrincipalId: groupId }]);
    const accounts = await h.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: h.emulator.state.instanceArn, PermissionSetArn: permissionSetArn }));
    expect(accounts.AccountIds).toEqual([ACCOUNT]);
    const sets = await h.sso.send(new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: h.emulator.state.instanceArn, AccountId: ACCOUNT, ProvisioningStatus: 'LATEST_PERMISSION_SET_PROVISIONED' }));
    expect(sets.PermissionSets).toEqual([permissionSetArn]);
    const forPrincipal = await h.sso.send(new ListAccountAssignmentsForPrincipalCommand({ InstanceArn: h.emulator.state.instanceArn, PrincipalType: 'GROUP', PrincipalId: groupId, Filter: { AccountId: ACCOUNT } }));
    expect(forPrincipal.AccountAssignments).toHaveLength(1);
  });

  test('creating an existing assignment again succeeds and keeps one assignment', async () => {
    for (let i = 0; i < 2; i++) {
      await h.sso.send(new CreateAccountAssignmentCommand(assignment()));
      h.clock.advance(5_000);
    }
    await h.sso.send(new ListAccountAssignmentCreationStatusCommand({ InstanceArn: h.emulator.state.instanceArn }));
    expect(h.emulator.state.sso.assignments).toHaveLength(1);
  });

  test.each([
    ['the principal does not exist', () => ({ PrincipalId: '0000000000-ffffffff-ffff-ffff-ffff-ffffffffffff' }), (id: string) => FAILURE_REASONS.principalNotFound('GROUP', id)],
    ['the account is not in the organization', () => ({ TargetId: '999999999999' }), () => FAILURE_REASONS.accountNotInOrganization('999999999999')],
    ['the account is suspended', () => ({ TargetId: suspended('SUSPENDED') }), () => FAILURE_REASONS.accountNotActive('222222222222')],
    ['the account is pending closure', () => ({ TargetId: suspended('PENDING_CLOSURE') }), () => FAILURE_REASONS.accountNotActive('222222222222')],
  ])('fails when %s: the request settles FAILED with a reason', async (_label, overrides, reason) => {
    const input = assignment(overrides());
    const out = await h.sso.send(new CreateAccountAssignmentCommand(input));
    expect(out.AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS');
    h.clock.advance(5_000);
    const done = await describeCreation(out.AccountAssignmentCreationStatus!.RequestId!);
    expect(done.AccountAssignmentCreationStatus).toMatchObject({ Status: 'FAILED', FailureReason: reason(input.PrincipalId) });
    expect(h.emulator.state.sso.assignments).toEqual([]);
  });

  test.each([
    ['TargetId is not 12 digits', { TargetId: '12345' }, "at 'targetId'"],
    ['PrincipalType is ROLE', { PrincipalType: 'ROLE' }, "at 'principalType' failed to satisfy constraint: Member must satisfy enum value set: [USER, GROUP]"],
    ['TargetType is an OU', { TargetType: 'AWS_OU' }, "at 'targetType'"],
    ['PrincipalId is not an id', { PrincipalId: 'Engineering' }, "at 'principalId'"],
  ])('fails when %s (ValidationException, no request started)', async (_label, overrides, message) => {
    const res = await h.call('SWBExternalService.CreateAccountAssignment', assignment(overrides));
    expect(res.body.__type).toBe('ValidationException');
    expect(res.body.Message).toContain(message);
    expect(h.emulator.state.sso.requests.size).toBe(0);
  });

  test('fails when the permission set does not exist, synchronously', async () => {
    const err = await sdkError(h.sso.send(new CreateAccountAssignmentCommand(assignment({ PermissionSetArn: permissionSetArn.replace(/ps-.*/, 'ps-ffffffffffffffff') }))));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  test(`fails when more than 15 creations are outstanding, with ThrottlingException`, async () => {
    for (let i = 0; i < 15; i++) {
      const user = h.user(`u${i}@example.com`);
      await h.sso.send(new CreateAccountAssignmentCommand(assignment({ PrincipalType: 'USER', PrincipalId: user.id })));
    }
    const err = await sdkError(h.sso.send(new CreateAccountAssignmentCommand(assignment())));
    expect({ name: err.name, status: err.status }).toEqual({ name: 'ThrottlingException', status: 400 });
  });

  test('DeleteAccountAssignment settles, removes the assignment and deprovisions the last use', async () => {
    const created = await h.sso.send(new CreateAccountAssignmentCommand(assignment()));
    h.clock.advance(5_000);
    await describeCreation(created.AccountAssignmentCreationStatus!.RequestId!);
    const out = await h.sso.send(new DeleteAccountAssignmentCommand(assignment()));
    expect(out.AccountAssignmentDeletionStatus?.Status).toBe('IN_PROGRESS');
    expect(h.emulator.state.sso.assignments).toHaveLength(1);
    h.clock.advance(5_000);
    const done = await h.sso.send(new DescribeAccountAssignmentDeletionStatusCommand({
      InstanceArn: h.emulator.state.instanceArn, AccountAssignmentDeletionRequestId: out.AccountAssignmentDeletionStatus!.RequestId!,
    }));
    expect(done.AccountAssignmentDeletionStatus?.Status).toBe('SUCCEEDED');
    expect(h.emulator.state.sso.assignments).toEqual([]);
    expect(h.emulator.state.sso.permissionSets.get(permissionSetArn)?.provisionedTo.size).toBe(0);
    // With nothing left, the permission set can go.
    const deleted = await h.call('SWBExternalService.DeletePermissionSet', { InstanceArn: h.emulator.state.instanceArn, PermissionSetArn: permissionSetArn });
    expect(deleted.status).toBe(200);
  });

  test('fails when deleting a permission set that is still assigned, with ConflictException', async () => {
    await h.sso.send(new CreateAccountAssignmentCommand(assignment()));
    h.clock.advance(5_000);
    const res = await h.call('SWBExternalService.DeletePermissionSet', { InstanceArn: h.emulator.state.instanceArn, PermissionSetArn: permissionSetArn });
    expect(res.body.__type).toBe('ConflictException');
    expect(h.emulator.state.sso.assignments).toHaveLength(1);
  });

  test('fails when deleting an assignment that does not exist, with ResourceNotFoundException', async () => {
    const err = await sdkError(h.sso.send(new DeleteAccountAssignmentCommand(assignment())));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  test('fails when describing an unknown request id, with ResourceNotFoundException', async () => {
    const err = await sdkError(describeCreation('00000000-0000-4000-8000-000000000000'));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  test('ListAccountAssignmentCreationStatus filters by status', async () => {
    await h.sso.send(new CreateAccountAssignmentCommand(assignment()));
    const pending = await h.sso.send(new ListAccountAssignmentCreationStatusCommand({ InstanceArn: h.emulator.state.instanceArn, Filter: { Status: 'IN_PROGRESS' } }));
    expect(pending.AccountAssignmentsCreationStatus).toHaveLength(1);
    h.clock.advance(5_000);
    const stillPending = await h.sso.send(new ListAccountAssignmentCreationStatusCommand({ InstanceArn: h.emulator.state.instanceArn, Filter: { Status: 'IN_PROGRESS' } }));
    expect(stillPending.AccountAssignmentsCreationStatus).toEqual([]);
  });
});
