import { CoreError } from '../../support/fake-core';
import { useResourceEnv } from './support/env';

const T = 'idemeum_pushed_user';
const ana = { user_name: 'ana@example.com', display_name: 'Ana Lee', given_name: 'Ana', family_name: 'Lee' };

const env = useResourceEnv();

describe('idemeum_pushed_user', () => {
  test('create pushes the user; email defaults to user_name, active to true', async () => {
    const core = await env.core();
    const plan = await core.plan(T, { prior: null, config: ana });
    expect(plan.planned).toMatchObject({ email: 'ana@example.com', active: true, deprovision: 'delete' });
    // Terraform applies in a new provider process (the apply walk).
    const { state } = await (await env.core()).create(T, ana);
    const stored = env.emu.state.directory.getUser(state.id as string);
    expect(stored).toMatchObject({ userName: 'ana@example.com', displayName: 'Ana Lee', active: true, name: { givenName: 'Ana', familyName: 'Lee' } });
    expect(stored?.emails).toEqual([expect.objectContaining({ value: 'ana@example.com', primary: true })]);
  });

  test('update changes the user in place; the AWS id stays', async () => {
    const core = await env.core();
    const { state } = await core.create(T, { ...ana, external_id: 'idm-1' });
    const updated = await core.update(T, state, { ...ana, display_name: 'Ana L.', active: false });
    expect(updated.state.id).toBe(state.id);
    expect(env.emu.state.directory.getUser(state.id as string)).toMatchObject({ displayName: 'Ana L.', active: false });
    expect(env.emu.state.directory.getUser(state.id as string)?.externalId).toBeUndefined();
  });

  test('destroy deletes the user; deprovision = "deactivate" only disables it', async () => {
    const core = await env.core();
    const a = await core.create(T, ana);
    const b = await core.create(T, { ...ana, user_name: 'bo@example.com', deprovision: 'deactivate' });
    await core.destroy(T, a.state);
    await core.destroy(T, b.state);
    expect(env.emu.state.directory.getUser(a.state.id as string)).toBeUndefined();
    expect(env.emu.state.directory.getUser(b.state.id as string)).toMatchObject({ active: false });
  });

  test('destroy of a user already gone succeeds', async () => {
    const core = await env.core();
    const { state } = await core.create(T, ana);
    env.emu.state.directory.deleteUser(state.id as string);
    await expect(core.destroy(T, state)).resolves.toBeUndefined();
  });

  test('refresh drops a user deleted in AWS and reports attribute drift', async () => {
    const core = await env.core();
    const a = await core.create(T, ana);
    const b = await core.create(T, { ...ana, user_name: 'bo@example.com' });
    const stored = env.emu.state.directory.getUser(b.state.id as string)!;
    env.emu.state.directory.replaceUser(stored.id, { ...stored, displayName: 'Changed in console' });
    env.emu.state.directory.deleteUser(a.state.id as string);
    const fresh = await env.core();
    expect((await fresh.read(T, a.state)).state).toBeNull();
    expect((await fresh.read(T, b.state)).state).toMatchObject({ display_name: 'Changed in console' });
  });

  test('import by AWS id and by user_name', async () => {
    const core = await env.core();
    const { state } = await core.create(T, ana);
    for (const id of [state.id as string, 'ana@example.com']) {
      const imported = await core.importState(T, id);
      expect(imported.diagnostics).toEqual([]);
      expect(imported.imported[0].state).toMatchObject({ id: state.id, user_name: 'ana@example.com', deprovision: 'delete' });
    }
  });

  test('fails when importing a user AWS does not have', async () => {
    const core = await env.core();
    const res = await core.importState(T, 'nobody@example.com');
    expect(res.diagnostics[0].detail).toContain('AWS has no user with id or user name "nobody@example.com"');
  });

  test('fails at plan when the user name already exists in AWS, pointing at user_name with how to adopt it deliberately', async () => {
    await (await env.core()).create(T, ana);
    const err = (await (await env.core()).create(T, ana).catch((e: unknown) => e)) as CoreError;
    expect(err).toBeInstanceOf(CoreError);
    expect(err.message).toContain('PlanResourceChange failed');
    expect(err.diagnostics[0]).toMatchObject({ path: ['user_name'], summary: 'Creating pushed user (ana@example.com): user_name already exists in AWS' });
    expect(err.diagnostics[0].detail).toContain('import { to = <resource address>, id = "ana@example.com" }');
  });

  test('fails when 503s outlast the retries, saying it gave up after N attempts over S s', async () => {
    const core = await env.core({ config: { max_retries: 1 } });
    const plan = await core.plan(T, { prior: null, config: ana });
    const res = await fetch(`${env.emu.endpoint}/_fake/faults`, { method: 'POST', body: JSON.stringify({ method: 'POST', path: '*/scim/v2/Users', status: 503, count: 5 }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
    const applied = await core.apply(T, { prior: null, planned: plan.planned, config: ana });
    await fetch(`${env.emu.endpoint}/_fake/faults`, { method: 'DELETE' });
    expect(applied.diagnostics[0].summary).toBe('creating pushed user (ana@example.com): AWS answered 503 InternalServerException');
    expect(applied.diagnostics[0].detail).toMatch(/The provider gave up after 2 attempts over \d+\.\d s/);
  });

  test.each([
    ['user_name is not an email', { user_name: 'ana' }, 'user_name', 'is not an email address'],
    ['user_name has a space', { user_name: 'ana lee@example.com' }, 'user_name', 'whitespace'],
    ['user_name is too long', { user_name: `${'a'.repeat(120)}@example.com` }, 'user_name', 'at most 128'],
    ['display_name is empty', { display_name: '' }, 'display_name', 'must not be empty'],
    ['given_name has a zero-width space', { given_name: 'A\u200bna' }, 'given_name', 'characters AWS rejects'],
    ['family_name is over 1024 characters', { family_name: 'x'.repeat(1025) }, 'family_name', 'at most 1024'],
    ['email is not an email', { email: 'nope' }, 'email', 'not an email address'],
    ['deprovision is unknown', { deprovision: 'archive' }, 'deprovision', '"delete" or "deactivate"'],
  ])('fails validation when %s', async (_name, change, attribute, message) => {
    const core = await env.core();
    const diags = await core.validate(T, { ...ana, ...change });
    expect(diags).toHaveLength(1);
    expect(diags[0].path).toEqual([attribute]);
    expect(diags[0].detail).toContain(message);
  });

  test('a valid user passes validation', async () => {
    const core = await env.core();
    expect(await core.validate(T, { ...ana, email: 'ana.lee@example.com', deprovision: 'deactivate', external_id: 'x' })).toEqual([]);
  });
});
