import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EmulatorControlError,
  canAccess,
  accessOf,
  createEmulator,
  setupEmulatorServer,
  startEmulator,
  summarize,
  synthesizedStackDir,
  type Emulator,
} from '../../testing';

// The harness users import (idemeum-aws-sso/testing): emulator, control API as functions, access helpers.

const USER = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@acme.example', name: { givenName: 'Ada', familyName: 'Lovelace' }, displayName: 'Ada Lovelace' };

describe('startEmulator', () => {
  let aws: Emulator;
  beforeAll(async () => {
    aws = await startEmulator({ accounts: ['111111111111'] });
  });
  afterAll(() => aws.stop());

  test('returns the fields of the mock-aws ready line, on 127.0.0.1', () => {
    expect(aws.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(aws.scimUrl).toMatch(new RegExp(`^${aws.endpoint}/[^/]+/scim/v2$`));
    expect(aws.identityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
    expect(aws.instanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    expect(aws.samlMetadataUrl.startsWith(`${aws.endpoint}/saml/metadata`)).toBe(true);
    expect(aws.portalUrl).toBe(`${aws.endpoint}/start`);
    expect(aws.region).toBe('us-east-1');
  });

  test('its token pushes a user over SCIM, and control.access() sees the directory', async () => {
    const res = await fetch(`${aws.scimUrl}/Users`, { method: 'POST', headers: { authorization: `Bearer ${aws.scimToken}`, 'content-type': 'application/scim+json' }, body: JSON.stringify(USER) });
    expect(res.status).toBe(201);
    const dump = (await aws.control.dump()) as { directory: { users: Array<{ userName: string }> } };
    expect(dump.directory.users.map((u) => u.userName)).toEqual(['ada@acme.example']);
    expect(aws.control.access().grants).toEqual([]);
  });

  test('environment() points AWS clients and the idemeum provider at it, and childEnvironment drops profiles', () => {
    const env = aws.environment();
    expect(env).toMatchObject({ AWS_ENDPOINT_URL: aws.endpoint, IDEMEUM_SCIM_ENDPOINT: aws.scimUrl, IDEMEUM_SCIM_TOKEN: aws.scimToken, AWS_REGION: 'us-east-1' });
    const child = aws.childEnvironment({ AWS_PROFILE: 'prod', AWS_SESSION_TOKEN: 'x', PATH: '/bin' });
    expect(child.AWS_PROFILE).toBeUndefined();
    expect(child.AWS_SESSION_TOKEN).toBeUndefined();
    expect(child.PATH).toBe('/bin');
  });

  test('control: accounts, faults, tokens and reset behave like the /_fake routes', async () => {
    // The organization's management account (123456789012) is always a member, as in AWS.
    expect(await aws.control.addAccounts(['222222222222'])).toEqual(['111111111111', '123456789012', '222222222222']);
    await aws.control.removeAccount('222222222222');
    expect(await aws.control.accounts()).toEqual(['111111111111', '123456789012']);

    await aws.control.injectFault({ method: 'GET', path: '/*/scim/v2/Users*', status: 503 });
    expect(await aws.control.faults()).toHaveLength(1);
    const faulted = await fetch(`${aws.scimUrl}/Users`, { headers: { authorization: `Bearer ${aws.scimToken}` } });
    expect(faulted.status).toBe(503);
    expect(await aws.control.faults()).toHaveLength(0);

    const issued = await aws.control.issueScimToken({ validityDays: 1 });
    expect(issued.token.length).toBeGreaterThan(100);
    expect((await aws.control.scimTokens()).map((t) => t.tokenId)).toContain(issued.tokenId);
    await aws.control.expireScimToken(issued.tokenId);
    const expired = await fetch(`${aws.scimUrl}/Users`, { headers: { authorization: `Bearer ${issued.token}` } });
    expect(expired.status).toBe(401);
    await aws.control.revokeScimToken(issued.tokenId);

    await aws.control.reset();
    const dump = (await aws.control.dump()) as { directory: { users: unknown[] } };
    expect(dump.directory.users).toEqual([]);
    // the token the emulator started with survives a reset
    expect((await fetch(`${aws.scimUrl}/Users`, { headers: { authorization: `Bearer ${aws.scimToken}` } })).status).toBe(200);
  });

  test('control: the organization\'s OU tree, moving and suspending accounts', async () => {
    const tree = await aws.control.setOrganization({ organizationalUnits: [{ name: 'Workloads', accounts: ['333333333333'] }] });
    const [workloads] = tree.root.organizationalUnits;
    expect(workloads).toMatchObject({ name: 'Workloads', accounts: [expect.objectContaining({ id: '333333333333', status: 'ACTIVE' })] });
    const sandbox = await aws.control.createOrganizationalUnit('Sandbox', workloads.id);
    expect(sandbox).toMatch(/^ou-[0-9a-z]+-[0-9a-z]{8}$/);
    expect(await aws.control.updateAccount('333333333333', { parentId: sandbox, status: 'SUSPENDED' })).toMatchObject({ parentId: sandbox, status: 'SUSPENDED' });
    expect((await aws.control.organization()).root.organizationalUnits[0].organizationalUnits[0].accounts.map((a) => a.id)).toEqual(['333333333333']);
    await expect(aws.control.deleteOrganizationalUnit(sandbox)).rejects.toMatchObject({ status: 409 });
    await aws.control.reset();
  });

  test('fails with the emulator\'s own message when a control call is refused', async () => {
    await expect(aws.control.addAccounts(['123'])).rejects.toThrow(EmulatorControlError);
    await expect(aws.control.addAccounts(['123'])).rejects.toThrow(/12-digit AWS account ids/);
    await expect(aws.control.injectFault({ path: 'no-slash', status: 500 })).rejects.toMatchObject({ status: 400 });
    await expect(aws.control.removeAccount('999999999999')).rejects.toMatchObject({ status: 404 });
  });

  test('fails when an account id is not 12 digits', async () => {
    await expect(startEmulator({ accounts: ['12345'] })).rejects.toThrow(/"12345" is not a 12-digit AWS account id/);
  });
});

describe('createEmulator / setupEmulatorServer (in-process)', () => {
  const aws = setupEmulatorServer({ accounts: ['111111111111'] });
  beforeAll(() => aws.server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => aws.server.close());

  test('serves AWS\'s own hostnames inside the process', async () => {
    expect(aws.scimUrl).toMatch(/^https:\/\/scim\.us-east-1\.amazonaws\.com\//);
    const res = await fetch(`${aws.scimUrl}/Users`, { method: 'POST', headers: { authorization: `Bearer ${aws.scimToken}` }, body: JSON.stringify(USER) });
    expect(res.status).toBe(201);
    const dump = (await aws.control.dump()) as { directory: { users: Array<{ userName: string }> } };
    expect(dump.directory.users).toHaveLength(1);
  });

  test('each createEmulator() starts from a fresh directory', async () => {
    const other = createEmulator();
    expect(other.identityStoreId).not.toBe(aws.identityStoreId);
    expect(((await other.control.dump()) as { directory: { users: unknown[] } }).directory.users).toEqual([]);
    expect(other.handlers.length).toBeGreaterThan(5);
  });
});

describe('access helpers', () => {
  const report = {
    grants: [
      { userId: 'u1', userName: 'grace@acme.example', accountId: '222222222222', permissionSet: 'PowerUserAccess', via: ['Engineering'], paths: ['group:Engineering'] },
      { userId: 'u1', userName: 'grace@acme.example', accountId: '111111111111', permissionSet: 'ReadOnlyAccess', via: ['Engineering'], paths: ['group:Engineering'] },
    ],
    inactiveUsers: [],
    dangling: [],
  };
  test.each([
    ['grace@acme.example', '222222222222', 'PowerUserAccess', true],
    ['GRACE@acme.example', '222222222222', 'PowerUserAccess', true],
    ['grace@acme.example', '111111111111', 'PowerUserAccess', false],
    ['ada@acme.example', '222222222222', 'PowerUserAccess', false],
  ])('canAccess(%s, %s, %s) is %s', (user, account, set, expected) => {
    expect(canAccess(report, user, account, set)).toBe(expected);
  });
  test('accessOf lists one user\'s grants', () => {
    expect(accessOf(report, 'grace@acme.example')).toHaveLength(2);
    expect(accessOf(report, 'ada@acme.example')).toEqual([]);
  });
});

describe('stack sources and plan summaries', () => {
  const root = mkdtempSync(join(tmpdir(), 'harness-source-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('a directory or its cdk.tf.json names the synthesized stack', () => {
    const dir = join(root, 'stacks', 'identity');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), '{}');
    expect(synthesizedStackDir(dir)).toBe(dir);
    expect(synthesizedStackDir(join(dir, 'cdk.tf.json'))).toBe(dir);
  });

  test('an App is synthesized and its only stack found through the manifest', () => {
    const outdir = join(root, 'app');
    const app = {
      outdir,
      synth: () => {
        mkdirSync(join(outdir, 'stacks', 'one'), { recursive: true });
        writeFileSync(join(outdir, 'stacks', 'one', 'cdk.tf.json'), '{}');
        writeFileSync(join(outdir, 'manifest.json'), JSON.stringify({ stacks: { one: { workingDirectory: 'stacks/one' } } }));
      },
    };
    expect(synthesizedStackDir(app)).toBe(join(outdir, 'stacks', 'one'));
  });

  test('fails when the directory holds no cdk.tf.json', () => {
    expect(() => synthesizedStackDir(root)).toThrow(/holds no cdk\.tf\.json; synthesize first/);
  });

  test('fails when the file given is not a cdk.tf.json', () => {
    const other = join(root, 'other.json');
    writeFileSync(other, '{}');
    expect(() => synthesizedStackDir(other)).toThrow(/is not a cdk\.tf\.json/);
  });

  test('fails when an App has several stacks and none is named', () => {
    const outdir = join(root, 'two');
    const app = { outdir, synth: () => { mkdirSync(outdir, { recursive: true }); writeFileSync(join(outdir, 'manifest.json'), JSON.stringify({ stacks: { a: { workingDirectory: 'stacks/a' }, b: { workingDirectory: 'stacks/b' } } })); } };
    expect(() => synthesizedStackDir(app)).toThrow(/stacks "a", "b"; say which with stackName/);
  });

  test('summarize counts creates, updates and deletes, a replace as both, and ignores no-ops and reads', () => {
    const s = summarize([
      { address: 'a.x', type: 'a', change: { actions: ['create'] } },
      { address: 'b.x', type: 'b', change: { actions: ['update'] } },
      { address: 'c.x', type: 'c', change: { actions: ['delete', 'create'] } },
      { address: 'd.x', type: 'd', change: { actions: ['no-op'] } },
      { address: 'data.e.x', type: 'e', change: { actions: ['read'] } },
    ]);
    expect(s).toMatchObject({ add: 2, change: 1, destroy: 1, empty: false });
    expect(s.changes.map((c) => c.address)).toEqual(['a.x', 'b.x', 'c.x']);
    expect(summarize([{ address: 'd.x', type: 'd', change: { actions: ['no-op'] } }]).empty).toBe(true);
  });
});
