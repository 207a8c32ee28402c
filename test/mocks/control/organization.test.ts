import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { loadStateFile, saveStateFile } from '../../../mocks/control';
import { startEmulator, type StartedEmulator } from '../../../mocks/testing';

async function call(url: string, method = 'GET', body?: unknown) {
  const res = await request(url, { method: method as 'GET', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
}

const TREE = {
  accounts: ['999999999999'],
  organizationalUnits: [
    { name: 'Production', accounts: [{ id: '111111111111', name: 'production' }] },
    {
      name: 'NonProduction',
      accounts: ['222222222222', { id: '333333333333', status: 'SUSPENDED' }],
      organizationalUnits: [{ name: 'Sandboxes', accounts: [] }],
    },
  ],
};

describe('control API: the organization', () => {
  let emu: StartedEmulator;
  const fake = (path: string, method = 'GET', body?: unknown) => call(`${emu.endpoint}/_fake${path}`, method, body);

  beforeAll(async () => {
    emu = await startEmulator({ throttle: { enabled: false } });
  });
  afterEach(() => fake('/reset', 'POST'));
  afterAll(() => emu.close());

  test('PUT /_fake/organization replaces the OU tree; GET returns it with the ids AWS would issue', async () => {
    const put = await fake('/organization', 'PUT', TREE);
    expect(put.status).toBe(200);
    const { root } = put.body;
    expect(put.body).toMatchObject({ organizationId: emu.state.organization.organizationId, managementAccountId: '123456789012' });
    expect(root.id).toBe(emu.state.organization.rootId);
    expect(root.accounts.map((a: { id: string }) => a.id)).toEqual(['123456789012', '999999999999']);
    const [production, nonProduction] = root.organizationalUnits;
    expect(production).toMatchObject({ name: 'Production', accounts: [{ id: '111111111111', name: 'production', status: 'ACTIVE' }] });
    expect(production.id).toMatch(new RegExp(`^ou-${root.id.slice(2)}-[a-z0-9]{8}$`));
    expect(nonProduction.accounts.map((a: { status: string }) => a.status)).toEqual(['ACTIVE', 'SUSPENDED']);
    expect(nonProduction.organizationalUnits).toEqual([{ id: expect.stringMatching(/^ou-/), name: 'Sandboxes', accounts: [], organizationalUnits: [] }]);
    expect((await fake('/organization')).body).toEqual(put.body);
  });

  test('moves an account between OUs and suspends it with PATCH /_fake/accounts/{id}', async () => {
    const { root } = (await fake('/organization', 'PUT', TREE)).body;
    const [production, nonProduction] = root.organizationalUnits;
    const moved = await fake('/accounts/222222222222', 'PATCH', { parentId: production.id, status: 'SUSPENDED' });
    expect(moved).toEqual({ status: 200, body: expect.objectContaining({ id: '222222222222', parentId: production.id, status: 'SUSPENDED' }) });
    expect(emu.state.organization.accountsIn(production.id).map((a) => a.id)).toEqual(['111111111111', '222222222222']);
    expect(emu.state.organization.accountsIn(nonProduction.id).map((a) => a.id)).toEqual(['333333333333']);
  });

  test('POST /_fake/accounts with a parentId registers accounts inside an OU', async () => {
    const ou = await fake('/organization/organizational-units', 'POST', { name: 'Workloads' });
    expect(ou).toEqual({ status: 201, body: { id: expect.stringMatching(/^ou-/), name: 'Workloads', parentId: emu.state.organization.rootId, arn: expect.stringMatching(/:ou\/o-/) } });
    await fake('/accounts', 'POST', { accountIds: ['444444444444'], parentId: ou.body.id });
    expect(emu.state.organization.accounts.get('444444444444')!.parentId).toBe(ou.body.id);
    expect((await fake(`/organization/organizational-units/${ou.body.id}`, 'DELETE')).status).toBe(409);
    await fake('/accounts/444444444444', 'DELETE');
    expect((await fake(`/organization/organizational-units/${ou.body.id}`, 'DELETE')).status).toBe(204);
  });

  test.each([
    ['an account listed twice', { accounts: ['111111111111'], organizationalUnits: [{ name: 'A', accounts: ['111111111111'] }] }, /listed twice/],
    ['a short account id', { accounts: ['1234'] }, /accounts\[0\]\.id: "1234" is not a 12-digit account id/],
    ['two OUs of one name under one parent', { organizationalUnits: [{ name: 'A' }, { name: 'A' }] }, /organizationalUnits\[1\]\.name: "A" is used twice/],
    ['an unknown status', { accounts: [{ id: '111111111111', status: 'CLOSED' }] }, /status: expected one of ACTIVE, SUSPENDED, PENDING_CLOSURE/],
    ['an unknown field', { accounts: [], ous: [] }, /unknown field "ous"/],
  ])('fails when the tree has %s (400) and changes nothing', async (_case, tree, message) => {
    await fake('/accounts', 'POST', { accountIds: ['555555555555'] });
    const res = await fake('/organization', 'PUT', tree);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
    expect([...emu.state.sso.accounts].sort()).toEqual(['123456789012', '555555555555']);
  });

  test.each([
    ['the OU does not exist', '/accounts/111111111111', 'PATCH', { parentId: 'ou-0000-00000000' }, 404],
    ['the status is unknown', '/accounts/111111111111', 'PATCH', { status: 'CLOSED' }, 400],
    ['the account is unknown', '/accounts/777777777777', 'PATCH', { status: 'ACTIVE' }, 404],
    ['the management account is removed', '/accounts/123456789012', 'DELETE', undefined, 409],
    ['an OU has no name', '/organization/organizational-units', 'POST', {}, 400],
  ])('fails when %s', async (_case, path, method, body, status) => {
    await fake('/accounts', 'POST', { accountIds: ['111111111111'] });
    const res = await fake(path, method, body);
    expect(res.status).toBe(status);
    expect(res.body.error).toEqual(expect.any(String));
    expect(emu.state.organization.accounts.get('111111111111')).toMatchObject({ status: 'ACTIVE', parentId: emu.state.organization.rootId });
  });

  test('GET /_fake/state shows the organization as its own section', async () => {
    await fake('/organization', 'PUT', TREE);
    const { body } = await fake('/state');
    expect(body.organization).toMatchObject({ organizationId: emu.state.organization.organizationId, rootId: emu.state.organization.rootId });
    expect(Object.keys(body.organization.accounts)).toEqual(['123456789012', '999999999999', '111111111111', '222222222222', '333333333333']);
    expect(body.sso.accounts).toBeUndefined();
  });

  test('a state file written before the organization existed keeps its accounts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-org-'));
    try {
      const file = join(dir, 'old.json');
      saveStateFile(emu.state, file);
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      delete saved.sections.organization;
      saved.sections.sso.accounts = { $set: ['444444444444'] };
      writeFileSync(file, JSON.stringify(saved));
      expect([...loadStateFile(file).sso.accounts].sort()).toEqual(['123456789012', '444444444444']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the state file keeps the organization: ids, OUs, placement and status', async () => {
    const { root } = (await fake('/organization', 'PUT', TREE)).body;
    const dir = mkdtempSync(join(tmpdir(), 'emu-org-'));
    try {
      saveStateFile(emu.state, join(dir, 'state.json'));
      const loaded = loadStateFile(join(dir, 'state.json'));
      expect(loaded.organization.organizationId).toBe(emu.state.organization.organizationId);
      expect(loaded.organization.rootId).toBe(root.id);
      expect(loaded.organization.accounts.get('333333333333')).toMatchObject({ status: 'SUSPENDED', parentId: root.organizationalUnits[1].id });
      expect([...loaded.organization.organizationalUnits.keys()]).toEqual([...emu.state.organization.organizationalUnits.keys()]);
      expect(loaded.sso.accounts.has('999999999999')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
