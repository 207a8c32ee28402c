import { GROUP_URN, patch, scimHarness } from './support';

describe('SCIM Groups', () => {
  const h = scimHarness();
  const members = (groupId: string) => h.emulator.state.directory.membersOfGroup(groupId).map((m) => m.userId).sort();

  test('creates a group (201) without members in the response, storing the members given', async () => {
    const u = await h.createUser('m1');
    const res = await h.call('POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Engineering', externalId: 'eng', members: [{ value: u.id }] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{10}-/),
      meta: { resourceType: 'Group', created: '2026-01-01T00:00:00Z', lastModified: '2026-01-01T00:00:00Z' },
      schemas: [GROUP_URN],
      displayName: 'Engineering',
      externalId: 'eng',
    });
    expect(members(res.body.id)).toEqual([u.id]);
  });

  test('GET omits the members key; ListGroups shows "members": []', async () => {
    const u = await h.createUser('m2');
    const g = await h.createGroup('Ops', { members: [{ value: u.id }] });
    const got = await h.call('GET', `/Groups/${g.id}`);
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty('members');
    const list = await h.call('GET', '/Groups');
    expect(list.body.Resources).toEqual([{ ...g, members: [] }]);
  });

  test.each([
    ['displayName missing', { schemas: [GROUP_URN] }, 400, /Value at 'displayName'/],
    ['reserved displayName', { schemas: [GROUP_URN], displayName: 'AWSAdministrators' }, 400, /reserved/],
    ['reserved displayName, other case', { schemas: [GROUP_URN], displayName: 'administrator' }, 400, /reserved/],
    ['an unsupported attribute', { schemas: [GROUP_URN], displayName: 'X', description: 'd' }, 400, /description is not supported/],
    ['101 members', { schemas: [GROUP_URN], displayName: 'X', members: Array.from({ length: 101 }, (_, i) => ({ value: `u${i}` })) }, 400, /at most 100/],
    ['a member that does not exist', { schemas: [GROUP_URN], displayName: 'X', members: [{ value: 'nobody' }] }, 404, /nobody not found/],
    ['schemas missing', { displayName: 'X' }, 400, /schemas must include/],
  ])('fails when %s', async (_label, body, status, detail) => {
    const res = await h.call('POST', '/Groups', body);
    expect(res.status).toBe(status);
    expect(res.body.detail).toMatch(detail);
    expect(h.emulator.state.directory.groups.size).toBe(0);
  });

  test('fails when a member is a group (no nesting)', async () => {
    const inner = await h.createGroup('Inner');
    const res = await h.call('POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Outer', members: [{ value: inner.id }] });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/nested groups/);
  });

  test.each([
    ['displayName', { displayName: 'Dup' }, { displayName: 'Dup' }],
    ['displayName differing in case', { displayName: 'Dup' }, { displayName: 'dUP' }],
    ['externalId', { displayName: 'A', externalId: 'x' }, { displayName: 'B', externalId: 'x' }],
  ])('fails when %s is taken (409)', async (_label, first, second) => {
    expect((await h.call('POST', '/Groups', { schemas: [GROUP_URN], ...first })).status).toBe(201);
    const res = await h.call('POST', '/Groups', { schemas: [GROUP_URN], ...second });
    expect(res.status).toBe(409);
    expect(h.emulator.state.directory.groups.size).toBe(1);
  });

  test('DELETE answers 204 and drops memberships; unknown group is 404', async () => {
    const u = await h.createUser('m3');
    const g = await h.createGroup('Gone', { members: [{ value: u.id }] });
    expect((await h.call('DELETE', `/Groups/${g.id}`)).status).toBe(204);
    expect(h.emulator.state.directory.groupsOfUser(u.id)).toEqual([]);
    expect((await h.call('DELETE', `/Groups/${g.id}`)).status).toBe(404);
  });

  describe('PATCH', () => {
    test('adds and removes members, renames, sets externalId, and answers 204 with no body', async () => {
      const [a, b, c] = [await h.createUser('a'), await h.createUser('b'), await h.createUser('c')];
      const g = await h.createGroup('Team', { members: [{ value: a.id }] });
      h.clock.advance(2000);
      const res = await h.call('PATCH', `/Groups/${g.id}`, patch(
        { op: 'add', path: 'members', value: [{ value: b.id }, { value: c.id }] },
        { op: 'remove', path: 'members', value: [{ value: a.id }] },
        { op: 'replace', path: 'displayName', value: 'Team 2' },
        { op: 'replace', path: 'externalId', value: 'team-2' },
      ));
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();
      expect(members(g.id)).toEqual([b.id, c.id].sort());
      const got = (await h.call('GET', `/Groups/${g.id}`)).body;
      expect(got).toMatchObject({ displayName: 'Team 2', externalId: 'team-2', meta: { lastModified: '2026-01-01T00:00:02Z' } });
    });

    test('removes a member by filter path and treats adding a present / removing an absent member as success', async () => {
      const [a, b] = [await h.createUser('a'), await h.createUser('b')];
      const g = await h.createGroup('F', { members: [{ value: a.id }] });
      expect((await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'add', path: 'members', value: [{ value: a.id }] }))).status).toBe(204);
      expect((await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'remove', path: 'members', value: [{ value: b.id }] }))).status).toBe(204);
      expect((await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'remove', path: `members[value eq "${a.id}"]` }))).status).toBe(204);
      expect(members(g.id)).toEqual([]);
    });

    test('accepts a path-less replace of one attribute with the group id alongside (idp-scim-sync)', async () => {
      const g = await h.createGroup('NoPath');
      const res = await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'replace', value: { id: g.id, externalId: 'np' } }));
      expect(res.status).toBe(204);
      expect(h.emulator.state.directory.getGroup(g.id)?.externalId).toBe('np');
    });

    test('accepts exactly 100 member operations', async () => {
      const users = [];
      for (let i = 0; i < 100; i++) users.push(h.emulator.state.directory.createUser({
        userName: `bulk${i}`, name: { givenName: 'B', familyName: 'U' }, displayName: 'B U', active: true, emails: [], addresses: [], phoneNumbers: [], roles: [],
      }));
      const g = await h.createGroup('Hundred');
      const res = await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'add', path: 'members', value: users.map((u) => ({ value: u.id })) }));
      expect(res.status).toBe(204);
      expect(members(g.id)).toHaveLength(100);
    });

    test.each([
      ['replacing members', [{ op: 'replace', path: 'members', value: [{ value: 'x' }] }], 400, /Replacing group memberships is not supported/],
      ['removing all members (no value)', [{ op: 'remove', path: 'members' }], 400, /Removing all group memberships/],
      ['removing all members (empty list)', [{ op: 'remove', path: 'members', value: [] }], 400, /Removing all group memberships/],
      ['more than 100 member operations', [
        { op: 'add', path: 'members', value: Array.from({ length: 60 }, (_, i) => ({ value: `a${i}` })) },
        { op: 'remove', path: 'members', value: Array.from({ length: 41 }, (_, i) => ({ value: `r${i}` })) },
      ], 400, /at most 100 group members; this one changes 101/],
      ['an unpatchable attribute', [{ op: 'replace', path: 'description', value: 'd' }], 400, /only displayName, externalId and members/],
      ['a path-less replace of two attributes', [{ op: 'replace', value: { displayName: 'a', externalId: 'b' } }], 400, /omitting "path"/],
      ['removing displayName', [{ op: 'remove', path: 'displayName' }], 400, /Value at 'displayName'/],
      ['a reserved displayName', [{ op: 'replace', path: 'displayName', value: 'Administrator' }], 400, /reserved/],
      ['adding a member that does not exist', [{ op: 'add', path: 'members', value: [{ value: 'ghost' }] }], 404, /ghost not found/],
    ])('fails when %s and changes nothing', async (_label, ops, status, detail) => {
      const u = await h.createUser('keep');
      const g = await h.createGroup('Stable', { members: [{ value: u.id }] });
      const res = await h.call('PATCH', `/Groups/${g.id}`, patch(...ops));
      expect(res.status).toBe(status);
      expect(res.body.detail).toMatch(detail);
      expect(members(g.id)).toEqual([u.id]);
      expect(h.emulator.state.directory.getGroup(g.id)?.displayName).toBe('Stable');
    });

    test('fails when renaming onto a taken displayName (409) and leaves members untouched', async () => {
      const u = await h.createUser('x');
      await h.createGroup('Taken');
      const g = await h.createGroup('Mine');
      const res = await h.call('PATCH', `/Groups/${g.id}`, patch(
        { op: 'add', path: 'members', value: [{ value: u.id }] },
        { op: 'replace', path: 'displayName', value: 'taken' },
      ));
      expect(res.status).toBe(409);
      expect(members(g.id)).toEqual([]);
    });

    test('fails when the group does not exist (404)', async () => {
      const res = await h.call('PATCH', '/Groups/nope', patch({ op: 'replace', path: 'displayName', value: 'x' }));
      expect(res.status).toBe(404);
    });
  });

  test('fails when PUT /Groups/{id} is used (unsupported, 400)', async () => {
    const g = await h.createGroup('Put');
    const res = await h.call('PUT', `/Groups/${g.id}`, { schemas: [GROUP_URN], displayName: 'Put', members: [] });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/not supported/);
  });
});
