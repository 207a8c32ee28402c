import { GROUP_URN, patch, scimHarness } from './support';

describe('SCIM membership-operation throttle (scimMembershipOpsPerSecond)', () => {
  const t = scimHarness({ throttle: { enabled: true, scimMembershipOpsPerSecond: 5 } });

  async function users(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await t.createUser(`u${i}`, { emails: [{ value: `u${i}@example.com`, primary: true }] })).id);
    return ids;
  }
  const members = (ids: string[]) => ids.map((value) => ({ value }));

  test('counts each member of a CreateGroup and each member change of a PatchGroup against one budget', async () => {
    t.clock.advance(1000);
    const ids = await users(6);
    const created = await t.call('POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Eng', members: members(ids.slice(0, 3)) });
    expect(created.status).toBe(201);
    // 3 used: adding 2 more fits, a third does not.
    expect((await t.call('PATCH', `/Groups/${created.body.id}`, patch({ op: 'add', path: 'members', value: members(ids.slice(3, 5)) }))).status).toBe(204);
    const throttled = await t.call('PATCH', `/Groups/${created.body.id}`, patch({ op: 'remove', path: 'members', value: members(ids.slice(0, 1)) }));
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ detail: 'Rate exceeded' });
    expect(t.emulator.state.directory.membersOfGroup(created.body.id)).toHaveLength(5);
  });

  test('a request refused as a whole changes nothing and uses none of the budget', async () => {
    t.clock.advance(1000);
    const ids = await users(6);
    const refused = await t.call('POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Big', members: members(ids) });
    expect(refused.status).toBe(429);
    expect(t.emulator.state.directory.findGroupByDisplayName('Big')).toBeUndefined();
    const fits = await t.call('POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Small', members: members(ids.slice(0, 5)) });
    expect(fits.status).toBe(201);
  });

  test('the budget refills in the next second; patches that change only the name are not counted', async () => {
    t.clock.advance(1000);
    const ids = await users(5);
    const g = await t.call('POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Ops', members: members(ids) });
    expect((await t.call('PATCH', `/Groups/${g.body.id}`, patch({ op: 'replace', path: 'displayName', value: 'Operations' }))).status).toBe(204);
    expect((await t.call('PATCH', `/Groups/${g.body.id}`, patch({ op: 'remove', path: 'members', value: members(ids.slice(0, 1)) }))).status).toBe(429);
    t.clock.advance(1000);
    expect((await t.call('PATCH', `/Groups/${g.body.id}`, patch({ op: 'remove', path: 'members', value: members(ids.slice(0, 1)) }))).status).toBe(204);
  });
});

describe('SCIM membership-operation throttle by default (AWS does not publish the value)', () => {
  const t = scimHarness({ throttle: { enabled: true } });

  test('is off: a CreateGroup with 20 members and a PatchGroup removing all 20 in the same second both pass', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await t.createUser(`m${i}`, { emails: [{ value: `m${i}@example.com`, primary: true }] })).id);
    t.clock.advance(1000);
    const members = ids.map((value) => ({ value }));
    const g = await t.call('POST', '/Groups', { schemas: [GROUP_URN], displayName: 'All', members });
    expect(g.status).toBe(201);
    expect((await t.call('PATCH', `/Groups/${g.body.id}`, patch({ op: 'remove', path: 'members', value: members }))).status).toBe(204);
    expect(t.emulator.state.options.throttle.scimMembershipOpsPerSecond).toBeUndefined();
  });
});
