import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { startEmulator, type StartedEmulator } from '../../mocks/testing';
import { TerraformWorkdir, type TerraformResult } from '../../src/terraform/workdir';
import { describeWithTerraformBinary } from '../support/terraform';
import { descendants, isAlive, seeded } from './support/processes';

/**
 * Interrupted applies converge. Real terraform and our installed provider against the emulator
 * on loopback, with faults on (429 bursts, 5xx, connection resets, 2–5 s stalls). Each run
 * starts an apply of 60 users and 8 groups (200 memberships) from nothing, interrupts it when a
 * random number of objects exist in AWS, by one of:
 *   - SIGKILL of the provider process (a crash, the OOM killer),
 *   - SIGKILL of terraform (a cancelled CI job, a pre-empted runner),
 *   - SIGINT to terraform's process group (Ctrl-C in a terminal),
 * then applies again (faults still on): the objects in flight are taken into state by their
 * external_id, nothing is duplicated, lost or extra, and the next plan is empty.
 *
 * Bounded for `npm test`: one run per kind by default. IDEMEUM_INTERRUPTION_RUNS=n runs n per
 * kind, IDEMEUM_INTERRUPTION_SEED replays the points of an earlier run (both are logged).
 */
const ROOT = resolve(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixtures', 'interruption', 'main.tf');
const USERS = 60;
const GROUPS = 8;
const KINDS = ['SIGKILL of the provider', 'SIGKILL of terraform', 'SIGINT (Ctrl-C)'] as const;
type Kind = (typeof KINDS)[number];
const RUNS_PER_KIND = Math.max(1, Number(process.env.IDEMEUM_INTERRUPTION_RUNS ?? 1));
const SEED = Number(process.env.IDEMEUM_INTERRUPTION_SEED ?? Math.floor(Math.random() * 2 ** 31));

const log = (line: string) => process.stderr.write(`[interruption] ${line}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const expectedMembers = (j: number) => new Set(Array.from({ length: USERS }, (_, i) => i).filter((i) => (i * 7 + j) % 12 < 5).map((i) => `user${i}@example.com`));

/** The runs, each with its interruption point: how many users + groups exist in AWS when it strikes. */
const random = seeded(SEED);
const RUNS = Array.from({ length: RUNS_PER_KIND }, () => KINDS)
  .flat()
  .map((kind, i) => ({ run: i + 1, kind, point: 1 + Math.floor(random() * (USERS + GROUPS - 1)) }));

describeWithTerraformBinary('interrupted applies converge with no manual step (e2e, real terraform, faults on)', (terraform) => {
  jest.setTimeout(300_000);
  let emu: StartedEmulator;
  let tf: TerraformWorkdir;
  let tmp: string;
  const dir = () => emu.state.directory;
  const objects = () => dir().users.size + dir().groups.size;
  const terraformEnv = () => ({
    ...process.env,
    TF_CLI_CONFIG_FILE: tf.cliConfigPath,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    IDEMEUM_SCIM_ENDPOINT: emu.scimUrl,
    IDEMEUM_SCIM_TOKEN: emu.scimToken,
  });

  async function control(method: string, path: string, body?: unknown): Promise<void> {
    const res = await request(`${emu.endpoint}/_fake/${path}`, { method: method as 'POST', ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
    await res.body.text();
    if (res.statusCode >= 300) throw new Error(`${method} /_fake/${path} answered ${res.statusCode}`);
  }

  /** 429 bursts, 5xx, resets and 2–5 s stalls on every SCIM operation the apply uses. */
  async function faultsOn(): Promise<void> {
    const faults = [
      { method: 'POST', path: '*/scim/v2/Users', status: 429, count: 4 },
      { method: 'POST', path: '*/scim/v2/Users', status: 500, count: 2 },
      { method: 'POST', path: '*/scim/v2/Users', reset: true, count: 2 },
      { method: 'POST', path: '*/scim/v2/Users', latencyMs: 2000 + Math.floor(random() * 3000), count: 2 },
      { method: 'POST', path: '*/scim/v2/Groups', latencyMs: 2000 + Math.floor(random() * 3000), count: 1 },
      { method: 'POST', path: '*/scim/v2/Groups', status: 503, count: 1 },
      { method: 'PATCH', path: '*/scim/v2/Groups/*', status: 503, count: 2 },
      { method: 'PATCH', path: '*/scim/v2/Groups/*', reset: true, count: 1 },
      { method: 'GET', path: '*/scim/v2/*', status: 429, count: 3 },
    ];
    for (const f of faults) await control('POST', 'faults', f);
  }

  async function tfRun(args: string[], codes: number[] = [0]): Promise<TerraformResult> {
    const res = await tf.run([...args, '-no-color']);
    if (!codes.includes(res.code)) throw new Error(`terraform ${args.join(' ')} exited ${res.code}\n${res.stdout}\n${res.stderr}`);
    return res;
  }

  /** terraform apply in its own process group, as a shell runs a foreground job. */
  function startApply(): { child: ChildProcess; done: Promise<TerraformResult> } {
    const child = spawn(terraform, ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: tf.dir, env: terraformEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const done = new Promise<TerraformResult>((res, rej) => {
      child.on('error', rej);
      child.on('close', (code, signal) => res({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    });
    return { child, done };
  }

  const providersOf = (pid: number) => descendants(pid).filter((p) => p.args.includes('terraform-provider-idemeum'));

  async function waitFor(cond: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, stepMs));
    }
    return true;
  }

  /** Strikes once `point` objects exist; returns what it saw and did. */
  async function interrupt(kind: Kind, point: number, child: ChildProcess, finished: () => boolean): Promise<{ users: number; groups: number; note: string }> {
    await waitFor(() => objects() >= point || finished(), 240_000);
    const seen = { users: dir().users.size, groups: dir().groups.size };
    if (finished()) return { ...seen, note: 'the apply finished before the point' };
    const pid = child.pid!;
    if (kind === 'SIGKILL of the provider') {
      const procs = providersOf(pid);
      for (const p of procs) process.kill(p.pid, 'SIGKILL');
      return { ...seen, note: `killed provider pid ${procs.map((p) => p.pid).join(', ') || '(none running)'}` };
    }
    if (kind === 'SIGKILL of terraform') {
      const procs = providersOf(pid);
      process.kill(pid, 'SIGKILL');
      // The orphaned provider notices its parent is gone and exits by itself.
      const exited = await waitFor(() => procs.every((p) => !isAlive(p.pid)), 15_000, 100);
      for (const p of procs) if (isAlive(p.pid)) process.kill(p.pid, 'SIGKILL');
      expect(exited).toBe(true);
      return { ...seen, note: `killed terraform pid ${pid}; its provider (${procs.map((p) => p.pid).join(', ')}) exited by itself` };
    }
    process.kill(-pid, 'SIGINT');
    return { ...seen, note: `SIGINT to process group ${pid}` };
  }

  beforeAll(async () => {
    emu = await startEmulator();
    tmp = mkdtempSync(join(tmpdir(), 'idemeum-interruption-e2e-'));
    const mirror = join(tmp, 'mirror');
    await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'idemeum-aws.js'), 'provider', 'install', '--dir', mirror], { cwd: ROOT });
    tf = TerraformWorkdir.create({ terraform, mirrors: [mirror], dir: join(tmp, 'work'), env: { IDEMEUM_SCIM_ENDPOINT: emu.scimUrl, IDEMEUM_SCIM_TOKEN: emu.scimToken } });
    copyFileSync(FIXTURE, join(tf.dir, 'main.tf'));
    await tfRun(['init', '-input=false']);
    log(`seed ${SEED}; ${RUNS.length} runs: ${RUNS.map((r) => `#${r.run} ${r.kind} at ${r.point} objects`).join('; ')}`);
  });

  afterAll(async () => {
    await emu?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** A fresh start for each run: empty directory (the token survives), no state. */
  async function fromNothing(): Promise<void> {
    await control('POST', 'reset');
    for (const f of ['terraform.tfstate', 'terraform.tfstate.backup', '.terraform.tfstate.lock.info']) rmSync(join(tf.dir, f), { force: true });
  }

  test.each(RUNS)('run $run: $kind at a random point ($point objects in AWS), then a re-apply converges: 0 duplicates, 0 lost or extra memberships, empty plan', async ({ run, kind, point }) => {
    await fromNothing();
    await faultsOn();
    const started = Date.now();
    const { child, done } = startApply();
    let finished = false;
    void done.then(() => (finished = true));
    const hit = await interrupt(kind, point, child, () => finished);
    let timer: NodeJS.Timeout | undefined;
    const cut = await Promise.race([done, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), 120_000)))]);
    clearTimeout(timer);
    const cutAfter = Date.now() - started;
    if (!cut) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`terraform did not exit within 120 s after ${kind}`);
    }
    await waitFor(() => providersOf(child.pid!).length === 0, 10_000, 100);
    const afterCut = { users: dir().users.size, groups: dir().groups.size };
    // What Ctrl-C tells the user must be true: the next apply finishes the job (checked below).
    const said = cut.stderr.replace(/\s+/g, ' ');
    const interrupted = said.match(/Error: creating pushed (user|group) \([^)]*\): interrupted/g)?.length ?? 0;
    if (kind === 'SIGINT (Ctrl-C)') {
      expect(said).not.toContain('run the command again to finish');
      if (interrupted) expect(said).toContain("if AWS did create it, the create finds the");
    }

    await faultsOn();
    const reStarted = Date.now();
    const again = await tfRun(['apply', '-auto-approve', '-input=false']);
    const takenOver = (again.stdout + again.stderr).match(/takes over the (user|group) an interrupted apply created/g)?.length ?? 0;

    const users = [...dir().users.values()].map((u) => u.userName);
    expect(users).toHaveLength(USERS);
    expect(new Set(users)).toEqual(new Set(Array.from({ length: USERS }, (_, i) => `user${i}@example.com`)));
    const groups = [...dir().groups.values()];
    expect(groups.map((g) => g.displayName).sort()).toEqual(Array.from({ length: GROUPS }, (_, j) => `Team ${j}`).sort());
    let wrong = 0;
    let memberships = 0;
    for (const g of groups) {
      const j = Number(g.displayName.replace('Team ', ''));
      const actual = new Set(dir().membersOfGroup(g.id).map((m) => dir().getUser(m.userId)!.userName));
      const want = expectedMembers(j);
      memberships += actual.size;
      wrong += [...actual].filter((u) => !want.has(u)).length + [...want].filter((u) => !actual.has(u)).length;
    }
    expect(wrong).toBe(0);
    expect(memberships).toBe(200);
    const plan = await tfRun(['plan', '-detailed-exitcode', '-input=false'], [0, 2]);
    log(
      `run ${run}: ${kind} at ${hit.users} users + ${hit.groups} groups (point ${point}); ${hit.note}; terraform exited ${cut.code} ${secs(cutAfter)} after it started ` +
        `(${afterCut.users} users, ${afterCut.groups} groups in AWS; ${interrupted} creates reported interrupted); re-apply exit ${again.code} in ${secs(Date.now() - reStarted)}, ${takenOver} taken over by external_id; ` +
        `60 users, 8 groups, ${memberships} memberships, ${wrong} lost or extra; plan -detailed-exitcode ${plan.code}`,
    );
    expect(plan.code).toBe(0);
  });

  test('a group and a user created outside the configuration with its names are refused at plan, not adopted', async () => {
    await fromNothing();
    const outsider = dir().createUser({ userName: 'outsider@example.com', displayName: 'Outsider', name: { givenName: 'O', familyName: 'S' }, active: true, emails: [], addresses: [], phoneNumbers: [], roles: [] });
    const theirGroup = dir().createGroup({ displayName: 'Team 3' });
    dir().addMember(theirGroup.id, outsider.id);
    const groupRefused = await tfRun(['apply', '-auto-approve', '-input=false'], [1]);
    const saidGroup = groupRefused.stderr.replace(/\s+/g, ' ');
    expect(saidGroup).toContain('Creating pushed group (Team 3): display_name already exists in AWS');
    expect(saidGroup).toContain('with no external_id; this resource\'s external_id is "idm-team-3"');
    expect(saidGroup).toContain('is not taken over');
    // The plan failed: nothing was applied, and their group is as they left it.
    expect(dir().users.size).toBe(1);
    expect(dir().groups.size).toBe(1);
    expect(dir().membersOfGroup(theirGroup.id).map((m) => m.userId)).toEqual([outsider.id]);

    dir().deleteGroup(theirGroup.id);
    const theirUser = dir().createUser({ userName: 'user7@example.com', displayName: 'Not ours', name: { givenName: 'N', familyName: 'O' }, active: true, externalId: 'someone-else', emails: [], addresses: [], phoneNumbers: [], roles: [] });
    const userRefused = await tfRun(['apply', '-auto-approve', '-input=false'], [1]);
    const saidUser = userRefused.stderr.replace(/\s+/g, ' ');
    expect(saidUser).toContain('Creating pushed user (user7@example.com): user_name already exists in AWS');
    expect(saidUser).toContain('with external_id "someone-else"; this resource\'s external_id is "idm-user-7"');
    expect(dir().users.size).toBe(2);
    expect(dir().getUser(theirUser.id)).toMatchObject({ displayName: 'Not ours', externalId: 'someone-else' });
    log('refusal: a same-named group (no external_id) and then a user (another external_id) made outside the configuration were refused at plan; nothing applied');
  });

  test('a plan with an expired token fails at plan with the token error, once', async () => {
    await fromNothing();
    const expired = dir().scimTokens.issue();
    dir().scimTokens.expire(expired.tokenId);
    try {
      const res = await tf.run(['plan', '-input=false', '-no-color'], { env: { IDEMEUM_SCIM_TOKEN: expired.secret } });
      expect(res.code).toBe(1);
      expect(res.stderr.match(/AWS rejected the SCIM token \(401\)/g)).toHaveLength(1);
      expect(res.stderr + res.stdout).not.toContain(expired.secret);
    } finally {
      dir().scimTokens.revoke(expired.tokenId);
    }
  });
});
