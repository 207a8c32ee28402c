import type { ObjectValue } from '../../../src/provider/codec/values';
import type { Diag } from '../../support/fake-core';
import { seedUsers } from '../../scim/support/seed';
import { useResourceEnv } from './support/env';

/**
 * Checks across the configuration at plan: one provider process sees every PlanResourceChange
 * of a plan (and every ReadResource of its refresh), so what would fail halfway through an
 * apply fails the plan, naming the clashing values, and nothing is applied.
 */
const U = 'idemeum_pushed_user';
const G = 'idemeum_pushed_group';
const env = useResourceEnv();

const dir = () => env.emu.state.directory;
const user = (n: string, over: ObjectValue = {}): ObjectValue => ({ user_name: `${n}@example.com`, display_name: n, given_name: n, family_name: 'Test', ...over });
const errors = (diags: readonly Diag[]) => diags.filter((d) => d.severity === 'error');

describe('duplicates in one configuration fail at plan', () => {
  test.each<[string, string, ObjectValue, ObjectValue, string, string]>([
    ['two groups named Dup', G, { display_name: 'Dup' }, { display_name: 'Dup' }, 'display_name', 'Dup'],
    ['groups Eng and eng (AWS ignores case)', G, { display_name: 'Eng' }, { display_name: 'eng' }, 'display_name', 'eng'],
    ['two groups with one external_id', G, { display_name: 'A', external_id: 'x-1' }, { display_name: 'B', external_id: 'x-1' }, 'external_id', 'x-1'],
    ['two users with one user name (in other case)', U, user('ana'), user('Ana', { email: 'ana.lee@example.com' }), 'user_name', 'Ana@example.com'],
    ['two users with one primary email', U, user('ana'), user('bo', { email: 'ana@example.com' }), 'email', 'ana@example.com'],
    ['two users with one external_id', U, user('ana', { external_id: 'idm-1' }), user('bo', { external_id: 'idm-1' }), 'external_id', 'idm-1'],
  ])('%s', async (_name, type, first, second, attribute, value) => {
    const core = await env.core();
    expect(errors((await core.plan(type, { prior: null, config: first })).diagnostics)).toEqual([]);
    const plan = await core.plan(type, { prior: null, config: second });
    expect(errors(plan.diagnostics)).toEqual([
      expect.objectContaining({ summary: `Duplicate ${attribute} in this configuration: "${value}"`, path: [attribute], detail: expect.stringContaining('nothing is applied') }),
    ]);
    expect(plan.diagnostics[0].detail).toMatch(new RegExp(`${type} ".*" and ${type} ".*" both plan ${attribute}`));
    expect(dir().users.size + dir().groups.size).toBe(0);
  });

  test('renaming a group into the name another group of the configuration keeps', async () => {
    const a = await (await env.core()).create(G, { display_name: 'Eng' });
    const b = await (await env.core()).create(G, { display_name: 'Ops' });
    const core = await env.core();
    await core.read(G, a.state);
    await core.read(G, b.state);
    expect(errors((await core.plan(G, { prior: b.state, config: { display_name: 'Ops' } })).diagnostics)).toEqual([]);
    const plan = await core.plan(G, { prior: a.state, config: { display_name: 'Ops' } });
    expect(errors(plan.diagnostics)).toEqual([expect.objectContaining({ summary: 'Duplicate display_name in this configuration: "Ops"' })]);
  });

  test('renaming a group into the name another group of the configuration gives up in the same apply (AWS checks one change at a time)', async () => {
    const a = await (await env.core()).create(G, { display_name: 'Eng' });
    const b = await (await env.core()).create(G, { display_name: 'Ops' });
    const core = await env.core();
    await core.read(G, a.state);
    await core.read(G, b.state);
    expect(errors((await core.plan(G, { prior: b.state, config: { display_name: 'Platform' } })).diagnostics)).toEqual([]);
    const plan = await core.plan(G, { prior: a.state, config: { display_name: 'Ops' } });
    expect(errors(plan.diagnostics)).toEqual([expect.objectContaining({ summary: 'Renaming pushed group (Ops): display_name already taken', path: ['display_name'] })]);
    expect(plan.diagnostics[0].detail).toContain(`AWS group ${b.state.id} holds display_name "Ops", and idemeum_pushed_group "Ops" of this configuration tracks it`);
    expect(plan.diagnostics[0].detail).not.toContain('import');
  });

  test('a replacement (second plan with the replaced object\'s private state) is not a duplicate of itself', async () => {
    const created = await (await env.core()).create(G, { display_name: 'Eng' });
    const core = await env.core();
    const read = await core.read(G, created.state);
    expect((await core.plan(G, { prior: read.state, config: { display_name: 'Eng' } })).diagnostics).toEqual([]);
    expect((await core.plan(G, { prior: null, config: { display_name: 'Eng' }, priorPrivate: read.private })).diagnostics).toEqual([]);
  });

  test.each([
    [G, { display_name: 'Eng' }],
    [U, user('ana')],
  ])('a tainted %s (a create that failed after AWS made it) is planned as new without its private state, and is not a duplicate of itself', async (type, config) => {
    const created = await (await env.core()).create(type, config);
    const core = await env.core();
    // Terraform refreshes the tainted object, then plans its replacement with a null prior and no private state.
    expect((await core.read(type, created.state)).diagnostics).toEqual([]);
    expect((await core.plan(type, { prior: null, config })).diagnostics).toEqual([]);
  });

  test('fails when a new group takes the name of an object another resource of this configuration tracks', async () => {
    const created = await (await env.core()).create(G, { display_name: 'Eng' });
    const core = await env.core();
    await core.read(G, created.state);
    const plan = await core.plan(G, { prior: null, config: { display_name: 'eng' } });
    expect(errors(plan.diagnostics).map((d) => d.summary)).toEqual(['Creating pushed group (eng): display_name already taken']);
  });
});

describe('two resources tracking one AWS object fail at refresh', () => {
  test.each([
    ['group', G, { display_name: 'Eng' }, 'Eng'],
    ['user', U, user('ana'), 'ana@example.com'],
  ])('an imported %s that another resource already tracks', async (kind, type, config, name) => {
    const created = await (await env.core()).create(type, config);
    const core = await env.core();
    const imported = await core.importState(type, name);
    expect((await core.read(type, created.state)).diagnostics).toEqual([]);
    const second = await core.read(type, imported.imported[0].state);
    expect(second.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', summary: `Two resources track one AWS ${kind}`, detail: expect.stringContaining(`AWS ${kind} ${created.state.id as string}`) }),
    ]);
    expect(second.diagnostics[0].detail).toContain('terraform state rm');
  });
});

describe('member ids fail at plan unless planned here or present in AWS', () => {
  test('fails when a member id is neither a user of this configuration nor in AWS', async () => {
    const [real] = seedUsers(env.emu.state, 1);
    const ghost = '00000000-0000-4000-8000-000000000000';
    const plan = await (await env.core()).plan(G, { prior: null, config: { display_name: 'Eng', members: [real.id, ghost, 'not-an-id'] } });
    expect(errors(plan.diagnostics)).toEqual([expect.objectContaining({ summary: 'Unknown member ids of pushed group (Eng)', path: ['members'] })]);
    expect(plan.diagnostics[0].detail).toContain(`"${ghost}", "not-an-id"`);
    expect(plan.diagnostics[0].detail).not.toContain(real.id);
  });

  test('users this configuration creates (ids unknown until apply) and users it tracks are fine', async () => {
    const tracked = await (await env.core()).create(U, user('ana'));
    const core = await env.core();
    await core.read(U, tracked.state);
    const { UNKNOWN } = await import('../../../src/provider/codec/values');
    const plan = await core.plan(G, { prior: null, config: { display_name: 'Eng', members: [tracked.state.id as string, UNKNOWN] } });
    expect(plan.diagnostics).toEqual([]);
  });
});

describe('a dead token fails the plan', () => {
  test('a configuration of users only, with a revoked token: one error at plan naming the token', async () => {
    const core = await env.core();
    dir().scimTokens.tokens.clear(); // revoked in the console
    const first = await core.plan(U, { prior: null, config: user('ana') });
    const second = await core.plan(U, { prior: null, config: user('bo') });
    expect(errors(first.diagnostics)).toEqual([expect.objectContaining({ summary: 'checking the SCIM endpoint and token: AWS rejected the SCIM token (401)' })]);
    expect(second.diagnostics).toEqual([]);
  });

  test('an expired token fails the plan the same way', async () => {
    const core = await env.core();
    for (const t of dir().scimTokens.tokens.values()) dir().scimTokens.expire(t.tokenId);
    const plan = await core.plan(U, { prior: null, config: user('ana') });
    expect(errors(plan.diagnostics)[0].summary).toContain('AWS rejected the SCIM token (401)');
  });
});
