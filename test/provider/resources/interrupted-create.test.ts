import type { ObjectValue } from '../../../src/provider/codec/values';
import { fault as faultApi, useResourceEnv } from './support/env';
import { seedUsers } from '../../scim/support/seed';

/**
 * Creates whose answer was lost (Ctrl-C, a killed provider or terraform): the object exists in
 * AWS but not in state. The next apply recognises it by this resource's external_id and takes
 * it into state; an object with no or another external_id is never taken over.
 * Every `env.core()` is a new provider process, as Terraform starts one per walk.
 */
const U = 'idemeum_pushed_user';
const G = 'idemeum_pushed_group';
const env = useResourceEnv();

const fault = (method: 'POST' | 'DELETE', body?: object) => faultApi(env, method, body);

const dir = () => env.emu.state.directory;
const ana: ObjectValue = { user_name: 'ana@example.com', display_name: 'Ana Lee', given_name: 'Ana', family_name: 'Lee', external_id: 'idm-ana' };

/** What AWS holds after our POST was applied but its answer never reached Terraform. */
function orphanUser(over: { externalId?: string; displayName?: string } = {}) {
  const { externalId = 'idm-ana', displayName = 'Ana Lee' } = over;
  return dir().createUser({
    userName: 'ana@example.com',
    displayName,
    name: { givenName: 'Ana', familyName: 'Lee' },
    active: true,
    ...(externalId !== '' && { externalId }),
    emails: [{ value: 'ana@example.com', type: 'work', primary: true }],
    addresses: [],
    phoneNumbers: [],
    roles: [],
  });
}

describe('a user whose create was interrupted', () => {
  test('is taken into state by the next apply when it carries the external_id: no duplicate, values brought to the plan', async () => {
    const orphan = orphanUser({ displayName: 'Ana (old)' });
    const plan = await (await env.core()).plan(U, { prior: null, config: ana });
    expect(plan.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', summary: 'Creating pushed user (ana@example.com): takes over the user an interrupted apply created' })]);
    const { state } = await (await env.core()).create(U, ana);
    expect(state.id).toBe(orphan.id);
    expect(dir().users.size).toBe(1);
    expect(dir().getUser(orphan.id)?.displayName).toBe('Ana Lee');
  });

  test.each([
    ['has no external_id', ''],
    ['has another external_id', 'someone-elses'],
  ])('fails at plan when the same-named user %s: it was not created here and is not taken over', async (_name, externalId) => {
    const theirs = orphanUser({ externalId, displayName: 'Not Ana' });
    const plan = await (await env.core()).plan(U, { prior: null, config: ana });
    expect(plan.diagnostics).toHaveLength(1);
    expect(plan.diagnostics[0]).toMatchObject({ severity: 'error', path: ['user_name'], detail: expect.stringContaining('is not taken over') });
    expect(plan.diagnostics[0].detail).toContain('import { to = <resource address>, id = "ana@example.com" }');
    expect(dir().getUser(theirs.id)?.displayName).toBe('Not Ana');
  });

  test('fails at apply when a same-named user without the external_id appeared after the plan: it is not touched', async () => {
    const core = await env.core();
    const plan = await core.plan(U, { prior: null, config: ana });
    const theirs = orphanUser({ externalId: '', displayName: 'Not Ana' });
    const applied = await core.apply(U, { prior: null, planned: plan.planned, config: ana });
    expect(applied.state).toBeNull();
    expect(applied.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'creating pushed user (ana@example.com): user name already exists in AWS', path: ['user_name'] });
    expect(applied.diagnostics[0].detail).toContain('with no external_id');
    expect(dir().getUser(theirs.id)?.displayName).toBe('Not Ana');
    expect(dir().users.size).toBe(1);
  });

  test('fails when Terraform is interrupted (StopProvider) before AWS answers, saying what the next apply does', async () => {
    const core = await env.core();
    const plan = await core.plan(U, { prior: null, config: ana });
    await fault('POST', { method: 'POST', path: '*/scim/v2/Users', latencyMs: 3000 });
    const applying = core.apply(U, { prior: null, planned: plan.planned, config: ana });
    await new Promise((r) => setTimeout(r, 300));
    await core.stop();
    const applied = await applying;
    expect(applied.state).toBeNull();
    expect(applied.diagnostics[0].summary).toBe('creating pushed user (ana@example.com): interrupted');
    expect(applied.diagnostics[0].detail).toContain('AWS may or may not have created the user');
    expect(applied.diagnostics[0].detail).toContain('carrying this resource\'s external_id "idm-ana" and takes it into state');
  });

  test('without an external_id the interrupted-create message says the next apply will refuse it, and how to import', async () => {
    const core = await env.core();
    const config = { ...ana, external_id: null };
    const plan = await core.plan(U, { prior: null, config });
    await fault('POST', { method: 'POST', path: '*/scim/v2/Users', latencyMs: 3000 });
    const applying = core.apply(U, { prior: null, planned: plan.planned, config });
    await new Promise((r) => setTimeout(r, 300));
    await core.stop();
    const applied = await applying;
    expect(applied.diagnostics[0].detail).toContain('has no external_id');
    expect(applied.diagnostics[0].detail).toContain('import { to = <resource address>, id = "ana@example.com" }');
  });
});

describe('a group whose create was interrupted', () => {
  test('is taken into state by the next apply when it carries the external_id; members become the planned ones', async () => {
    const users = seedUsers(env.emu.state, 4).map((u) => u.id);
    const orphan = dir().createGroup({ displayName: 'Eng', externalId: 'idm-eng' });
    dir().addMember(orphan.id, users[0]);
    dir().addMember(orphan.id, users[3]);
    const config = { display_name: 'Eng', external_id: 'idm-eng', members: users.slice(0, 3) };
    const plan = await (await env.core()).plan(G, { prior: null, config });
    expect(plan.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', summary: 'Creating pushed group (Eng): takes over the group an interrupted apply created' })]);
    const { state } = await (await env.core()).create(G, config);
    expect(state).toMatchObject({ id: orphan.id, member_count: 3 });
    expect(dir().groups.size).toBe(1);
    expect(new Set(dir().membersOfGroup(orphan.id).map((m) => m.userId))).toEqual(new Set(users.slice(0, 3)));
  });

  test('fails when a same-named group without the external_id appeared after the plan: refused, its members untouched', async () => {
    const users = seedUsers(env.emu.state, 2).map((u) => u.id);
    const core = await env.core();
    const config = { display_name: 'Eng', external_id: 'idm-eng', members: [users[0]] };
    const plan = await core.plan(G, { prior: null, config });
    const theirs = dir().createGroup({ displayName: 'Eng' });
    dir().addMember(theirs.id, users[1]);
    const applied = await core.apply(G, { prior: null, planned: plan.planned, config });
    expect(applied.state).toBeNull();
    expect(applied.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'creating pushed group (Eng): display name already exists in AWS' });
    expect(dir().membersOfGroup(theirs.id).map((m) => m.userId)).toEqual([users[1]]);
    expect(dir().groups.size).toBe(1);
  });

  test('fails when the POST stalls and answers 503 while someone else creates the name, neither with an external_id: their group is not taken over', async () => {
    const users = seedUsers(env.emu.state, 2).map((u) => u.id);
    const core = await env.core();
    const config = { display_name: 'Race', members: [users[0]] };
    const plan = await core.plan(G, { prior: null, config });
    const theirs = dir().createGroup({ displayName: 'Race' });
    dir().addMember(theirs.id, users[1]);
    await fault('POST', { method: 'POST', path: '*/scim/v2/Groups', latencyMs: 200, status: 503 });
    const applied = await core.apply(G, { prior: null, planned: plan.planned, config });
    expect(applied.state).toBeNull();
    expect(applied.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'creating pushed group (Race): display name already exists in AWS' });
    expect(dir().membersOfGroup(theirs.id).map((m) => m.userId)).toEqual([users[1]]);
  });
});
