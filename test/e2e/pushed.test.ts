import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { startEmulator, type StartedEmulator } from '../../mocks/testing';
import { ScimClient } from '../../src/scim/client';
import { TerraformWorkdir, type TerraformResult } from '../../src/terraform/workdir';
import { describeWithTerraformBinary } from '../support/terraform';

/**
 * Real terraform, our provider installed with `idemeum-aws provider install` into a filesystem
 * mirror, the emulator on loopback. One emulator and one `terraform init` for the whole suite;
 * the steps build on each other in order. Needs terraform only (no hashicorp/aws mirror).
 */
const ROOT = resolve(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'pushed', 'main.tf');
const USERS = 150;

describeWithTerraformBinary('pushed users and groups with real terraform (e2e)', (terraform) => {
  jest.setTimeout(300_000);
  let emu: StartedEmulator;
  let tf: TerraformWorkdir;
  let tmp: string;
  let logPath: string;
  const outputs: string[] = [];
  const dir = () => emu.state.directory;
  const vars = (o: { team?: string; members?: number[]; users?: number } = {}) => [
    '-var',
    'token_issued_at=' + new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10),
    '-var',
    `user_count=${o.users ?? USERS}`,
    '-var',
    `team_name=${o.team ?? 'Engineering'}`,
    '-var',
    `team_members=${JSON.stringify(o.members ?? [0, 1, 2, 3, 4])}`,
  ];
  async function tfRun(args: string[], expectCode: number | number[] = 0): Promise<TerraformResult> {
    const res = await tf.run([...args, '-no-color']);
    outputs.push(res.stdout, res.stderr);
    const codes = Array.isArray(expectCode) ? expectCode : [expectCode];
    if (!codes.includes(res.code)) throw new Error(`terraform ${args.join(' ')} exited ${res.code}\n${res.stdout}\n${res.stderr}`);
    return res;
  }
  const apply = (o?: Parameters<typeof vars>[0]) => tfRun(['apply', '-auto-approve', '-input=false', ...vars(o)]);
  const plan = (o?: Parameters<typeof vars>[0]) => tfRun(['plan', '-detailed-exitcode', '-input=false', ...vars(o)], [0, 2]);
  async function output(name: string): Promise<unknown> {
    return JSON.parse((await tfRun(['output', '-json', name])).stdout);
  }
  const scim = () => new ScimClient({ endpoint: emu.scimUrl, token: emu.scimToken });
  const groupNames = () => [...dir().groups.values()].map((g) => g.displayName).sort();
  const membersOf = (id: string) => new Set(dir().membersOfGroup(id).map((m) => dir().getUser(m.userId)!.userName));
  const users = (idx: number[]) => new Set(idx.map((i) => `user${i}@example.com`));
  async function fault(body: Record<string, unknown>): Promise<void> {
    const res = await request(`${emu.endpoint}/_fake/faults`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    await res.body.text();
    if (res.statusCode !== 201) throw new Error(`fault injection answered ${res.statusCode}`);
  }

  beforeAll(async () => {
    emu = await startEmulator();
    tmp = mkdtempSync(join(tmpdir(), 'idemeum-pushed-e2e-'));
    const mirror = join(tmp, 'mirror');
    await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'idemeum-aws.js'), 'provider', 'install', '--dir', mirror], { cwd: ROOT });
    logPath = join(tmp, 'terraform.log');
    tf = TerraformWorkdir.create({
      terraform,
      mirrors: [mirror],
      dir: join(tmp, 'work'),
      env: { IDEMEUM_SCIM_ENDPOINT: emu.scimUrl, IDEMEUM_SCIM_TOKEN: emu.scimToken, TF_LOG: 'trace', TF_LOG_PATH: logPath },
    });
    copyFileSync(FIXTURE, join(tf.dir, 'main.tf'));
    await tfRun(['init', '-input=false']);
  });

  afterAll(async () => {
    await emu?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('create 150 users and two groups (one with all 150 members); the second plan is empty', async () => {
    await apply();
    expect(dir().users.size).toBe(USERS);
    expect(groupNames()).toEqual(['All users', 'Engineering']);
    const allId = (await output('all_id')) as string;
    expect(dir().membersOfGroup(allId)).toHaveLength(USERS);
    expect(await output('team_member_count')).toBe(5);
    expect((await plan()).code).toBe(0);
  });

  test('rename a group and change its members: updated in place, same AWS id', async () => {
    const before = (await output('team_id')) as string;
    const planned = await plan({ team: 'Platform', members: [3, 4, 5, 6] });
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('idemeum_pushed_group.team will be updated in-place');
    expect(planned.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    await apply({ team: 'Platform', members: [3, 4, 5, 6] });
    expect(await output('team_id')).toBe(before);
    expect(dir().getGroup(before)?.displayName).toBe('Platform');
    expect(membersOf(before)).toEqual(users([3, 4, 5, 6]));
    expect((await plan({ team: 'Platform', members: [3, 4, 5, 6] })).code).toBe(0);
  });

  test('a group deleted through SCIM behind terraform\'s back is planned again and re-created', async () => {
    const old = (await output('team_id')) as string;
    expect(await scim().deleteGroup(old)).toBe(true);
    const planned = await plan({ team: 'Platform', members: [3, 4, 5, 6] });
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('idemeum_pushed_group.team will be created');
    await apply({ team: 'Platform', members: [3, 4, 5, 6] });
    const now = (await output('team_id')) as string;
    expect(now).not.toBe(old);
    expect(membersOf(now)).toEqual(users([3, 4, 5, 6]));
  });

  test('terraform import of a group by display name, then the plan is empty', async () => {
    const allId = (await output('all_id')) as string;
    await tfRun(['state', 'rm', 'idemeum_pushed_group.all']);
    await tfRun(['import', '-input=false', ...vars({ team: 'Platform', members: [3, 4, 5, 6] }), 'idemeum_pushed_group.all', 'All users']);
    expect(await output('all_id')).toBe(allId);
    expect((await plan({ team: 'Platform', members: [3, 4, 5, 6] })).code).toBe(0);
  });

  test('fails at plan, before anything is applied, when the configuration holds duplicates (one provider process sees every plan)', async () => {
    const before = { users: dir().users.size, groups: dir().groups.size };
    const extra = tf.writeFile(
      'duplicates.tf',
      ['Dup', 'dup'].map((n, i) => `resource "idemeum_pushed_group" "dup${i}" {\n  display_name = "${n}"\n}\n`).join('') +
        [0, 1].map((i) => `resource "idemeum_pushed_user" "twin${i}" {\n  user_name = "twin@example.com"\n  email = "twin${i}@example.com"\n  display_name = "Twin"\n  given_name = "T"\n  family_name = "W"\n}\n`).join(''),
    );
    try {
      const res = await tfRun(['plan', '-input=false', ...vars({ team: 'Platform', members: [3, 4, 5, 6] })], 1);
      const said = res.stderr.replace(/\s+/g, ' ');
      expect(said).toMatch(/Duplicate display_name in this configuration: "[Dd]up"/);
      expect(said).toContain('Duplicate user_name in this configuration: "twin@example.com"');
      expect({ users: dir().users.size, groups: dir().groups.size }).toEqual(before);
    } finally {
      rmSync(extra);
    }
  });

  test('fails at refresh when an import block would make a second resource track a group', async () => {
    const extra = tf.writeFile('import.tf', 'import {\n  to = idemeum_pushed_group.again\n  id = "All users"\n}\nresource "idemeum_pushed_group" "again" {\n  display_name = "All users"\n}\n');
    try {
      const res = await tfRun(['plan', '-input=false', ...vars({ team: 'Platform', members: [3, 4, 5, 6] })], 1);
      expect(res.stderr.replace(/\s+/g, ' ')).toContain('Two resources track one AWS group');
    } finally {
      rmSync(extra);
    }
    expect((await plan({ team: 'Platform', members: [3, 4, 5, 6] })).code).toBe(0);
  });

  test('-replace of a group: the replacement plan is not taken for a second group with the same name', async () => {
    const old = (await output('team_id')) as string;
    await tfRun(['apply', '-auto-approve', '-input=false', '-replace=idemeum_pushed_group.team', ...vars({ team: 'Platform', members: [3, 4, 5, 6] })]);
    const now = (await output('team_id')) as string;
    expect(now).not.toBe(old);
    expect(groupNames()).toEqual(['All users', 'Platform']);
    expect(membersOf(now)).toEqual(users([3, 4, 5, 6]));
  });

  test('faults (429 bursts, 500s, resets) still converge: no duplicates, no lost memberships', async () => {
    await fault({ method: 'POST', path: '*/scim/v2/Users', status: 429, count: 6 });
    await fault({ method: 'POST', path: '*/scim/v2/Users', status: 500, count: 3 });
    await fault({ method: 'POST', path: '*/scim/v2/Users', reset: true, count: 3 });
    await fault({ method: 'PATCH', path: '*/scim/v2/Groups/*', status: 503, count: 3 });
    await fault({ method: 'PATCH', path: '*/scim/v2/Groups/*', reset: true, count: 2 });
    await fault({ method: 'GET', path: '*/scim/v2/*', status: 429, count: 5 });
    const more = USERS + 20;
    const team = [3, 4, 5, 6, 150, 151, 152, 169];
    await apply({ users: more, team: 'Platform', members: team });
    // Every injected fault was hit (none left over), so the apply really went through them.
    const left = await request(`${emu.endpoint}/_fake/faults`);
    expect(((await left.body.json()) as { faults: unknown[] }).faults).toEqual([]);
    expect(dir().users.size).toBe(more);
    const names = [...dir().users.values()].map((u) => u.userName);
    expect(new Set(names).size).toBe(names.length);
    expect(groupNames()).toEqual(['All users', 'Platform']);
    expect(membersOf((await output('all_id')) as string)).toEqual(users(Array.from({ length: more }, (_, i) => i)));
    expect(membersOf((await output('team_id')) as string)).toEqual(users(team));
    expect((await plan({ users: more, team: 'Platform', members: team })).code).toBe(0);
  });

  test('fails with a diagnostic on display_name when the group name is reserved', async () => {
    const res = await tfRun(['plan', '-input=false', ...vars({ users: USERS + 20, team: 'AWSAdministrators', members: [1] })], 1);
    expect(res.stderr).toContain('display_name "AWSAdministrators" is reserved by AWS');
    expect(res.stderr).toMatch(/on main\.tf line \d+, in resource "idemeum_pushed_group" "team"/);
  });

  test('destroy leaves the emulator empty', async () => {
    await tfRun(['destroy', '-auto-approve', '-input=false', ...vars({ users: USERS + 20, team: 'Platform', members: [1] })]);
    expect(dir().users.size).toBe(0);
    expect(dir().groups.size).toBe(0);
  });

  test('the SCIM token appears nowhere in terraform output or the provider trace log', () => {
    expect(existsSync(logPath)).toBe(true);
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('provider.terraform-provider-idemeum'); // the provider's own lines are in there
    expect(log).not.toContain(emu.scimToken);
    for (const text of outputs) expect(text).not.toContain(emu.scimToken);
    // And not in the state either.
    expect(readFileSync(join(tf.dir, 'terraform.tfstate'), 'utf8')).not.toContain(emu.scimToken);
  });
});
