import {
  DescribeGroupCommand, DescribeUserCommand, GetGroupIdCommand, GetUserIdCommand, ListGroupsCommand, ListUsersCommand,
} from '@aws-sdk/client-identitystore';
import { awsJsonHarness, sdkError } from '../ssoadmin/harness';

describe('Identity Store users and groups', () => {
  const h = awsJsonHarness();
  const store = () => h.emulator.state.identityStoreId;
  const issuer = () => `https://scim.aws.com/${h.emulator.state.tenantId}`;

  test.each([['DisplayName'], ['displayName'], ['DISPLAYNAME']])('GetGroupId finds a group by %s (path matched case-insensitively)', async (path) => {
    const group = h.group('Engineering');
    const out = await h.identityStore.send(new GetGroupIdCommand({
      IdentityStoreId: store(), AlternateIdentifier: { UniqueAttribute: { AttributePath: path, AttributeValue: 'Engineering' } },
    }));
    expect(out).toMatchObject({ GroupId: group.id, IdentityStoreId: store() });
  });

  test('GetGroupId finds a group by its SCIM externalId', async () => {
    const group = h.group('Ops', { externalId: 'idemeum-42' });
    const out = await h.identityStore.send(new GetGroupIdCommand({
      IdentityStoreId: store(), AlternateIdentifier: { ExternalId: { Issuer: issuer(), Id: 'idemeum-42' } },
    }));
    expect(out.GroupId).toBe(group.id);
  });

  test('fails when no group matches: ResourceNotFoundException with ResourceType GROUP and RequestId', async () => {
    const res = await h.call('AWSIdentityStore.GetGroupId', {
      IdentityStoreId: store(), AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'Nobody' } },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ __type: 'ResourceNotFoundException', Message: 'GROUP not found.', ResourceType: 'GROUP', RequestId: res.headers.get('x-amzn-requestid') });
  });

  test('fails when the ExternalId issuer is not the SCIM issuer', async () => {
    h.group('Ops', { externalId: 'idemeum-42' });
    const err = await sdkError(h.identityStore.send(new GetGroupIdCommand({
      IdentityStoreId: store(), AlternateIdentifier: { ExternalId: { Issuer: 'https://elsewhere.example', Id: 'idemeum-42' } },
    })));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  test.each([
    ['GetGroupId on a non-unique path', 'AWSIdentityStore.GetGroupId', { UniqueAttribute: { AttributePath: 'Description', AttributeValue: 'x' } }, 'not a unique attribute'],
    ['GetUserId on a non-unique path', 'AWSIdentityStore.GetUserId', { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'x' } }, 'not a unique attribute'],
    ['the AttributeValue is not a string', 'AWSIdentityStore.GetGroupId', { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 7 } }, 'must be a string'],
    ['both union members are given', 'AWSIdentityStore.GetGroupId', { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'x' }, ExternalId: { Issuer: 'i', Id: 'x' } }, 'exactly one'],
  ])('fails when %s, with ValidationException', async (_label, target, alternate, message) => {
    const res = await h.call(target, { IdentityStoreId: store(), AlternateIdentifier: alternate });
    expect(res.body).toMatchObject({ __type: 'ValidationException', Message: expect.stringContaining(message) });
  });

  test.each([
    ['UserName', 'ada@example.com'],
    ['userName', 'ADA@example.com'],
    ['emails.value', 'ada@example.com'],
  ])('GetUserId finds a user by %s', async (path, value) => {
    const user = h.user('ada@example.com');
    const out = await h.identityStore.send(new GetUserIdCommand({
      IdentityStoreId: store(), AlternateIdentifier: { UniqueAttribute: { AttributePath: path, AttributeValue: value } },
    }));
    expect(out.UserId).toBe(user.id);
  });

  test('fails when the identity store is not this one: ResourceNotFoundException IDENTITY_STORE', async () => {
    const res = await h.call('AWSIdentityStore.DescribeGroup', { IdentityStoreId: 'd-ffffffffff', GroupId: h.group('G').id });
    expect(res.body).toMatchObject({ __type: 'ResourceNotFoundException', ResourceType: 'IDENTITY_STORE', ResourceId: 'd-ffffffffff' });
  });

  test('fails when the identity store id is malformed, with ValidationException', async () => {
    const res = await h.call('AWSIdentityStore.ListGroups', { IdentityStoreId: 'store-1' });
    expect(res.body.Message).toContain("Value 'store-1' at 'identityStoreId' failed to satisfy constraint: Member must satisfy regular expression pattern");
  });

  test('DescribeGroup returns the SCIM group with its external id and timestamps', async () => {
    const group = h.group('Engineering', { externalId: 'idemeum-1', description: 'Builders' });
    const out = await h.identityStore.send(new DescribeGroupCommand({ IdentityStoreId: store(), GroupId: group.id }));
    expect(out).toMatchObject({
      GroupId: group.id, DisplayName: 'Engineering', Description: 'Builders', IdentityStoreId: store(),
      ExternalIds: [{ Issuer: issuer(), Id: 'idemeum-1' }],
    });
    expect(out.CreatedAt).toEqual(h.clock.now());
  });

  test('fails when DescribeGroup names an unknown group: ResourceType GROUP with its ResourceId', async () => {
    const id = '0000000000-ffffffff-ffff-ffff-ffff-ffffffffffff';
    const res = await h.call('AWSIdentityStore.DescribeGroup', { IdentityStoreId: store(), GroupId: id });
    expect(res.body).toMatchObject({ __type: 'ResourceNotFoundException', ResourceType: 'GROUP', ResourceId: id });
  });

  test('DescribeUser maps the SCIM user, active:false showing as DISABLED', async () => {
    const user = h.user('ada@example.com', { active: false, title: 'Engineer' });
    const out = await h.identityStore.send(new DescribeUserCommand({ IdentityStoreId: store(), UserId: user.id }));
    expect(out).toMatchObject({
      UserId: user.id, UserName: 'ada@example.com', DisplayName: 'Ada Lovelace', Title: 'Engineer', UserStatus: 'DISABLED',
      Name: { GivenName: 'Ada', FamilyName: 'Lovelace' }, Emails: [{ Value: 'ada@example.com', Type: 'work', Primary: true }],
    });
    expect(out).not.toHaveProperty('Addresses');
  });

  test('ListGroups pages in creation order', async () => {
    const ids = ['A', 'B', 'C'].map((name) => h.group(name).id);
    const first = await h.identityStore.send(new ListGroupsCommand({ IdentityStoreId: store(), MaxResults: 2 }));
    const second = await h.identityStore.send(new ListGroupsCommand({ IdentityStoreId: store(), MaxResults: 2, NextToken: first.NextToken }));
    expect([...first.Groups!, ...second.Groups!].map((g) => g.GroupId)).toEqual(ids);
    expect(second.NextToken).toBeUndefined();
  });

  test('ListGroups honours the deprecated DisplayName filter', async () => {
    h.group('A');
    const b = h.group('B');
    const out = await h.identityStore.send(new ListGroupsCommand({ IdentityStoreId: store(), Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'B' }] }));
    expect(out.Groups?.map((g) => g.GroupId)).toEqual([b.id]);
  });

  test('ListUsers honours the deprecated UserName filter', async () => {
    h.user('a@example.com');
    const b = h.user('b@example.com');
    const out = await h.identityStore.send(new ListUsersCommand({ IdentityStoreId: store(), Filters: [{ AttributePath: 'UserName', AttributeValue: 'b@example.com' }] }));
    expect(out.Users?.map((u) => u.UserId)).toEqual([b.id]);
  });

  test.each([
    ['filter on an unsupported path', { Filters: [{ AttributePath: 'Title', AttributeValue: 'x' }] }, 'not supported'],
    ['two filters', { Filters: [{ AttributePath: 'UserName', AttributeValue: 'a' }, { AttributePath: 'UserName', AttributeValue: 'b' }] }, "at 'filters' failed to satisfy constraint: Member must have length less than or equal to 1"],
    ['MaxResults 0', { MaxResults: 0 }, "at 'maxResults'"],
  ])('fails when ListUsers gets %s', async (_label, input, message) => {
    const res = await h.call('AWSIdentityStore.ListUsers', { IdentityStoreId: store(), ...input });
    expect(res.body).toMatchObject({ __type: 'ValidationException', Message: expect.stringContaining(message) });
  });

  test('fails when the operation is unknown, with UnknownOperationException', async () => {
    const res = await h.call('AWSIdentityStore.FlyToTheMoon', { IdentityStoreId: store() });
    expect(res.body.__type).toBe('UnknownOperationException');
  });
});
