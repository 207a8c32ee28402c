import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStateFile, saveStateFile } from '../../mocks/control';
import { scimWithFreshToken } from './scim/support';
import { EmulatorState, resolveOptions } from '../../mocks/store';
import { awsJsonHarness } from './ssoadmin/harness';

// Users and groups per identity store (aws-behavior.md §4, UG:limits; adjustable, hence options).
// Small quotas here: 2 users, 1 group.
const USERS = 2;
const GROUPS = 1;
const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('users and groups per identity store quotas', () => {
  const h = awsJsonHarness({ usersPerIdentityStore: USERS, groupsPerIdentityStore: GROUPS });
  const dir = () => h.emulator.state.directory;
  const store = () => h.emulator.state.identityStoreId;

  const scim = (method: string, path: string, body?: unknown): Promise<Reply> => scimWithFreshToken(h.emulator.state, method, path, body);

  const scimUser = (n: number) => ({ schemas: [USER_URN], userName: `u${n}`, displayName: `U ${n}`, name: { givenName: 'U', familyName: `${n}` }, emails: [{ value: `u${n}@example.com`, primary: true }] });
  const idsUser = (n: number) => ({ IdentityStoreId: store(), UserName: `u${n}`, DisplayName: `U ${n}`, Name: { GivenName: 'U', FamilyName: `${n}` } });

  interface Surface {
    readonly name: string;
    readonly resource: 'users' | 'groups';
    readonly quota: number;
    create(n: number): Promise<Reply>;
    createdId(reply: Reply): string;
    remove(id: string): Promise<Reply>;
    /** What the refusal must look like on this surface. */
    expectRefused(reply: Reply): void;
  }

  const expectScimQuota = (quotaName: string, quota: number) => (reply: Reply) => {
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400' });
    expect(reply.body.detail).toBe(`Service quota exceeded: ${quotaName} is ${quota}. Delete ${quotaName.split(' ')[0].toLowerCase()} you no longer need or request a quota increase.`);
  };
  const expectIdsQuota = (quotaName: string, quota: number) => (reply: Reply) => {
    expect(reply.status).toBe(400);
    expect(reply.body.__type).toBe('ServiceQuotaExceededException');
    expect(reply.body.Message).toBe(`${quotaName} quota of ${quota} reached. Delete ${quotaName.split(' ')[0].toLowerCase()} you no longer need or request a quota increase.`);
    expect(typeof reply.body.RequestId).toBe('string');
  };

  const surfaces: Surface[] = [
    {
      name: 'SCIM POST /Users', resource: 'users', quota: USERS,
      create: (n) => scim('POST', '/Users', scimUser(n)),
      createdId: (r) => r.body.id,
      remove: (id) => scim('DELETE', `/Users/${id}`),
      expectRefused: expectScimQuota('Users per identity store', USERS),
    },
    {
      name: 'SCIM POST /Groups', resource: 'groups', quota: GROUPS,
      create: (n) => scim('POST', '/Groups', { schemas: [GROUP_URN], displayName: `G${n}` }),
      createdId: (r) => r.body.id,
      remove: (id) => scim('DELETE', `/Groups/${id}`),
      expectRefused: expectScimQuota('Groups per identity store', GROUPS),
    },
    {
      name: 'Identity Store CreateUser', resource: 'users', quota: USERS,
      create: (n) => h.call('AWSIdentityStore.CreateUser', idsUser(n)),
      createdId: (r) => r.body.UserId,
      remove: (UserId) => h.call('AWSIdentityStore.DeleteUser', { IdentityStoreId: store(), UserId }),
      expectRefused: expectIdsQuota('Users per identity store', USERS),
    },
    {
      name: 'Identity Store CreateGroup', resource: 'groups', quota: GROUPS,
      create: (n) => h.call('AWSIdentityStore.CreateGroup', { IdentityStoreId: store(), DisplayName: `G${n}` }),
      createdId: (r) => r.body.GroupId,
      remove: (GroupId) => h.call('AWSIdentityStore.DeleteGroup', { IdentityStoreId: store(), GroupId }),
      expectRefused: expectIdsQuota('Groups per identity store', GROUPS),
    },
  ];
  const held = (s: Surface) => (s.resource === 'users' ? dir().users.size : dir().groups.size);

  describe.each(surfaces)('$name', (s) => {
    test(`fails when one more than the quota is created, and stores nothing`, async () => {
      for (let n = 0; n < s.quota; n++) expect((await s.create(n)).status).toBeLessThan(300);
      const refused = await s.create(s.quota);
      s.expectRefused(refused);
      expect(held(s)).toBe(s.quota);
      const names = s.resource === 'users' ? [...dir().users.values()].map((u) => u.userName) : [...dir().groups.values()].map((g) => g.displayName);
      expect(names).not.toContain(s.resource === 'users' ? `u${s.quota}` : `G${s.quota}`);
    });

    test('a deleted one frees its place', async () => {
      const created: string[] = [];
      for (let n = 0; n < s.quota; n++) created.push(s.createdId(await s.create(n)));
      expect((await s.remove(created[0])).status).toBeLessThan(300);
      const again = await s.create(s.quota);
      expect(again.status).toBeLessThan(300);
      expect(held(s)).toBe(s.quota);
    });
  });

  test('fails when the store is full whichever surface filled it (one directory behind both APIs)', async () => {
    for (let n = 0; n < USERS; n++) expect((await scim('POST', '/Users', scimUser(n))).status).toBe(201);
    expectIdsQuota('Users per identity store', USERS)(await h.call('AWSIdentityStore.CreateUser', idsUser(USERS)));
    expect((await h.call('AWSIdentityStore.CreateGroup', { IdentityStoreId: store(), DisplayName: 'G0' })).status).toBe(200);
    expectScimQuota('Groups per identity store', GROUPS)(await scim('POST', '/Groups', { schemas: [GROUP_URN], displayName: 'G1' }));
  });

  test('fails with 409, not the quota, when a full store is asked for a duplicate (the client can adopt it)', async () => {
    await scim('POST', '/Users', scimUser(0));
    await scim('POST', '/Users', scimUser(1));
    expect((await scim('POST', '/Users', scimUser(0))).status).toBe(409);
  });

  test('fails when SCIM CreateGroup with members hits the quota, storing neither the group nor its memberships', async () => {
    const user = dir().createUser({ userName: 'm', name: { givenName: 'M', familyName: 'M' }, displayName: 'M', active: true, emails: [], addresses: [], phoneNumbers: [], roles: [] });
    dir().createGroup({ displayName: 'Full' });
    const refused = await scim('POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Eng', members: [{ value: user.id }] });
    expect(refused.status).toBe(400);
    expect(dir().groups.size).toBe(1);
    expect(dir().groupsOfUser(user.id)).toEqual([]);
  });
});

describe('a refused SCIM CreateGroup spends none of the membership throttle', () => {
  const h = awsJsonHarness({ groupsPerIdentityStore: 1, throttle: { enabled: true, scimMembershipOpsPerSecond: 1 } });

  test('the one membership operation allowed this second is still there after a quota refusal', async () => {
    const dir = h.emulator.state.directory;
    const post = async (displayName: string, members: string[]) =>
      (await scimWithFreshToken(h.emulator.state, 'POST', '/Groups', { schemas: [GROUP_URN], displayName, members: members.map((value) => ({ value })) })).status;
    h.clock.advance(1000);
    const user = h.user('m@example.com');
    const first = dir.createGroup({ displayName: 'Full' });
    expect(await post('Eng', [user.id])).toBe(400);
    dir.deleteGroup(first.id);
    expect(await post('Eng', [user.id])).toBe(201);
    expect(dir.groupsOfUser(user.id)).toHaveLength(1);
  });
});

describe('quota options', () => {
  test('default to the published quotas', () => {
    expect(resolveOptions()).toMatchObject({ usersPerIdentityStore: 200_000, groupsPerIdentityStore: 100_000 });
    const state = new EmulatorState();
    expect(state.options.usersPerIdentityStore).toBe(200_000);
  });

  test.each([
    ['usersPerIdentityStore', 1],
    ['groupsPerIdentityStore', 250_000],
  ])('accepts %s = %s', (name, value) => {
    expect(resolveOptions({ [name]: value })).toMatchObject({ [name]: value });
  });

  test.each([
    ['usersPerIdentityStore', 0, 'usersPerIdentityStore must be a whole number (1 or more), got 0; AWS\'s default quota is 200000'],
    ['usersPerIdentityStore', 1.5, 'usersPerIdentityStore must be a whole number (1 or more), got 1.5'],
    ['groupsPerIdentityStore', -3, 'groupsPerIdentityStore must be a whole number (1 or more), got -3; AWS\'s default quota is 100000'],
    ['groupsPerIdentityStore', Number.NaN, 'groupsPerIdentityStore must be a whole number (1 or more), got NaN'],
  ])('fails when %s is %s', (name, value, message) => {
    expect(() => resolveOptions({ [name]: value })).toThrow(message);
    expect(() => new EmulatorState({ [name]: value })).toThrow(RangeError);
  });
});

describe('state files and the quotas', () => {
  let dirPath: string;
  beforeEach(() => {
    dirPath = mkdtempSync(join(tmpdir(), 'quota-state-'));
  });
  afterEach(() => rmSync(dirPath, { recursive: true, force: true }));

  test('fails when a saved store holds more users than the quota it is loaded with, naming the option', () => {
    const state = new EmulatorState();
    for (const userName of ['a', 'b']) {
      state.directory.createUser({ userName, name: { givenName: 'A', familyName: 'B' }, displayName: 'A B', active: true, emails: [], addresses: [], phoneNumbers: [], roles: [] });
    }
    const file = join(dirPath, 'state.json');
    saveStateFile(state, file);
    expect(() => loadStateFile(file, { usersPerIdentityStore: 1 })).toThrow(/holds at most 1 users .*option usersPerIdentityStore/);
    expect(loadStateFile(file, { usersPerIdentityStore: 2 }).directory.users.size).toBe(2);
  });
});
