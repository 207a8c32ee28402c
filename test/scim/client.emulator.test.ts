import { startEmulatorServer, type RunningEmulator } from '../../mocks/server';
import { scimBaseUrl } from '../../mocks/scim';
import { ScimClient } from '../../src/scim/client';
import { ScimConflictError, ScimNotFoundError, ScimUnauthorizedError, ScimValidationError } from '../../src/scim/errors';
import type { ScimRequestEvent } from '../../src/scim/transport';
import { seedUsers } from './support/seed';

/** AWS behaviour (paging, filters, 100-member cap, no members on GET) comes from the emulator on loopback. */
let emu: RunningEmulator;
let token: string;
const events: ScimRequestEvent[] = [];
let scim: ScimClient;

beforeAll(async () => {
  emu = await startEmulatorServer();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.state.reset();
  token = emu.state.directory.scimTokens.issue().secret;
  events.length = 0;
  scim = new ScimClient({ endpoint: scimBaseUrl(emu.state), token, onRequest: (e) => events.push(e) });
});

const person = (i: number) => ({ userName: `user${i}@example.com`, displayName: `User ${i}`, name: { givenName: 'U', familyName: `${i}` } });

describe('ScimClient against the emulator', () => {
  test('creates, reads, patches and deletes a user', async () => {
    const u = await scim.createUser({ ...person(1), externalId: 'idm-1', emails: [{ value: 'user1@example.com', type: 'work', primary: true }] });
    expect(u.id).toBeTruthy();
    expect(await scim.findUserByUserName('user1@example.com')).toMatchObject({ id: u.id, externalId: 'idm-1' });
    const patched = await scim.patchUser(u.id, [{ op: 'replace', path: 'displayName', value: 'Renamed' }]);
    expect(patched.displayName).toBe('Renamed');
    expect(await scim.deleteUser(u.id)).toBe(true);
    await expect(scim.getUser(u.id)).rejects.toBeInstanceOf(ScimNotFoundError);
    expect(await scim.deleteUser(u.id)).toBe(false);
  });

  test('a group with 150 members: created with 100, topped up by one PATCH; members readable per group and per user', async () => {
    const users = seedUsers(emu.state, 150);
    events.length = 0;
    const g = await scim.createGroup({ displayName: 'Big', members: users.map((u) => u.id) });
    expect(events.map((e) => e.api)).toEqual(['CreateGroup', 'PatchGroup']);
    expect(emu.state.directory.membersOfGroup(g.id)).toHaveLength(150);
    const inGroup = await scim.usersInGroup(g.id);
    expect(new Set(inGroup.map((u) => u.id))).toEqual(new Set(users.map((u) => u.id)));
    expect(await scim.groupsOfUser(users[149].id)).toEqual([g.id]);
  });

  test('cursor paging walks past 100 results', async () => {
    seedUsers(emu.state, 130);
    const pages: number[] = [];
    for await (const page of scim.listUsers()) pages.push(page.length);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(130);
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  test('renames a group in place and changes members in chunks', async () => {
    const users = seedUsers(emu.state, 120);
    const g = await scim.createGroup({ displayName: 'Old', members: users.slice(0, 10).map((u) => u.id) });
    await scim.updateGroup(g.id, { displayName: 'New', externalId: 'ext-9' });
    const patches = await scim.changeMembers(g.id, { add: users.slice(10).map((u) => u.id), remove: users.slice(0, 5).map((u) => u.id) });
    expect(patches).toBe(2);
    expect(await scim.getGroup(g.id)).toMatchObject({ id: g.id, displayName: 'New', externalId: 'ext-9' });
    expect(emu.state.directory.membersOfGroup(g.id)).toHaveLength(115);
  });

  test('groupsOfUser is undefined for a user that does not exist (AWS 404s the filter)', async () => {
    expect(await scim.groupsOfUser('9067729b3d-00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  test('fails when a group name is taken, with a typed conflict', async () => {
    await scim.createGroup({ displayName: 'Dup' });
    await expect(scim.createGroup({ displayName: 'Dup' })).rejects.toBeInstanceOf(ScimConflictError);
  });

  test('fails when the group name is reserved', async () => {
    await expect(scim.createGroup({ displayName: 'AWSAdministrators' })).rejects.toBeInstanceOf(ScimValidationError);
  });

  test('fails when the token is wrong, and the message carries no token', async () => {
    const wrong = new ScimClient({ endpoint: scimBaseUrl(emu.state), token: 'x'.repeat(560) });
    const err = (await wrong.serviceProviderConfig().catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(ScimUnauthorizedError);
    expect(err.message).not.toContain('x'.repeat(560));
  });

  test('ServiceProviderConfig answers with a valid token', async () => {
    expect(await scim.serviceProviderConfig()).toMatchObject({ patch: { supported: true } });
  });
});
