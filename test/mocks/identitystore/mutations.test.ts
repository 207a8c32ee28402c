import {
  CreateGroupCommand, CreateUserCommand, DeleteUserCommand, DescribeUserCommand, UpdateGroupCommand, UpdateUserCommand,
} from '@aws-sdk/client-identitystore';
import { scimWithFreshToken } from '../scim/support';
import { awsJsonHarness, sdkError } from '../ssoadmin/harness';

const ADA = {
  UserName: 'ada@example.com',
  DisplayName: 'Ada Lovelace',
  Name: { GivenName: 'Ada', FamilyName: 'Lovelace' },
  Emails: [{ Value: 'ada@example.com', Type: 'work', Primary: true }],
};

describe('Identity Store CreateUser, UpdateUser, DeleteUser, UpdateGroup', () => {
  const h = awsJsonHarness();
  const store = () => h.emulator.state.identityStoreId;
  const dir = () => h.emulator.state.directory;

  /** A SCIM call against the same in-process emulator (a token issued for the test). */
  const scim = (method: string, path: string, body?: unknown) => scimWithFreshToken(h.emulator.state, method, path, body);

  const createAda = async (extra: Record<string, unknown> = {}) => {
    const res = await h.call('AWSIdentityStore.CreateUser', { IdentityStoreId: store(), ...ADA, ...extra });
    if (res.status !== 200) throw new Error(`CreateUser: ${JSON.stringify(res.body)}`);
    return res.body.UserId as string;
  };

  test('CreateUser stores the user, and DescribeUser and SCIM GET show it under the same id', async () => {
    const out = await h.identityStore.send(new CreateUserCommand({
      IdentityStoreId: store(), ...ADA, Title: 'Countess', Addresses: [{ Locality: 'London', Primary: true }], PhoneNumbers: [{ Value: '+44 20 7946 0000' }],
    }));
    expect(out.IdentityStoreId).toBe(store());
    const id = out.UserId!;
    expect(id).toMatch(/^[0-9a-f]{10}-[0-9a-f-]{36}$/);
    const described = await h.identityStore.send(new DescribeUserCommand({ IdentityStoreId: store(), UserId: id }));
    expect(described).toMatchObject({
      UserName: 'ada@example.com', DisplayName: 'Ada Lovelace', Title: 'Countess', UserStatus: 'ENABLED',
      Name: { GivenName: 'Ada', FamilyName: 'Lovelace' }, Emails: [{ Value: 'ada@example.com', Type: 'work', Primary: true }],
      Addresses: [{ Locality: 'London', Primary: true }], PhoneNumbers: [{ Value: '+44 20 7946 0000' }],
    });
    expect(described.ExternalIds).toBeUndefined();
    const viaScim = await scim('GET', `/Users/${id}`);
    expect(viaScim.status).toBe(200);
    expect(viaScim.body).toMatchObject({ id, userName: 'ada@example.com', displayName: 'Ada Lovelace', active: true, title: 'Countess' });
  });

  test('a user created over SCIM can be updated through UpdateUser and SCIM sees the change', async () => {
    const created = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'grace', externalId: 'idemeum-7',
      name: { givenName: 'Grace', familyName: 'Hopper' }, displayName: 'Grace Hopper', active: false,
    });
    expect(created.status).toBe(201);
    await h.identityStore.send(new UpdateUserCommand({
      IdentityStoreId: store(), UserId: created.body.id,
      Operations: [
        { AttributePath: 'displayName', AttributeValue: 'Rear Admiral Hopper' },
        { AttributePath: 'name.honorificPrefix', AttributeValue: 'RADM' },
        { AttributePath: 'emails', AttributeValue: [{ value: 'grace@example.com', type: 'work', primary: true }] },
      ],
    }));
    const viaScim = await scim('GET', `/Users/${created.body.id}`);
    expect(viaScim.body).toMatchObject({
      displayName: 'Rear Admiral Hopper', name: { givenName: 'Grace', familyName: 'Hopper', honorificPrefix: 'RADM' },
      emails: [{ value: 'grace@example.com', type: 'work', primary: true }],
      // What Identity Store cannot see is kept.
      externalId: 'idemeum-7', active: false,
    });
    expect(dir().findUserByEmail('GRACE@example.com')?.id).toBe(created.body.id);
  });

  test('UpdateUser with a null value removes an optional attribute, and paths match case-insensitively', async () => {
    const id = await createAda({ Title: 'Countess', Addresses: [{ Locality: 'London' }] });
    await h.identityStore.send(new UpdateUserCommand({
      IdentityStoreId: store(), UserId: id,
      Operations: [{ AttributePath: 'title', AttributeValue: null as never }, { AttributePath: 'Addresses' }, { AttributePath: 'NickName', AttributeValue: 'Ada' }],
    }));
    expect(dir().getUser(id)).toMatchObject({ nickName: 'Ada', addresses: [] });
    expect(dir().getUser(id)?.title).toBeUndefined();
  });

  test('UpdateUser bumps UpdatedAt and keeps CreatedAt', async () => {
    const id = await createAda();
    h.clock.advance(60_000);
    await h.call('AWSIdentityStore.UpdateUser', { IdentityStoreId: store(), UserId: id, Operations: [{ AttributePath: 'locale', AttributeValue: 'en-GB' }] });
    const described = (await h.call('AWSIdentityStore.DescribeUser', { IdentityStoreId: store(), UserId: id })).body;
    expect(described.UpdatedAt - described.CreatedAt).toBe(60);
  });

  test('DeleteUser removes the user and their memberships; SCIM then answers 404', async () => {
    const id = await createAda();
    const group = h.group('Engineering');
    dir().addMember(group.id, id);
    await h.identityStore.send(new DeleteUserCommand({ IdentityStoreId: store(), UserId: id }));
    expect(dir().getUser(id)).toBeUndefined();
    expect(dir().membersOfGroup(group.id)).toEqual([]);
    expect((await scim('GET', `/Users/${id}`)).status).toBe(404);
    // The freed userName and email can be used again.
    await expect(createAda()).resolves.toMatch(/-/);
  });

  test('UpdateGroup renames a SCIM group and sets its description; SCIM GET shows the new name', async () => {
    const created = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Eng', externalId: 'g-1' });
    await h.identityStore.send(new UpdateGroupCommand({
      IdentityStoreId: store(), GroupId: created.body.id,
      Operations: [{ AttributePath: 'displayName', AttributeValue: 'Engineering' }, { AttributePath: 'description', AttributeValue: 'Builders' }],
    }));
    expect(dir().getGroup(created.body.id)).toMatchObject({ displayName: 'Engineering', description: 'Builders', externalId: 'g-1' });
    expect((await scim('GET', `/Groups/${created.body.id}`)).body).toMatchObject({ displayName: 'Engineering' });
    expect(dir().findGroupByDisplayName('Eng')).toBeUndefined();
  });

  test('CreateGroup with a description, visible over SCIM by id', async () => {
    const out = await h.identityStore.send(new CreateGroupCommand({ IdentityStoreId: store(), DisplayName: 'Auditors', Description: 'Read-only' }));
    expect(dir().getGroup(out.GroupId!)).toMatchObject({ displayName: 'Auditors', description: 'Read-only' });
    expect((await scim('GET', `/Groups/${out.GroupId}`)).body).toMatchObject({ id: out.GroupId, displayName: 'Auditors' });
  });

  test.each([
    ['userName', { UserName: 'ADA@example.com', Emails: [{ Value: 'other@example.com' }] }, 'Duplicate UserName'],
    ['email', { UserName: 'ada2', Emails: [{ Value: 'Ada@Example.com' }] }, 'Duplicate Email'],
  ])('fails when CreateUser repeats an existing %s: ConflictException UNIQUENESS_CONSTRAINT_VIOLATION', async (_label, extra, message) => {
    await createAda();
    const res = await h.call('AWSIdentityStore.CreateUser', { IdentityStoreId: store(), ...ADA, ...extra });
    expect(res.body).toMatchObject({ __type: 'ConflictException', Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION', Message: message });
    expect(dir().users.size).toBe(1);
  });

  test('fails when UpdateUser would give a user another user\'s email, and changes nothing', async () => {
    await createAda();
    const other = await createAda({ UserName: 'bob', Emails: [{ Value: 'bob@example.com' }] });
    const err = await sdkError(h.identityStore.send(new UpdateUserCommand({
      IdentityStoreId: store(), UserId: other,
      Operations: [{ AttributePath: 'displayName', AttributeValue: 'Bob' }, { AttributePath: 'emails', AttributeValue: [{ value: 'ada@example.com' }] }],
    })));
    expect(err.name).toBe('ConflictException');
    expect(dir().getUser(other)).toMatchObject({ displayName: 'Ada Lovelace', emails: [{ value: 'bob@example.com' }] });
  });

  test('fails when UpdateGroup renames onto an existing group name', async () => {
    h.group('Ops');
    const g = h.group('Eng');
    const res = await h.call('AWSIdentityStore.UpdateGroup', { IdentityStoreId: store(), GroupId: g.id, Operations: [{ AttributePath: 'displayName', AttributeValue: 'OPS' }] });
    expect(res.body).toMatchObject({ __type: 'ConflictException', Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION', Message: 'Duplicate GroupDisplayName' });
    expect(dir().getGroup(g.id)?.displayName).toBe('Eng');
  });

  const missing = '0000000000-ffffffff-ffff-ffff-ffff-ffffffffffff';
  test.each([
    ['UpdateUser', { UserId: missing, Operations: [{ AttributePath: 'title', AttributeValue: 'x' }] }, 'USER'],
    ['DeleteUser', { UserId: missing }, 'USER'],
    ['UpdateGroup', { GroupId: missing, Operations: [{ AttributePath: 'description', AttributeValue: 'x' }] }, 'GROUP'],
    ['DeleteGroup', { GroupId: missing }, 'GROUP'],
    ['DeleteGroupMembership', { MembershipId: missing }, 'GROUP_MEMBERSHIP'],
    ['DescribeGroupMembership', { MembershipId: missing }, 'GROUP_MEMBERSHIP'],
  ])('fails when %s names something that does not exist: ResourceNotFoundException', async (op, body, type) => {
    const res = await h.call(`AWSIdentityStore.${op}`, { IdentityStoreId: store(), ...body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ __type: 'ResourceNotFoundException', ResourceType: type, ResourceId: missing });
  });

  test.each([
    ['user', { UserId: missing }, 'USER'],
    ['group', { GroupId: missing }, 'GROUP'],
  ])('fails when CreateGroupMembership names a missing %s', async (_label, ids, type) => {
    const body = { GroupId: h.group('G').id, MemberId: { UserId: h.user('u@example.com').id } };
    if ('UserId' in ids) body.MemberId = ids;
    else body.GroupId = ids.GroupId;
    const res = await h.call('AWSIdentityStore.CreateGroupMembership', { IdentityStoreId: store(), ...body });
    expect(res.body).toMatchObject({ __type: 'ResourceNotFoundException', ResourceType: type, ResourceId: missing });
    expect([...dir().memberships.values()].every((m) => m.size === 0)).toBe(true);
  });

  test('fails when the identity store is not this one: ResourceNotFoundException IDENTITY_STORE', async () => {
    const res = await h.call('AWSIdentityStore.CreateUser', { ...ADA, IdentityStoreId: 'd-0000000000' });
    expect(res.body).toMatchObject({ __type: 'ResourceNotFoundException', ResourceType: 'IDENTITY_STORE' });
    expect(dir().users.size).toBe(0);
  });
});

describe('Identity Store mutation validation (model constraints, all at once, nothing stored)', () => {
  const h = awsJsonHarness();
  const store = () => h.emulator.state.identityStoreId;

  test.each([
    ['a userName with a space', { UserName: 'ada lovelace' }, "at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ['a 129-character userName', { UserName: 'a'.repeat(129) }, "at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128"],
    ['an empty displayName', { DisplayName: '' }, "at 'displayName' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['a zero-width space in the given name', { Name: { GivenName: 'A\u200bda', FamilyName: 'L' } }, "at 'name.givenName' failed to satisfy constraint"],
    ['two emails', { Emails: [{ Value: 'a@example.com' }, { Value: 'b@example.com' }] }, "at 'emails' failed to satisfy constraint: Member must have length less than or equal to 1"],
    ['an empty email list', { Emails: [] }, "at 'emails' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['no displayName', { DisplayName: undefined }, 'missing: DisplayName'],
    ['no name', { Name: undefined }, 'missing: Name.GivenName, Name.FamilyName'],
    ['a reserved userName', { UserName: 'administrator' }, 'reserved by IAM Identity Center'],
  ])('fails when CreateUser gets %s', async (_label, override, message) => {
    const res = await h.call('AWSIdentityStore.CreateUser', { IdentityStoreId: store(), ...ADA, ...override });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ __type: 'ValidationException', Message: expect.stringContaining(message) });
    expect(h.emulator.state.directory.users.size).toBe(0);
  });

  test('CreateUser accepts the smallest valid user (the same table\'s passing case)', async () => {
    const res = await h.call('AWSIdentityStore.CreateUser', { IdentityStoreId: store(), UserName: 'a', DisplayName: 'A', Name: { GivenName: 'A', FamilyName: 'B' } });
    expect(res.status).toBe(200);
  });

  test('fails when CreateUser gets a number for UserName: SerializationException', async () => {
    const res = await h.call('AWSIdentityStore.CreateUser', { IdentityStoreId: store(), ...ADA, UserName: 42 });
    expect(res.body.__type).toBe('SerializationException');
  });

  test('reports every violated constraint in one message', async () => {
    const res = await h.call('AWSIdentityStore.CreateUser', { IdentityStoreId: store(), ...ADA, UserName: 'a b', Title: 't'.repeat(1025) });
    expect(res.body.Message).toMatch(/^2 validation errors detected: /);
  });

  test.each([
    ['no operations', [], "at 'operations' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['101 operations', Array.from({ length: 101 }, () => ({ AttributePath: 'title', AttributeValue: 'x' })), 'less than or equal to 100'],
    ['a path with four segments', [{ AttributePath: 'a.b.c.d', AttributeValue: 'x' }], "at 'operations.1.member.attributePath'"],
    ['an unknown path', [{ AttributePath: 'favouriteColour', AttributeValue: 'x' }], 'favouriteColour is not an attribute that can be updated'],
    ['userName', [{ AttributePath: 'userName', AttributeValue: 'ada2' }], 'userName cannot be changed'],
    ['removing displayName', [{ AttributePath: 'displayName', AttributeValue: null }], 'missing: DisplayName'],
    ['removing the name', [{ AttributePath: 'name' }], 'missing: Name.GivenName, Name.FamilyName'],
    ['an empty string', [{ AttributePath: 'title', AttributeValue: '' }], "at 'title' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['a number for a string attribute', [{ AttributePath: 'title', AttributeValue: 7 }], 'AttributeValue for title must be a string'],
    ['an email object with an unknown key', [{ AttributePath: 'emails', AttributeValue: [{ address: 'a@example.com' }] }], 'emails.address is not an attribute of emails'],
    ['an email that is not a list', [{ AttributePath: 'emails', AttributeValue: { value: 'a@example.com' } }], 'must be a list'],
    ['a string for primary', [{ AttributePath: 'emails', AttributeValue: [{ value: 'a@example.com', primary: 'yes' }] }], "Expected a boolean for 'emails.1.member.primary'"],
  ])('fails when UpdateUser gets %s, and the user is unchanged', async (_label, operations, message) => {
    const user = h.user('ada@example.com', { title: 'Countess' });
    const res = await h.call('AWSIdentityStore.UpdateUser', { IdentityStoreId: store(), UserId: user.id, Operations: operations });
    expect(res.body).toMatchObject({ __type: 'ValidationException', Message: expect.stringContaining(message) });
    expect(h.emulator.state.directory.getUser(user.id)).toBe(user);
  });

  test.each([
    ['a reserved name', [{ AttributePath: 'displayName', AttributeValue: 'AWSAdministrators' }], 'reserved by IAM Identity Center'],
    ['removing displayName', [{ AttributePath: 'displayName' }], "Value null at 'displayName' failed to satisfy constraint: Member must not be null"],
    ['an externalId', [{ AttributePath: 'externalId', AttributeValue: 'x' }], 'Identity Store cannot change them'],
    ['a 1025-character description', [{ AttributePath: 'description', AttributeValue: 'd'.repeat(1025) }], 'less than or equal to 1024'],
  ])('fails when UpdateGroup gets %s, and the group is unchanged', async (_label, operations, message) => {
    const group = h.group('Eng');
    const res = await h.call('AWSIdentityStore.UpdateGroup', { IdentityStoreId: store(), GroupId: group.id, Operations: operations });
    expect(res.body).toMatchObject({ __type: 'ValidationException', Message: expect.stringContaining(message) });
    expect(h.emulator.state.directory.getGroup(group.id)).toBe(group);
  });

  test.each([
    ['a reserved name', { DisplayName: 'Administrator' }, 'reserved by IAM Identity Center'],
    ['a name with a zero-width space', { DisplayName: 'E\u200bng' }, "at 'displayName' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ['an empty description', { DisplayName: 'Eng', Description: '' }, "at 'description'"],
  ])('fails when CreateGroup gets %s', async (_label, body, message) => {
    const res = await h.call('AWSIdentityStore.CreateGroup', { IdentityStoreId: store(), ...body });
    expect(res.body).toMatchObject({ __type: 'ValidationException', Message: expect.stringContaining(message) });
    expect(h.emulator.state.directory.groups.size).toBe(0);
  });
});
