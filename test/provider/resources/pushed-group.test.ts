import { addBeforeDispatch } from '../../../mocks/server';
import { CoreError } from '../../support/fake-core';
import { seedUsers } from '../../scim/support/seed';
import { fault as faultApi, useResourceEnv } from './support/env';

const T = 'idemeum_pushed_group';
const env = useResourceEnv();

const fault = (method: 'POST' | 'DELETE', body?: object) => faultApi(env, method, body);

const groupNames = () => [...env.emu.state.directory.groups.values()].map((g) => g.displayName);
const memberIds = (groupId: string) => new Set(env.emu.state.directory.membersOfGroup(groupId).map((m) => m.userId));

describe('idemeum_pushed_group', () => {
  test('create with 150 members pushes them all and plans member_count', async () => {
    const users = seedUsers(env.emu.state, 150).map((u) => u.id);
    const core = await env.core();
    const plan = await core.plan(T, { prior: null, config: { display_name: 'Engineering', members: users } });
    expect(plan.planned?.member_count).toBe(150);
    const { state } = await (await env.core()).create(T, { display_name: 'Engineering', members: users, external_id: 'idm-g1' });
    expect(state).toMatchObject({ display_name: 'Engineering', member_count: 150, external_id: 'idm-g1' });
    expect(memberIds(state.id as string)).toEqual(new Set(users));
  });

  test('rename and member changes happen in place; the AWS id never changes', async () => {
    const users = seedUsers(env.emu.state, 130).map((u) => u.id);
    const core = await env.core();
    const { state } = await core.create(T, { display_name: 'Old', members: users.slice(0, 20) });
    const wanted = users.slice(10, 130);
    const { state: after, planned } = await core.update(T, state, { display_name: 'New', members: wanted });
    expect(planned.member_count).toBe(120);
    expect(after.id).toBe(state.id);
    expect(env.emu.state.directory.getGroup(state.id as string)?.displayName).toBe('New');
    expect(memberIds(state.id as string)).toEqual(new Set(wanted));
  });

  test('refresh sees membership changes made in AWS, and a deleted group drops from state', async () => {
    const users = seedUsers(env.emu.state, 5).map((u) => u.id);
    const core = await env.core();
    const g1 = await core.create(T, { display_name: 'G1', members: users.slice(0, 3) });
    const g2 = await core.create(T, { display_name: 'G2', members: [] });
    env.emu.state.directory.removeMember(g1.state.id as string, users[0]);
    env.emu.state.directory.addMember(g1.state.id as string, users[4]);
    env.emu.state.directory.deleteGroup(g2.state.id as string);
    const fresh = await env.core();
    const read = await fresh.read(T, g1.state);
    expect(new Set(read.state?.members as string[])).toEqual(new Set([users[1], users[2], users[4]]));
    expect(read.state?.member_count).toBe(3);
    expect((await fresh.read(T, g2.state)).state).toBeNull();
    // The plan puts membership back to the configuration.
    const plan = await fresh.plan(T, { prior: read.state, config: { display_name: 'G1', members: users.slice(0, 3) } });
    expect(plan.planned?.members).toEqual(expect.arrayContaining(users.slice(0, 3)));
  });

  test('members left null are not managed: AWS membership stays and is counted', async () => {
    const users = seedUsers(env.emu.state, 2).map((u) => u.id);
    const core = await env.core();
    const { state } = await core.create(T, { display_name: 'Loose' });
    expect(state.member_count).toBe(0);
    env.emu.state.directory.addMember(state.id as string, users[0]);
    const read = await (await env.core()).read(T, state);
    expect(read.state).toMatchObject({ members: null, member_count: 1 });
  });

  test('fails at plan when the name already exists in AWS, on display_name, saying how to import', async () => {
    env.emu.state.directory.createGroup({ displayName: 'Existing' });
    const core = await env.core();
    const plan = await core.plan(T, { prior: null, config: { display_name: 'Existing' } });
    expect(plan.diagnostics).toHaveLength(1);
    expect(plan.diagnostics[0]).toMatchObject({ severity: 'error', path: ['display_name'] });
    expect(plan.diagnostics[0].detail).toContain('import { to = <resource address>, id = "Existing" }');
    expect(plan.diagnostics[0].detail).toContain('adopt_existing = true');
  });

  test('the plan that apply makes again does not repeat the name lookup once the process has written to AWS', async () => {
    const lookups: string[] = [];
    addBeforeDispatch(env.emu.state, (req) => {
      if (req.method === 'GET' && req.url?.includes('filter=displayName')) lookups.push(req.url);
      return false;
    });
    const planWalk = await env.core();
    await planWalk.plan(T, { prior: null, config: { display_name: 'Planned' } });
    expect(lookups).toHaveLength(1);
    // The apply walk is a provider process of its own: a user is created first, then the group is
    // planned again before its create.
    const applyWalk = await env.core();
    await applyWalk.create('idemeum_pushed_user', { user_name: 'ana@example.com', display_name: 'Ana', given_name: 'Ana', family_name: 'Lee' });
    const replanned = await applyWalk.plan(T, { prior: null, config: { display_name: 'Planned' } });
    expect(replanned.diagnostics).toEqual([]);
    expect(lookups).toHaveLength(1);
  });

  test('fails at apply when the name was taken after the plan', async () => {
    const core = await env.core();
    const plan = await core.plan(T, { prior: null, config: { display_name: 'Race' } });
    env.emu.state.directory.createGroup({ displayName: 'Race' });
    const applied = await core.apply(T, { prior: null, planned: plan.planned, config: { display_name: 'Race' } });
    expect(applied.diagnostics[0]).toMatchObject({ path: ['display_name'] });
    expect(applied.diagnostics[0].summary).toContain('display name already exists in AWS');
  });

  test('adopt_existing takes over the AWS group and its id, setting members', async () => {
    const users = seedUsers(env.emu.state, 3).map((u) => u.id);
    const existing = env.emu.state.directory.createGroup({ displayName: 'Ops' });
    env.emu.state.directory.addMember(existing.id, users[0]);
    const core = await env.core();
    const { state } = await core.create(T, { display_name: 'Ops', adopt_existing: true, members: users.slice(1) });
    expect(state.id).toBe(existing.id);
    expect(memberIds(existing.id)).toEqual(new Set(users.slice(1)));
  });

  test('import by display name and by id carries the members', async () => {
    const users = seedUsers(env.emu.state, 2).map((u) => u.id);
    const core = await env.core();
    const { state } = await core.create(T, { display_name: 'Imp', members: users });
    for (const id of ['Imp', state.id as string]) {
      const res = await core.importState(T, id);
      expect(res.diagnostics).toEqual([]);
      expect(res.imported[0].state).toMatchObject({ id: state.id, display_name: 'Imp', member_count: 2 });
      expect(new Set(res.imported[0].state.members as string[])).toEqual(new Set(users));
    }
  });

  test('destroy deletes the group; a group already gone is fine', async () => {
    const core = await env.core();
    const { state } = await core.create(T, { display_name: 'Gone' });
    await core.destroy(T, state);
    expect(env.emu.state.directory.getGroup(state.id as string)).toBeUndefined();
    await expect(core.destroy(T, state)).resolves.toBeUndefined();
  });

  test('fails when a member is not an AWS user, and nothing is left behind', async () => {
    const core = await env.core();
    const err = (await core.create(T, { display_name: 'Bad', members: ['00000000-0000-0000-0000-000000000000'] }).catch((e: unknown) => e)) as CoreError;
    expect(err).toBeInstanceOf(CoreError);
    expect([...env.emu.state.directory.groups.values()].map((g) => g.displayName)).not.toContain('Bad');
  });

  test('fails when AWS does not serve the new group in time: the group is kept in state (tainted) and the next apply replaces it', async () => {
    const users = seedUsers(env.emu.state, 2).map((u) => u.id);
    const core = await env.core({ env: { IDEMEUM_GROUP_READABLE_TIMEOUT: '1s' } });
    const config = { display_name: 'Slow', members: users };
    const plan = await core.plan(T, { prior: null, config });
    await fault('POST', { method: 'GET', path: '*/scim/v2/Groups/*', status: 404, count: 20 });
    const applied = await core.apply(T, { prior: null, planned: plan.planned, config });

    expect(applied.diagnostics).toHaveLength(1);
    expect(applied.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'creating pushed group (Slow): AWS did not serve the new group in time' });
    expect(applied.diagnostics[0].detail).toContain('after 1s');
    expect(applied.diagnostics[0].detail).toContain('next apply replaces it');
    const groups = [...env.emu.state.directory.groups.values()];
    expect(groups.map((g) => g.displayName)).toEqual(['Slow']);
    expect(applied.state).toEqual({ id: groups[0].id, display_name: 'Slow', external_id: null, members: [...users].sort(), adopt_existing: null, member_count: 2 });

    // What Terraform does with a tainted object on the next apply (new processes): plan the
    // replacement (the second plan carries the replaced group's private state), delete, create.
    await fault('DELETE');
    const next = await env.core();
    expect((await next.plan(T, { prior: applied.state, config })).diagnostics).toEqual([]);
    const replacement = await next.plan(T, { prior: null, config, priorPrivate: applied.private });
    expect(replacement.diagnostics).toEqual([]);
    const apply = await env.core();
    await apply.destroy(T, applied.state!);
    const { state } = await apply.create(T, config);
    expect(groupNames()).toEqual(['Slow']);
    expect(state.id).not.toBe(groups[0].id);
    expect(memberIds(state.id as string)).toEqual(new Set(users));
  });

  test('fails when the member top-up and its clean-up both fail: the group is kept in state, nothing orphaned', async () => {
    const users = seedUsers(env.emu.state, 150).map((u) => u.id);
    const core = await env.core({ config: { max_retries: 0 } });
    const config = { display_name: 'Big', members: users };
    const plan = await core.plan(T, { prior: null, config });
    await fault('POST', { method: 'PATCH', path: '*/scim/v2/Groups/*', status: 503 });
    await fault('POST', { method: 'DELETE', path: '*/scim/v2/Groups/*', status: 503 });
    const applied = await core.apply(T, { prior: null, planned: plan.planned, config });

    const groups = [...env.emu.state.directory.groups.values()];
    expect(groups.map((g) => g.displayName)).toEqual(['Big']);
    expect(memberIds(groups[0].id).size).toBe(100);
    expect(applied.diagnostics).toHaveLength(1);
    expect(applied.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'creating pushed group (Big): adding members failed after the group was created', path: ['members'] });
    expect(applied.diagnostics[0].detail).toContain(`AWS created the group (id ${groups[0].id})`);
    // Which members made it is not known, so they are not claimed.
    expect(applied.state).toEqual({ id: groups[0].id, display_name: 'Big', external_id: null, members: null, adopt_existing: null, member_count: null });

    const next = await env.core();
    await next.destroy(T, applied.state!);
    const { state } = await next.create(T, config);
    expect(groupNames()).toEqual(['Big']);
    expect(memberIds(state.id as string)).toEqual(new Set(users));
  });

  test('fails when the member top-up fails but the clean-up works: no state, no group', async () => {
    const users = seedUsers(env.emu.state, 101).map((u) => u.id);
    const core = await env.core({ config: { max_retries: 0 } });
    const config = { display_name: 'Undone', members: users };
    const plan = await core.plan(T, { prior: null, config });
    await fault('POST', { method: 'PATCH', path: '*/scim/v2/Groups/*', status: 503 });
    const applied = await core.apply(T, { prior: null, planned: plan.planned, config });
    expect(applied.diagnostics[0]).toMatchObject({ severity: 'error', summary: expect.stringContaining('creating pushed group (Undone)') });
    expect(applied.state).toBeNull();
    expect(groupNames()).toEqual([]);
  });

  test.each([
    ['reserved name', { display_name: 'AWSAdministrators' }, 'display_name', 'reserved by AWS'],
    ['reserved name in other case', { display_name: 'administrator' }, 'display_name', 'reserved by AWS'],
    ['empty name', { display_name: '' }, 'display_name', 'must not be empty'],
    ['name over 1024 characters', { display_name: 'g'.repeat(1025) }, 'display_name', 'at most 1024'],
    ['empty member id', { display_name: 'ok', members: [''] }, 'members', 'AWS user ids'],
  ])('fails validation with a %s', async (_n, config, attribute, message) => {
    const core = await env.core();
    const diags = await core.validate(T, config);
    expect(diags).toHaveLength(1);
    expect(diags[0].path).toEqual([attribute]);
    expect(diags[0].detail).toContain(message);
  });
});
