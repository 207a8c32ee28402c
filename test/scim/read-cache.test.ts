import { startEmulator, type StartedEmulator } from '../../mocks/testing';
import { ScimClient } from '../../src/scim/client';
import { ScimReadCache } from '../../src/scim/read-cache';
import type { ScimRequestEvent } from '../../src/scim/transport';
import { seedUsers } from './support/seed';

let emu: StartedEmulator;
const events: ScimRequestEvent[] = [];
let client: ScimClient;
beforeAll(async () => {
  emu = await startEmulator({ throttle: { enabled: false } });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.state.reset();
  const token = emu.state.directory.scimTokens.issue().secret;
  client = new ScimClient({ endpoint: emu.scimUrl, token, rateLimits: false, onRequest: (e) => events.push(e) });
  events.length = 0;
});

describe('ScimReadCache', () => {
  test('concurrent reads of one user share one request; a missing user is undefined', async () => {
    const [u] = seedUsers(emu.state, 1);
    const cache = new ScimReadCache(client);
    const reads = await Promise.all([cache.user(u.id), cache.user(u.id), cache.user(u.id)]);
    expect(reads.map((r) => r?.id)).toEqual([u.id, u.id, u.id]);
    expect(events).toHaveLength(1);
    expect(await cache.user('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  test('past the threshold, reads switch to one paged listing', async () => {
    const users = seedUsers(emu.state, 250);
    const cache = new ScimReadCache(client, { listAfter: 5 });
    for (const u of users) expect((await cache.user(u.id))?.userName).toBe(u.userName);
    expect(events.filter((e) => e.api === 'GetUser')).toHaveLength(5);
    expect(events.filter((e) => e.api === 'ListUsers')).toHaveLength(3); // 250 users, 100 a page
  });

  test('a group member listing primes the user cache and is one request per 100 members', async () => {
    const users = seedUsers(emu.state, 120);
    const g = emu.state.directory.createGroup({ displayName: 'G' });
    for (const u of users) emu.state.directory.addMember(g.id, u.id);
    const cache = new ScimReadCache(client);
    expect(new Set(await cache.membersOf(g.id))).toEqual(new Set(users.map((u) => u.id)));
    expect(events).toHaveLength(2);
    await cache.user(users[7].id);
    expect(events).toHaveLength(2);
  });

  test('forgetting a user makes the next read go to AWS again', async () => {
    const [u] = seedUsers(emu.state, 1);
    const cache = new ScimReadCache(client);
    await cache.user(u.id);
    cache.forgetUser(u.id);
    emu.state.directory.deleteUser(u.id);
    expect(await cache.user(u.id)).toBeUndefined();
    expect(events).toHaveLength(2);
  });

  test('lookups by name switch to the listing past the threshold too, and still find names ignoring case', async () => {
    const users = seedUsers(emu.state, 150);
    const cache = new ScimReadCache(client, { listAfter: 5 });
    for (const u of users) expect((await cache.userByName(u.userName.toUpperCase()))?.id).toBe(u.id);
    expect(await cache.userByName('nobody@example.com')).toBeUndefined();
    const filtered = events.filter((e) => e.api === 'ListUsers' && e.path.includes('filter='));
    expect(filtered).toHaveLength(5);
    expect(events.filter((e) => e.api === 'ListUsers')).toHaveLength(5 + 2); // then 150 users, 100 a page
  });

  test('forgetting a user name drops the listing, so a user created since is found', async () => {
    seedUsers(emu.state, 10);
    const cache = new ScimReadCache(client, { listAfter: 1 });
    await cache.userByName('a@example.com');
    await cache.userByName('b@example.com'); // lists
    expect(await cache.userByName('new0@example.com')).toBeUndefined();
    seedUsers(emu.state, 1, 'new');
    cache.forgetUserName('new0@example.com');
    expect((await cache.userByName('new0@example.com'))?.userName).toBe('new0@example.com');
  });
});
