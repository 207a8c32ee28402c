import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { parseMockAwsArgs } from '../../src/cli/mock-aws';

const BIN = join(__dirname, '../../bin/idemeum-aws.js');

describe('mock-aws arguments', () => {
  test('defaults to an ephemeral port on 127.0.0.1 with throttling on', () => {
    expect(parseMockAwsArgs([])).toEqual({ port: 0, host: '127.0.0.1', accounts: [], throttle: true });
  });

  test('reads every option', () => {
    expect(
      parseMockAwsArgs(['--port', '8080', '--host', '127.0.0.2', '--region', 'eu-west-1', '--state-file', 's.json', '--org-file', 'org.json', '--accounts', '111111111111,222222222222', '--no-throttle']),
    ).toEqual({ port: 8080, host: '127.0.0.2', region: 'eu-west-1', stateFile: 's.json', orgFile: 'org.json', accounts: ['111111111111', '222222222222'], throttle: false });
  });

  test.each([
    [['--port', 'x'], /--port must be a port number/],
    [['--port', '70000'], /--port must be a port number/],
    [['--region', 'mars'], /--region must be an AWS region/],
    [['--accounts', '123'], /12-digit AWS account ids/],
    [['--state-file'], /--state-file needs a value/],
    [['--verbose'], /unknown option "--verbose"/],
  ])('fails when given %j', (argv, message) => {
    expect(() => parseMockAwsArgs(argv)).toThrow(message);
  });
});

interface Started {
  child: ChildProcess;
  info: Record<string, string>;
  stdoutLines: string[];
}

function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'mock-aws', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdoutLines: string[] = [];
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.once('exit', (code) => reject(new Error(`mock-aws exited ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdoutLines.push(line);
      if (stdoutLines.length === 1) resolve({ child, info: JSON.parse(line), stdoutLines });
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('idemeum-aws mock-aws (process)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mock-aws-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('prints one JSON line with the contract keys, serves SCIM, saves the state file on SIGTERM and reloads it', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await start(['--region', 'eu-central-1', '--accounts', '111111111111', '--state-file', stateFile]);
    expect(Object.keys(first.info).sort()).toEqual(
      ['endpoint', 'region', 'scimUrl', 'scimToken', 'identityStoreId', 'instanceArn', 'samlMetadataUrl', 'portalUrl'].sort(),
    );
    expect(first.info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.info.region).toBe('eu-central-1');
    expect(first.info.scimUrl.startsWith(`${first.info.endpoint}/`)).toBe(true);
    expect(first.info.identityStoreId).toMatch(/^d-[0-9a-f]{10}$/);

    const created = await request(`${first.info.scimUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.info.scimToken}` },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'persist', name: { givenName: 'P', familyName: 'S' }, displayName: 'P S' }),
    });
    expect(created.statusCode).toBe(201);
    const accounts = await request(`${first.info.endpoint}/_fake/accounts`);
    expect(((await accounts.body.json()) as { accountIds: string[] }).accountIds).toEqual(['111111111111', '123456789012']);

    expect(await stop(first.child)).toBe(0);
    expect(first.stdoutLines).toHaveLength(1);
    expect(existsSync(stateFile)).toBe(true);

    const second = await start(['--state-file', stateFile]);
    try {
      expect(second.info.identityStoreId).toBe(first.info.identityStoreId);
      expect(second.info.scimToken).toBe(first.info.scimToken);
      const found = await request(`${second.info.scimUrl}/Users?filter=${encodeURIComponent('userName eq "persist"')}`, {
        headers: { authorization: `Bearer ${second.info.scimToken}` },
      });
      expect(((await found.body.json()) as { totalResults: number }).totalResults).toBe(1);
    } finally {
      await stop(second.child);
    }
  }, 60_000);

  test('--write-env writes, before the ready line, an owner-only shell file that points clients at this emulator', async () => {
    const writeEnv = join(dir, 'emulator.env');
    const started = await start(['--accounts', '111111111111', '--write-env', writeEnv]);
    try {
      expect(statSync(writeEnv).mode & 0o777).toBe(0o600);
      // Sourced by a shell exactly as the README does, then read back.
      const printed = execFileSync('bash', ['-c', `AWS_PROFILE=prod AWS_SESSION_TOKEN=real; . '${writeEnv}'; env`], { encoding: 'utf8' });
      const env = Object.fromEntries(printed.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      expect(env.AWS_ENDPOINT_URL).toBe(started.info.endpoint);
      expect(env.IDEMEUM_SCIM_ENDPOINT).toBe(started.info.scimUrl);
      expect(env.IDEMEUM_SCIM_TOKEN).toBe(started.info.scimToken);
      expect(env.IDEMEUM_AWS_SAML_METADATA_URL).toBe(started.info.samlMetadataUrl);
      expect(Date.parse(env.IDEMEUM_SCIM_TOKEN_ISSUED_AT ?? '')).not.toBeNaN();
      expect(env.AWS_ACCESS_KEY_ID).toMatch(/^AKID/);
      expect(env.AWS_EC2_METADATA_DISABLED).toBe('true');
      expect(env.AWS_PROFILE).toBeUndefined();
      expect(env.AWS_SESSION_TOKEN).toBeUndefined();
    } finally {
      await stop(started.child);
    }
  }, 60_000);

  test('--org-file loads an OU tree that the Organizations API serves', async () => {
    const orgFile = join(dir, 'org.json');
    writeFileSync(orgFile, JSON.stringify({ organizationalUnits: [{ name: 'Workloads', accounts: ['222222222222', { id: '333333333333', status: 'SUSPENDED' }] }] }));
    const started = await start(['--org-file', orgFile]);
    try {
      const tree = (await (await request(`${started.info.endpoint}/_fake/organization`)).body.json()) as { root: { organizationalUnits: { id: string; name: string }[] } };
      const [workloads] = tree.root.organizationalUnits;
      expect(workloads.name).toBe('Workloads');
      const listed = await request(`${started.info.endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSOrganizationsV20161128.ListAccountsForParent' },
        body: JSON.stringify({ ParentId: workloads.id }),
      });
      const body = (await listed.body.json()) as { Accounts: { Id: string; Status: string }[] };
      expect(body.Accounts.map((a) => [a.Id, a.Status])).toEqual([['222222222222', 'ACTIVE'], ['333333333333', 'SUSPENDED']]);
    } finally {
      await stop(started.child);
    }
  }, 60_000);

  test('fails with exit code 2 when the --org-file is invalid, naming the problem', async () => {
    const orgFile = join(dir, 'bad-org.json');
    writeFileSync(orgFile, JSON.stringify({ organizationalUnits: [{ name: 'A', accounts: ['12'] }] }));
    const child = spawn(process.execPath, [BIN, 'mock-aws', '--org-file', orgFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('organizationalUnits[0].accounts[0].id: "12" is not a 12-digit account id');
  }, 30_000);

  test('fails with exit code 2 and a usage line on a bad option', async () => {
    const child = spawn(process.execPath, [BIN, 'mock-aws', '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be a port number/);
  }, 30_000);
});
