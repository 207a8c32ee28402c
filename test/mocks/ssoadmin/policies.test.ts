import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand, AttachManagedPolicyToPermissionSetCommand,
  DeleteInlinePolicyFromPermissionSetCommand, DeletePermissionsBoundaryFromPermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand, GetInlinePolicyForPermissionSetCommand, GetPermissionsBoundaryForPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand, ListManagedPoliciesInPermissionSetCommand, ListTagsForResourceCommand,
  PutInlinePolicyToPermissionSetCommand, PutPermissionsBoundaryToPermissionSetCommand, TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-sso-admin';
import { awsJsonHarness, sdkError } from './harness';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

describe('SSO Admin permission set policies, boundary and tags', () => {
  const h = awsJsonHarness();
  let target: { InstanceArn: string; PermissionSetArn: string };
  beforeEach(async () => {
    const res = await h.call('SWBExternalService.CreatePermissionSet', { InstanceArn: h.emulator.state.instanceArn, Name: 'Dev', Tags: [{ Key: 'Team', Value: 'a' }] });
    target = { InstanceArn: h.emulator.state.instanceArn, PermissionSetArn: res.body.PermissionSet.PermissionSetArn };
  });
  const stored = () => h.emulator.state.sso.permissionSets.get(target.PermissionSetArn)!;

  test('attaches, lists and detaches an AWS-managed policy', async () => {
    await h.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...target, ManagedPolicyArn: READ_ONLY }));
    const listed = await h.sso.send(new ListManagedPoliciesInPermissionSetCommand(target));
    expect(listed.AttachedManagedPolicies).toEqual([{ Name: 'ReadOnlyAccess', Arn: READ_ONLY }]);
    await h.sso.send(new DetachManagedPolicyFromPermissionSetCommand({ ...target, ManagedPolicyArn: READ_ONLY }));
    expect(stored().managedPolicies.size).toBe(0);
  });

  test('fails when the managed policy is already attached, with ConflictException', async () => {
    await h.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...target, ManagedPolicyArn: READ_ONLY }));
    const err = await sdkError(h.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...target, ManagedPolicyArn: READ_ONLY })));
    expect(err.name).toBe('ConflictException');
  });

  test('fails when detaching a policy that is not attached, with ResourceNotFoundException', async () => {
    const err = await sdkError(h.sso.send(new DetachManagedPolicyFromPermissionSetCommand({ ...target, ManagedPolicyArn: READ_ONLY })));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  test.each([
    ['a customer-managed policy ARN', 'arn:aws:iam::123456789012:policy/Mine'],
    ['a bare policy name', 'ReadOnlyAccess'],
  ])('fails when the managed policy is %s', async (_label, arn) => {
    const res = await h.call('SWBExternalService.AttachManagedPolicyToPermissionSet', { ...target, ManagedPolicyArn: arn });
    expect(res.body.__type).toBe('ValidationException');
    expect(res.body.Message).toContain("at 'managedPolicyArn'");
  });

  test('customer-managed references default their path to / and list back', async () => {
    await h.sso.send(new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ ...target, CustomerManagedPolicyReference: { Name: 'Mine' } }));
    await h.sso.send(new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ ...target, CustomerManagedPolicyReference: { Name: 'Mine', Path: '/team/' } }));
    const out = await h.sso.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand(target));
    expect(out.CustomerManagedPolicyReferences).toEqual([{ Name: 'Mine', Path: '/' }, { Name: 'Mine', Path: '/team/' }]);
  });

  test('fails when a customer-managed path does not start and end with /', async () => {
    const res = await h.call('SWBExternalService.AttachCustomerManagedPolicyReferenceToPermissionSet', { ...target, CustomerManagedPolicyReference: { Name: 'Mine', Path: 'team' } });
    expect(res.body.Message).toContain("at 'customerManagedPolicyReference.path'");
  });

  test('accepts 25 managed and customer-managed policies together', async () => {
    for (let i = 0; i < 20; i++) stored().managedPolicies.set(`arn:aws:iam::aws:policy/P${i}`, { Name: `P${i}`, Arn: `arn:aws:iam::aws:policy/P${i}` });
    for (let i = 0; i < 4; i++) stored().customerManagedPolicies.set(`/C${i}`, { Name: `C${i}`, Path: '/' });
    await h.sso.send(new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ ...target, CustomerManagedPolicyReference: { Name: 'Last' } }));
    expect(stored().managedPolicies.size + stored().customerManagedPolicies.size).toBe(25);
  });

  test('fails when a 26th policy is attached, with ServiceQuotaExceededException', async () => {
    for (let i = 0; i < 25; i++) stored().managedPolicies.set(`arn:aws:iam::aws:policy/P${i}`, { Name: `P${i}`, Arn: `arn:aws:iam::aws:policy/P${i}` });
    const err = await sdkError(h.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...target, ManagedPolicyArn: READ_ONLY })));
    expect(err.name).toBe('ServiceQuotaExceededException');
    expect(err.message).toContain('25');
    expect(stored().managedPolicies.has(READ_ONLY)).toBe(false);
  });

  test('puts, gets, replaces and deletes the inline policy', async () => {
    await h.sso.send(new PutInlinePolicyToPermissionSetCommand({ ...target, InlinePolicy: POLICY }));
    expect((await h.sso.send(new GetInlinePolicyForPermissionSetCommand(target))).InlinePolicy).toBe(POLICY);
    const replacement = POLICY.replace('s3:GetObject', 's3:ListBucket');
    await h.sso.send(new PutInlinePolicyToPermissionSetCommand({ ...target, InlinePolicy: replacement }));
    expect(stored().inlinePolicy).toBe(replacement);
    await h.sso.send(new DeleteInlinePolicyFromPermissionSetCommand(target));
    const none = await h.call('SWBExternalService.GetInlinePolicyForPermissionSet', target);
    expect(none).toMatchObject({ status: 200, body: {} });
  });

  test.each([
    ['not JSON', '{"Version": ', 'not valid JSON'],
    ['JSON without a Statement', '{"Version":"2012-10-17"}', 'with a Statement'],
    ['over 10,240 non-whitespace characters', JSON.stringify({ Statement: [{ Sid: 'x'.repeat(10_240) }] }), 'at most 10240'],
    ['over 32,768 characters', ' '.repeat(32_769), "at 'inlinePolicy' failed to satisfy constraint: Member must have length less than or equal to 32768"],
  ])('fails when the inline policy is %s, keeping the old one', async (_label, policy, message) => {
    stored().inlinePolicy = POLICY;
    const res = await h.call('SWBExternalService.PutInlinePolicyToPermissionSet', { ...target, InlinePolicy: policy });
    expect(res.body.__type).toBe('ValidationException');
    expect(res.body.Message).toContain(message);
    expect(stored().inlinePolicy).toBe(POLICY);
  });

  test('puts, gets and deletes a permissions boundary of either kind', async () => {
    await h.sso.send(new PutPermissionsBoundaryToPermissionSetCommand({ ...target, PermissionsBoundary: { ManagedPolicyArn: READ_ONLY } }));
    expect((await h.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(target))).PermissionsBoundary).toEqual({ ManagedPolicyArn: READ_ONLY });
    await h.sso.send(new PutPermissionsBoundaryToPermissionSetCommand({ ...target, PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Fence' } } }));
    expect(stored().permissionsBoundary).toEqual({ CustomerManagedPolicyReference: { Name: 'Fence', Path: '/' } });
    await h.sso.send(new DeletePermissionsBoundaryFromPermissionSetCommand(target));
    const err = await sdkError(h.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(target)));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  test.each([
    ['neither kind', {}],
    ['both kinds', { ManagedPolicyArn: READ_ONLY, CustomerManagedPolicyReference: { Name: 'Fence' } }],
  ])('fails when the boundary names %s', async (_label, boundary) => {
    const res = await h.call('SWBExternalService.PutPermissionsBoundaryToPermissionSet', { ...target, PermissionsBoundary: boundary });
    expect(res.body).toMatchObject({ __type: 'ValidationException', Message: expect.stringContaining('exactly one') });
    expect(stored().permissionsBoundary).toBeUndefined();
  });

  test('a policy change leaves provisioned accounts on an older version', async () => {
    stored().provisionedTo.set('111111111111', { latest: true });
    await h.sso.send(new PutInlinePolicyToPermissionSetCommand({ ...target, InlinePolicy: POLICY }));
    expect(stored().provisionedTo.get('111111111111')).toEqual({ latest: false });
  });

  test('tags: created tags list, TagResource adds, UntagResource removes', async () => {
    const arn = target.PermissionSetArn;
    await h.sso.send(new TagResourceCommand({ InstanceArn: target.InstanceArn, ResourceArn: arn, Tags: [{ Key: 'Env', Value: 'prod' }] }));
    await h.sso.send(new UntagResourceCommand({ InstanceArn: target.InstanceArn, ResourceArn: arn, TagKeys: ['Team'] }));
    const out = await h.sso.send(new ListTagsForResourceCommand({ InstanceArn: target.InstanceArn, ResourceArn: arn }));
    expect(out.Tags).toEqual([{ Key: 'Env', Value: 'prod' }]);
  });

  test('fails when tagging would leave more than 75 tags, adding none', async () => {
    const tags = Array.from({ length: 75 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const err = await sdkError(h.sso.send(new TagResourceCommand({ ResourceArn: target.PermissionSetArn, Tags: tags })));
    expect(err.name).toBe('ServiceQuotaExceededException');
    expect([...stored().tags.keys()]).toEqual(['Team']);
  });

  test('fails when tagging an unknown permission set, with ResourceNotFoundException', async () => {
    const arn = target.PermissionSetArn.replace(/ps-.*/, 'ps-ffffffffffffffff');
    const err = await sdkError(h.sso.send(new ListTagsForResourceCommand({ ResourceArn: arn })));
    expect(err.name).toBe('ResourceNotFoundException');
  });
});
