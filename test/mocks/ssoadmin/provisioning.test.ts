import {
  DescribePermissionSetProvisioningStatusCommand, ListAccountsForProvisionedPermissionSetCommand, ListPermissionSetProvisioningStatusCommand,
  ProvisionPermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { FAILURE_REASONS } from '../../../mocks/store';
import { awsJsonHarness } from './harness';

describe('SSO Admin permission set provisioning', () => {
  const h = awsJsonHarness();
  let arn: string;
  const instance = () => h.emulator.state.instanceArn;
  beforeEach(async () => {
    h.emulator.state.sso.accounts.add('111111111111');
    arn = (await h.call('SWBExternalService.CreatePermissionSet', { InstanceArn: instance(), Name: 'Dev' })).body.PermissionSet.PermissionSetArn;
  });
  const describe_ = (id: string) =>
    h.sso.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: instance(), ProvisionPermissionSetRequestId: id }));

  test('provisioning to an account starts IN_PROGRESS, then SUCCEEDED with the latest version there', async () => {
    const out = await h.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, TargetType: 'AWS_ACCOUNT', TargetId: '111111111111' }));
    expect(out.PermissionSetProvisioningStatus).toMatchObject({ Status: 'IN_PROGRESS', AccountId: '111111111111', PermissionSetArn: arn });
    const done = await describe_(out.PermissionSetProvisioningStatus!.RequestId!);
    expect(done.PermissionSetProvisioningStatus?.Status).toBe('SUCCEEDED');
    const latest = await h.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, ProvisioningStatus: 'LATEST_PERMISSION_SET_PROVISIONED' }));
    expect(latest.AccountIds).toEqual(['111111111111']);
  });

  test('ALL_PROVISIONED_ACCOUNTS brings outdated accounts to the latest version (and succeeds with none)', async () => {
    const ps = h.emulator.state.sso.permissionSets.get(arn)!;
    const first = await h.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }));
    expect((await describe_(first.PermissionSetProvisioningStatus!.RequestId!)).PermissionSetProvisioningStatus?.Status).toBe('SUCCEEDED');
    ps.provisionedTo.set('111111111111', { latest: false });
    const outdated = await h.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED' }));
    expect(outdated.AccountIds).toEqual(['111111111111']);
    const out = await h.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }));
    expect(out.PermissionSetProvisioningStatus).not.toHaveProperty('AccountId');
    await describe_(out.PermissionSetProvisioningStatus!.RequestId!);
    expect(ps.provisionedTo.get('111111111111')).toEqual({ latest: true });
  });

  test('fails when the account is not in the organization: FAILED with a reason', async () => {
    const out = await h.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, TargetType: 'AWS_ACCOUNT', TargetId: '222222222222' }));
    const done = await describe_(out.PermissionSetProvisioningStatus!.RequestId!);
    expect(done.PermissionSetProvisioningStatus).toMatchObject({ Status: 'FAILED', FailureReason: FAILURE_REASONS.accountNotInOrganization('222222222222') });
  });

  test('fails when the account is suspended, and ALL_PROVISIONED_ACCOUNTS fails while one of them is ([U], the stricter reading)', async () => {
    const one = await h.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, TargetType: 'AWS_ACCOUNT', TargetId: '111111111111' }));
    await describe_(one.PermissionSetProvisioningStatus!.RequestId!);
    h.emulator.state.organization.setStatus('111111111111', 'SUSPENDED');
    for (const target of [{ TargetType: 'AWS_ACCOUNT' as const, TargetId: '111111111111' }, { TargetType: 'ALL_PROVISIONED_ACCOUNTS' as const }]) {
      const out = await h.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, ...target }));
      const done = await describe_(out.PermissionSetProvisioningStatus!.RequestId!);
      expect(done.PermissionSetProvisioningStatus).toMatchObject({ Status: 'FAILED', FailureReason: FAILURE_REASONS.accountNotActive('111111111111') });
    }
  });

  test.each([
    ['AWS_ACCOUNT has no TargetId', { TargetType: 'AWS_ACCOUNT' }, 'TargetId is required'],
    ['ALL_PROVISIONED_ACCOUNTS has a TargetId', { TargetType: 'ALL_PROVISIONED_ACCOUNTS', TargetId: '111111111111' }, 'must be omitted'],
    ['TargetType is unknown', { TargetType: 'EVERYWHERE' }, "at 'targetType'"],
  ])('fails when %s', async (_label, input, message) => {
    const res = await h.call('SWBExternalService.ProvisionPermissionSet', { InstanceArn: instance(), PermissionSetArn: arn, ...input });
    expect(res.body).toMatchObject({ __type: 'ValidationException', Message: expect.stringContaining(message) });
    expect(h.emulator.state.sso.requests.size).toBe(0);
  });

  test('ListPermissionSetProvisioningStatus lists requests with their status', async () => {
    await h.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instance(), PermissionSetArn: arn, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }));
    const out = await h.sso.send(new ListPermissionSetProvisioningStatusCommand({ InstanceArn: instance() }));
    expect(out.PermissionSetsProvisioningStatus).toEqual([expect.objectContaining({ Status: 'SUCCEEDED', CreatedDate: h.clock.now() })]);
  });
});
