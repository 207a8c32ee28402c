import { GetGroupIdCommand, IdentitystoreClient, ListGroupMembershipsCommand } from '@aws-sdk/client-identitystore';
import {
  AttachManagedPolicyToPermissionSetCommand, CreateAccountAssignmentCommand, CreatePermissionSetCommand, DeleteAccountAssignmentCommand,
  DeleteInlinePolicyFromPermissionSetCommand, DeletePermissionSetCommand, DeletePermissionsBoundaryFromPermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand, DescribeAccountAssignmentDeletionStatusCommand, DescribePermissionSetProvisioningStatusCommand,
  DetachManagedPolicyFromPermissionSetCommand, ListAccountAssignmentsCommand, ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand, ListInstancesCommand, ListPermissionSetsCommand, ListPermissionSetsProvisionedToAccountCommand,
  ProvisionPermissionSetCommand, PutInlinePolicyToPermissionSetCommand, PutPermissionsBoundaryToPermissionSetCommand, SSOAdminClient,
  type StatusValues,
} from '@aws-sdk/client-sso-admin';
import { startEmulator, type StartedEmulator } from '../../mocks/testing';

const ACCOUNT = '210987654321';

/** Polls a status call the way clients do, until the request leaves IN_PROGRESS. */
async function settle(read: () => Promise<StatusValues | undefined>): Promise<StatusValues | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const status = await read();
    if (status !== 'IN_PROGRESS') return status;
    // 100 ms keeps the poll well under SSO Admin's 20 TPS, which the emulator enforces.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('request still IN_PROGRESS after 50 polls');
}

describe('AWS SDK v3 lifecycle against the loopback emulator', () => {
  let emulator: StartedEmulator;
  let sso: SSOAdminClient;
  let identityStore: IdentitystoreClient;

  beforeAll(async () => {
    // Settling takes real time here, so the clients must poll as they would against AWS.
    emulator = await startEmulator({ asyncSettleMs: 50 });
    // The SDK's standard retries (3 attempts) ride out a throttled second, as against AWS.
    const config = { region: 'us-east-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' }, maxAttempts: 3 };
    sso = new SSOAdminClient(config);
    identityStore = new IdentitystoreClient(config);
  });
  afterAll(async () => {
    sso?.destroy();
    identityStore?.destroy();
    await emulator?.close();
  });

  test('permission set with policies, assignment to a SCIM group, listing, deletion', async () => {
    const registered = await fetch(`${emulator.endpoint}/_fake/accounts`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountIds: [ACCOUNT] }),
    });
    expect(registered.status).toBe(200);
    const scim = (path: string, body: unknown) =>
      fetch(`${emulator.scimUrl}${path}`, {
        method: 'POST', headers: { 'content-type': 'application/scim+json', authorization: `Bearer ${emulator.scimToken}` }, body: JSON.stringify(body),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { id: string } }));
    const user = await scim('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@example.com', displayName: 'Ada Lovelace',
      name: { givenName: 'Ada', familyName: 'Lovelace' }, emails: [{ value: 'ada@example.com', type: 'work', primary: true }], active: true,
    });
    const group = await scim('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineering', members: [{ value: user.body.id }],
    });
    expect([user.status, group.status]).toEqual([201, 201]);

    const [instance] = (await sso.send(new ListInstancesCommand({}))).Instances!;
    const InstanceArn = instance.InstanceArn!;
    const found = await identityStore.send(new GetGroupIdCommand({
      IdentityStoreId: instance.IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'Engineering' } },
    }));
    expect(found.GroupId).toBe(group.body.id);
    const members = await identityStore.send(new ListGroupMembershipsCommand({ IdentityStoreId: instance.IdentityStoreId, GroupId: found.GroupId }));
    expect(members.GroupMemberships?.map((m) => m.MemberId)).toEqual([{ UserId: user.body.id }]);

    // Permission set with an AWS-managed policy, an inline policy and a boundary, then provisioned.
    const created = await sso.send(new CreatePermissionSetCommand({ InstanceArn, Name: 'Engineer', SessionDuration: 'PT8H', Tags: [{ Key: 'Team', Value: 'platform' }] }));
    const PermissionSetArn = created.PermissionSet!.PermissionSetArn!;
    const target = { InstanceArn, PermissionSetArn };
    await sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...target, ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await sso.send(new PutInlinePolicyToPermissionSetCommand({
      ...target, InlinePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: '*' }] }),
    }));
    await sso.send(new PutPermissionsBoundaryToPermissionSetCommand({ ...target, PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' } }));
    const provision = await sso.send(new ProvisionPermissionSetCommand({ ...target, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }));
    expect(await settle(async () => (await sso.send(new DescribePermissionSetProvisioningStatusCommand({
      InstanceArn, ProvisionPermissionSetRequestId: provision.PermissionSetProvisioningStatus!.RequestId,
    }))).PermissionSetProvisioningStatus?.Status)).toBe('SUCCEEDED');

    // Assignment to the SCIM group: IN_PROGRESS, then SUCCEEDED.
    const assignment = { ...target, TargetId: ACCOUNT, TargetType: 'AWS_ACCOUNT' as const, PrincipalType: 'GROUP' as const, PrincipalId: found.GroupId };
    const creation = await sso.send(new CreateAccountAssignmentCommand(assignment));
    expect(creation.AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS');
    expect(await settle(async () => (await sso.send(new DescribeAccountAssignmentCreationStatusCommand({
      InstanceArn, AccountAssignmentCreationRequestId: creation.AccountAssignmentCreationStatus!.RequestId,
    }))).AccountAssignmentCreationStatus?.Status)).toBe('SUCCEEDED');

    const listed = await sso.send(new ListAccountAssignmentsCommand({ InstanceArn, AccountId: ACCOUNT, PermissionSetArn }));
    expect(listed.AccountAssignments).toEqual([{ AccountId: ACCOUNT, PermissionSetArn, PrincipalType: 'GROUP', PrincipalId: group.body.id }]);
    const forPrincipal = await sso.send(new ListAccountAssignmentsForPrincipalCommand({ InstanceArn, PrincipalType: 'GROUP', PrincipalId: group.body.id }));
    expect(forPrincipal.AccountAssignments).toHaveLength(1);
    expect((await sso.send(new ListAccountsForProvisionedPermissionSetCommand(target))).AccountIds).toEqual([ACCOUNT]);
    expect((await sso.send(new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn, AccountId: ACCOUNT }))).PermissionSets).toEqual([PermissionSetArn]);

    // Deletion in the order AWS requires: the assignment (asynchronously), the policies, the permission set.
    const deletion = await sso.send(new DeleteAccountAssignmentCommand(assignment));
    expect(await settle(async () => (await sso.send(new DescribeAccountAssignmentDeletionStatusCommand({
      InstanceArn, AccountAssignmentDeletionRequestId: deletion.AccountAssignmentDeletionStatus!.RequestId,
    }))).AccountAssignmentDeletionStatus?.Status)).toBe('SUCCEEDED');
    await sso.send(new DetachManagedPolicyFromPermissionSetCommand({ ...target, ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await sso.send(new DeleteInlinePolicyFromPermissionSetCommand(target));
    await sso.send(new DeletePermissionsBoundaryFromPermissionSetCommand(target));
    await sso.send(new DeletePermissionSetCommand(target));

    expect((await sso.send(new ListPermissionSetsCommand({ InstanceArn }))).PermissionSets).toEqual([]);
    expect(emulator.state.sso.assignments).toEqual([]);
    // The group pushed over SCIM is untouched by SSO Admin.
    expect(emulator.state.directory.getGroup(group.body.id)?.displayName).toBe('Engineering');
  });

  test('fails when the SDK calls an operation on a permission set that is gone, surfacing AWS\'s error type', async () => {
    const [instance] = (await sso.send(new ListInstancesCommand({}))).Instances!;
    const arn = `arn:aws:sso:::permissionSet/${instance.InstanceArn!.split('/')[1]}/ps-0123456789abcdef`;
    await expect(sso.send(new DeletePermissionSetCommand({ InstanceArn: instance.InstanceArn, PermissionSetArn: arn }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 },
    });
  });
});
