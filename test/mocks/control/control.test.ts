import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { loadStateFile, saveStateFile } from '../../../mocks/control';
import { startEmulator, type StartedEmulator } from '../../../mocks/testing';

async function call(url: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) {
  const res = await request(url, { method: method as 'GET', headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
}

/** The organization's management account (EmulatorOptions default); always a member, as in AWS. */
const MANAGEMENT = '123456789012';

describe('control API /_fake', () => {
  let emu: StartedEmulator;
  const scim = (path: string, method = 'GET', body?: unknown, token = emu.scimToken) =>
    call(`${emu.scimUrl}${path}`, method, body, { authorization: `Bearer ${token}` });
  const user = (userName: string) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'A', familyName: 'B' }, displayName: 'A B',
  });

  beforeAll(async () => {
    emu = await startEmulator({ throttle: { enabled: false } });
  });
  afterEach(async () => {
    await call(`${emu.endpoint}/_fake/reset`, 'POST');
  });
  afterAll(() => emu.close());

  test('POST /_fake/reset empties the directory and the organization (all but its management account) but keeps the SCIM token by default', async () => {
    await scim('/Users', 'POST', user('r1'));
    await call(`${emu.endpoint}/_fake/accounts`, 'POST', { accountIds: ['111111111111'] });
    const res = await call(`${emu.endpoint}/_fake/reset`, 'POST');
    expect(res).toEqual({ status: 200, body: { reset: true, tokensKept: 1 } });
    expect(emu.state.directory.users.size).toBe(0);
    expect([...emu.state.sso.accounts]).toEqual([MANAGEMENT]);
    expect((await scim('/Users')).status).toBe(200);
  });

  test('POST /_fake/reset with {"tokens": true} drops tokens too', async () => {
    const saved = [...emu.state.directory.tokens.values()];
    await call(`${emu.endpoint}/_fake/reset`, 'POST', { tokens: true });
    expect((await scim('/Users')).status).toBe(401);
    for (const t of saved) emu.state.directory.scimTokens.restore(t);
  });

  test('GET /_fake/state shows users, groups, memberships and token metadata, never a token secret', async () => {
    const u = (await scim('/Users', 'POST', user('dumped'))).body;
    await scim('/Groups', 'POST', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'G', members: [{ value: u.id }] });
    const res = await call(`${emu.endpoint}/_fake/state`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ identityStoreId: emu.state.identityStoreId, tenantId: emu.state.tenantId, endpoint: emu.endpoint });
    expect(res.body.directory.users[0]).toMatchObject({ id: u.id, userName: 'dumped', created: expect.stringMatching(/Z$/) });
    expect(res.body.directory.memberships).toEqual([expect.objectContaining({ userId: u.id })]);
    expect(res.body.directory.scimTokens).toEqual([expect.objectContaining({ tokenId: expect.any(String), expired: false })]);
    expect(JSON.stringify(res.body)).not.toContain(emu.scimToken);
  });

  describe('SCIM tokens', () => {
    test('issues a second token (shown once), refuses a third, revokes and expires', async () => {
      const issued = await call(`${emu.endpoint}/_fake/scim/tokens`, 'POST', { validityDays: 30 });
      expect(issued.status).toBe(201);
      expect(issued.body.token).toMatch(/^[0-9a-zA-Z/=+]{500,620}$/);
      expect(new Date(issued.body.expiresAt).getTime() - new Date(issued.body.createdAt).getTime()).toBe(30 * 86_400_000);
      expect((await scim('/Users', 'GET', undefined, issued.body.token)).status).toBe(200);

      const third = await call(`${emu.endpoint}/_fake/scim/tokens`, 'POST');
      expect(third.status).toBe(409);
      expect(third.body.error).toMatch(/at most 2/);

      const listed = await call(`${emu.endpoint}/_fake/scim/tokens`);
      expect(listed.body.tokens).toHaveLength(2);
      expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);

      expect((await call(`${emu.endpoint}/_fake/scim/tokens/${issued.body.tokenId}/expire`, 'POST')).status).toBe(200);
      expect((await scim('/Users', 'GET', undefined, issued.body.token)).status).toBe(401);
      expect((await call(`${emu.endpoint}/_fake/scim/tokens/${issued.body.tokenId}`, 'DELETE')).status).toBe(204);
      expect(emu.state.directory.tokens.size).toBe(1);
    });

    test.each([
      ['DELETE', '/_fake/scim/tokens/nope', undefined, 404],
      ['POST', '/_fake/scim/tokens/nope/expire', undefined, 404],
      ['POST', '/_fake/scim/tokens', { validityDays: 0 }, 400],
      ['POST', '/_fake/scim/tokens', { validityDays: 'long' }, 400],
      ['POST', '/_fake/scim/tokens', { forever: true }, 400],
    ])('fails when %s %s with %j (%i)', async (method, path, body, status) => {
      const res = await call(`${emu.endpoint}${path}`, method, body);
      expect(res.status).toBe(status);
      expect(res.body.error).toEqual(expect.any(String));
    });
  });

  describe('accounts', () => {
    test('registers accounts in the organization (state.sso.accounts), lists and removes them', async () => {
      const res = await call(`${emu.endpoint}/_fake/accounts`, 'POST', { accountIds: ['222222222222', '111111111111'] });
      expect(res.status).toBe(200);
      expect(res.body.accountIds).toEqual(['111111111111', MANAGEMENT, '222222222222']);
      expect(res.body.accounts[0]).toEqual({ id: '111111111111', name: 'Account 111111111111', email: 'aws+111111111111@example.com', status: 'ACTIVE', parentId: emu.state.organization.rootId });
      expect([...emu.state.sso.accounts].sort()).toEqual(['111111111111', MANAGEMENT, '222222222222']);
      expect((await call(`${emu.endpoint}/_fake/accounts/111111111111`, 'DELETE')).status).toBe(204);
      expect((await call(`${emu.endpoint}/_fake/accounts`)).body.accountIds).toEqual([MANAGEMENT, '222222222222']);
    });

    test.each([
      ['no accountIds', {}],
      ['an empty list', { accountIds: [] }],
      ['a short id', { accountIds: ['111111111111', '1234'] }],
      ['a number', { accountIds: [111111111111] }],
      ['an unknown field', { accountIds: ['111111111111'], org: 'o' }],
    ])('fails when the body has %s and registers nothing', async (_label, body) => {
      const res = await call(`${emu.endpoint}/_fake/accounts`, 'POST', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/accountIds|unknown field/);
      expect([...emu.state.sso.accounts]).toEqual([MANAGEMENT]);
    });

    test('fails when removing an account that is not registered (404)', async () => {
      expect((await call(`${emu.endpoint}/_fake/accounts/333333333333`, 'DELETE')).status).toBe(404);
    });
  });

  describe('fault injection', () => {
    test('answers the next N matching requests with the status, in the surface\'s error shape', async () => {
      const f = await call(`${emu.endpoint}/_fake/faults`, 'POST', { method: 'post', path: '*/scim/v2/Users', status: 503, count: 2 });
      expect(f.status).toBe(201);
      expect((await scim('/Users')).status).toBe(200); // GET does not match
      const first = await scim('/Users', 'POST', user('f1'));
      expect(first.status).toBe(503);
      expect(first.body).toMatchObject({ status: '503', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
      expect((await scim('/Users', 'POST', user('f2'))).status).toBe(503);
      expect((await scim('/Users', 'POST', user('f3'))).status).toBe(201);
      expect(emu.state.directory.users.size).toBe(1);
    });

    test('uses a given body', async () => {
      await call(`${emu.endpoint}/_fake/faults`, 'POST', { path: '/*', status: 429, body: { message: 'slow down' } });
      expect(await scim('/Users')).toEqual({ status: 429, body: { message: 'slow down' } });
    });

    test('resets the connection', async () => {
      await call(`${emu.endpoint}/_fake/faults`, 'POST', { path: '*/Users', reset: true });
      await expect(scim('/Users')).rejects.toThrow(/other side closed|socket|ECONNRESET/i);
      expect((await scim('/Users')).status).toBe(200);
    });

    test('adds latency and then lets the request through', async () => {
      await call(`${emu.endpoint}/_fake/faults`, 'POST', { path: '*/Users', latencyMs: 50 });
      expect((await scim('/Users', 'POST', user('slow'))).status).toBe(201);
      expect((await call(`${emu.endpoint}/_fake/faults`)).body.faults).toEqual([]);
    });

    test('never applies to the control API and can be listed and cleared', async () => {
      await call(`${emu.endpoint}/_fake/faults`, 'POST', { path: '/*', status: 500, count: 5 });
      const listed = await call(`${emu.endpoint}/_fake/faults`);
      expect(listed.body.faults).toEqual([expect.objectContaining({ path: '/*', status: 500, remaining: 5 })]);
      expect((await call(`${emu.endpoint}/_fake/faults`, 'DELETE')).status).toBe(204);
      expect((await scim('/Users')).status).toBe(200);
    });

    test.each([
      ['no path', { status: 500 }],
      ['no effect', { path: '/*' }],
      ['status and reset', { path: '/*', status: 500, reset: true }],
      ['a bad status', { path: '/*', status: 99 }],
      ['a bad count', { path: '/*', status: 500, count: 0 }],
      ['an unknown field', { path: '/*', status: 500, times: 2 }],
    ])('fails when the fault has %s (400)', async (_label, body) => {
      const res = await call(`${emu.endpoint}/_fake/faults`, 'POST', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual(expect.any(String));
    });
  });

  describe('state file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test('round-trips users, groups, memberships, tokens, accounts and identifiers; file is owner-only', async () => {
      const u = (await scim('/Users', 'POST', user('kept'))).body;
      const g = (await scim('/Groups', 'POST', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'K', members: [{ value: u.id }] })).body;
      emu.state.sso.accounts.add('444444444444');
      const file = join(dir, 'state.json');
      saveStateFile(emu.state, file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const loaded = loadStateFile(file);
      expect(loaded.identityStoreId).toBe(emu.state.identityStoreId);
      expect(loaded.tenantId).toBe(emu.state.tenantId);
      expect(loaded.instanceArn).toBe(emu.state.instanceArn);
      expect(loaded.directory.findUserByUserName('KEPT')?.id).toBe(u.id);
      expect(loaded.directory.isMember(g.id, u.id)).toBe(true);
      expect(loaded.directory.scimTokens.check(`Bearer ${emu.scimToken}`).ok).toBe(true);
      expect(loaded.sso.accounts.has('444444444444')).toBe(true);
      expect(loaded.directory.getUser(u.id)?.created).toBeInstanceOf(Date);
    });

    test.each([
      ['not JSON', '{', /cannot read state file/],
      ['a wrong version', '{"version": 99}', /has version 99/],
    ])('fails when the state file is %s', (_label, content, message) => {
      const file = join(dir, 'bad.json');
      require('node:fs').writeFileSync(file, content);
      expect(() => loadStateFile(file)).toThrow(message);
      expect(readFileSync(file, 'utf8')).toBe(content);
    });

    test('fails to save over /_fake/state/save when started without a state file (409)', async () => {
      expect((await call(`${emu.endpoint}/_fake/state/save`, 'POST')).status).toBe(409);
    });
  });
});
