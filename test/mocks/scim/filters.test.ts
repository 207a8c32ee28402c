import { ENTERPRISE_URN, scimHarness, USER_URN, type Resource } from './support';

const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;

describe('SCIM filtering and paging', () => {
  const h = scimHarness();

  describe('ListUsers filters', () => {
    test.each([
      ['userName', (u: Resource) => `userName eq "${u.userName}"`],
      ['userName in another case', (u: Resource) => `userName eq "${u.userName.toUpperCase()}"`],
      ['externalId', (u: Resource) => `externalId eq "${u.externalId}"`],
      ['id', (u: Resource) => `id eq "${u.id}"`],
      ['id and manager', (u: Resource) => `id eq "${u.id}" and manager eq "boss-1"`],
      ['manager and id', (u: Resource) => `manager eq "boss-1" and id eq "${u.id}"`],
      ['a capitalised operator', (u: Resource) => `userName EQ "${u.userName}"`],
    ])('finds a user by %s', async (_label, filter) => {
      await h.createUser('other', { externalId: 'o-1' });
      const u = await h.createUser('target', { externalId: 'ext-9', schemas: [USER_URN, ENTERPRISE_URN], [ENTERPRISE_URN]: { manager: { value: 'boss-1' } } });
      const res = await h.call('GET', `/Users?${q(filter(u))}`);
      expect(res.status).toBe(200);
      expect(res.body.Resources.map((r: Resource) => r.id)).toEqual([u.id]);
      expect(res.body.totalResults).toBe(1);
    });

    test('finds the users of a group with groups.value', async () => {
      const [a, , c] = [await h.createUser('a'), await h.createUser('b'), await h.createUser('c')];
      const g = await h.createGroup('G', { members: [{ value: c.id }, { value: a.id }] });
      const res = await h.call('GET', `/Users?${q(`groups.value eq "${g.id}"`)}`);
      expect(res.body.Resources.map((r: Resource) => r.userName)).toEqual(['a', 'c']);
    });

    test('returns an empty list when nothing matches', async () => {
      const res = await h.call('GET', `/Users?${q('userName eq "nobody"')}`);
      expect(res.body).toEqual({ totalResults: 0, itemsPerPage: 0, startIndex: 1, schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], Resources: [] });
    });

    test.each([
      'userName co "a"',
      'userName sw "a"',
      'userName pr',
      'userName ne "a"',
      'userName eq "a" or userName eq "b"',
      'not (userName eq "a")',
      '(userName eq "a")',
      'displayName eq "a"',
      'emails.value eq "a@x.io"',
      'userName eq "a" and externalId eq "b"',
      'id eq "a" and manager eq "b" and userName eq "c"',
      'userName eq a',
      'active eq true',
      'userName eq "unterminated',
      'manager eq "b"',
    ])('fails when the filter is %s (400)', async (filter) => {
      const res = await h.call('GET', `/Users?${q(filter)}`);
      expect(res.status).toBe(400);
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    });
  });

  describe('ListGroups filters', () => {
    test.each([
      ['displayName', (g: Resource) => `displayName eq "${g.displayName}"`],
      ['externalId', (g: Resource) => `externalId eq "${g.externalId}"`],
      ['members.value', (_g: Resource, u: Resource) => `members.value eq "${u.id}"`],
      ['id and members', (g: Resource, u: Resource) => `id eq "${g.id}" and members eq "${u.id}"`],
      ['members and id', (g: Resource, u: Resource) => `members eq "${u.id}" and id eq "${g.id}"`],
      ['id and member', (g: Resource, u: Resource) => `id eq "${g.id}" and member eq "${u.id}"`],
    ])('finds a group by %s', async (_label, filter) => {
      const u = await h.createUser('mem');
      await h.createGroup('Other', { externalId: 'other' });
      const g = await h.createGroup('Target', { externalId: 'tgt', members: [{ value: u.id }] });
      const res = await h.call('GET', `/Groups?${q(filter(g, u))}`);
      expect(res.status).toBe(200);
      expect(res.body.Resources).toEqual([{ ...g, members: [] }]);
    });

    test('returns no group for id and members when the user is not a member', async () => {
      const u = await h.createUser('outsider');
      const g = await h.createGroup('Closed');
      const res = await h.call('GET', `/Groups?${q(`id eq "${g.id}" and members eq "${u.id}"`)}`);
      expect(res.body.Resources).toEqual([]);
    });

    test.each([
      ['members.value', 'members.value eq "ghost"'],
      ['id and members', 'id eq "g" and members eq "ghost"'],
    ])('fails when a %s filter names a user that does not exist (404)', async (_label, filter) => {
      const res = await h.call('GET', `/Groups?${q(filter)}`);
      expect(res.status).toBe(404);
      expect(res.body.status).toBe('404');
    });

    test.each(['displayName co "a"', 'id eq "a"', 'userName eq "a"', 'displayName eq "a" and externalId eq "b"'])(
      'fails when the filter is %s (400)',
      async (filter) => {
        expect((await h.call('GET', `/Groups?${q(filter)}`)).status).toBe(400);
      },
    );
  });

  describe('paging', () => {
    async function seedUsers(n: number): Promise<void> {
      for (let i = 0; i < n; i++) {
        h.emulator.state.directory.createUser({
          userName: `user${String(i).padStart(3, '0')}`, name: { givenName: 'U', familyName: 'S' }, displayName: 'U S', active: true, emails: [], addresses: [], phoneNumbers: [], roles: [],
        });
      }
    }

    test('plain mode returns at most 100 and reports totalResults as the number returned', async () => {
      await seedUsers(130);
      const res = await h.call('GET', '/Users');
      expect(res.body).toMatchObject({ totalResults: 100, itemsPerPage: 100, startIndex: 1 });
      expect(res.body.Resources).toHaveLength(100);
      expect(res.body).not.toHaveProperty('nextCursor');
    });

    test('count limits the page and startIndex is ignored', async () => {
      await seedUsers(10);
      const res = await h.call('GET', '/Users?count=3&startIndex=5&excludedAttributes=members');
      expect(res.body).toMatchObject({ totalResults: 3, itemsPerPage: 3, startIndex: 1 });
      expect(res.body.Resources.map((r: Resource) => r.userName)).toEqual(['user000', 'user001', 'user002']);
    });

    test.each(['0', '101', '-1', 'ten', '2.5', ''])('fails when count is "%s" (400)', async (count) => {
      const res = await h.call('GET', `/Users?count=${count}`);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/count must be an integer from 1 to 100/);
    });

    test('cursor mode starts with a bare ?cursor and walks every user once, without totalResults', async () => {
      await seedUsers(25);
      const seen: string[] = [];
      let path = '/Users?cursor&count=10';
      let pages = 0;
      for (;;) {
        const res = await h.call('GET', path);
        expect(res.status).toBe(200);
        expect(res.body).not.toHaveProperty('totalResults');
        expect(res.body).not.toHaveProperty('startIndex');
        expect(res.body.itemsPerPage).toBe(res.body.Resources.length);
        seen.push(...res.body.Resources.map((r: Resource) => r.userName));
        pages++;
        if (!res.body.nextCursor) break;
        expect(res.body.nextCursor).toMatch(/^[-a-zA-Z0-9+=/:_]+$/);
        path = `/Users?count=10&cursor=${res.body.nextCursor}`;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `user${String(i).padStart(3, '0')}`));
    });

    test('cursor paging survives deletes between pages', async () => {
      await seedUsers(4);
      const first = await h.call('GET', '/Users?cursor&count=2');
      await h.call('DELETE', `/Users/${first.body.Resources[1].id}`);
      const second = await h.call('GET', `/Users?count=2&cursor=${first.body.nextCursor}`);
      expect(second.body.Resources.map((r: Resource) => r.userName)).toEqual(['user002', 'user003']);
    });

    test('cursor mode works for groups with a filter', async () => {
      const u = await h.createUser('member');
      for (let i = 0; i < 3; i++) await h.createGroup(`G${i}`, { members: [{ value: u.id }] });
      const filter = q(`members.value eq "${u.id}"`);
      const first = await h.call('GET', `/Groups?cursor&count=2&${filter}`);
      expect(first.body.Resources).toHaveLength(2);
      const second = await h.call('GET', `/Groups?count=2&${filter}&cursor=${first.body.nextCursor}`);
      expect(second.body.Resources.map((g: Resource) => g.displayName)).toEqual(['G2']);
      expect(second.body).not.toHaveProperty('nextCursor');
    });

    test('fails when the filter changes between cursor pages (400)', async () => {
      await seedUsers(3);
      const first = await h.call('GET', '/Users?cursor&count=1');
      const res = await h.call('GET', `/Users?count=1&cursor=${first.body.nextCursor}&${q('userName eq "user001"')}`);
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/filter must not change/);
    });

    test('fails when the cursor is not one the emulator issued (400)', async () => {
      const res = await h.call('GET', '/Users?cursor=VGVzdFVzZXJDdXJzb3I');
      expect(res.status).toBe(400);
    });
  });
});
