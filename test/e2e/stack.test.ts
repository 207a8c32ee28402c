import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessSnapshot } from '../../mocks/access-snapshot';
import { applyOrganizationTree, parseOrganizationTree } from '../../mocks/store';
import { startEmulator, type StartedEmulator } from '../../mocks/testing';
import { effectiveAccess } from '../../src/access';
import { login } from '../../src/cli/login';
import { installProvider } from '../../src/cli/provider';
import { readAppliedIdemeum } from '../../src/cli/simulate/terraform-state';
import { TerraformWorkdir, type TerraformResult } from '../../src/terraform/workdir';
import { PolicyDocument } from '../../constructs/policy-document';
import { buildExampleApp } from '../../stacks/build';
import type { ExampleStackConfig } from '../../stacks/config';
import { exampleConfig } from '../../stacks/example.config';
import { exampleGrants, examplePermissionSets } from '../../stacks/example-stack';
import { describeWithTerraform } from '../support/terraform';
import { writeIdemeumAppFile } from './support/app-file';
import { addresses, addressOf, plannedChanges, readStack, runAccessDiff, step as progress } from './support/plans';

// Real terraform against the example stack: offline init + validate, plan → apply → plan against the
// emulator on loopback, then changes a pull request would make (an account, a user moved between
// groups, a policy, an account joining, leaving and suspended in the OU the stack grants to, a grant
// to a user) with the access diff of each plan. One emulator and one `terraform init` serve the
// whole file: the steps build on each other's state, so each later step first checks that the
// apply succeeded and says so if not. Plans that are not applied leave the state as it was.

const ACCOUNTS = { production: '111111111111', staging: '222222222222', sandbox: '333333333333' };
const EXTRA_ACCOUNT = '444444444444';
/** 25 resource blocks; the OU grant's for_each makes two instances of one of them. */
const EXAMPLE_RESOURCES = 26;
const APPLY_TIMEOUT_MS = 300_000;
const PLAN_TIMEOUT_MS = 120_000;
const step = (name: string, startedAt: bigint) => progress('example stack e2e', name, startedAt);

describeWithTerraform('example stack with real terraform', (tc) => {
  const root = mkdtempSync(join(tmpdir(), 'idemeum-stack-e2e-'));
  /** The configuration the state was last applied from; every test starts from it. */
  const appliedConfig = () => join(root, 'applied-cdk.tf.json');
  let emulator: StartedEmulator;
  let config: ExampleStackConfig;
  let stackDir: string;
  let wd: TerraformWorkdir;
  let init: { stdout: string };
  let ou: { production: string; nonProduction: string; spare: string };
  let firstPlanJson = '';
  const done = { applied: false };
  /** Everything terraform printed, to check that no secret reached it. */
  const printed: string[] = [];
  const terraform = async (args: readonly string[], options: { timeoutMs?: number } = {}): Promise<TerraformResult> => {
    const result = await wd.expectOk(args, options);
    printed.push(result.stdout, result.stderr);
    return result;
  };
  const requireApplied = () => {
    if (!done.applied) throw new Error('the stack was not applied (see the failure above), so there is nothing to change');
  };
  /** Synthesizes a variant of the stack into its own folder and puts its cdk.tf.json in the working directory. */
  let variants = 0;
  const useStack = (overrides: Partial<ExampleStackConfig>): string => {
    const dir = buildExampleApp({ ...config, ...overrides }, join(root, `variant-${++variants}`)).stackDir;
    copyFileSync(join(dir, 'cdk.tf.json'), join(wd.dir, 'cdk.tf.json'));
    return dir;
  };
  /**
   * `plan -out` and `show -json` of it; the plan file stays in the working directory for access-diff.
   * After the first apply the emulator and the state are known to agree (an empty plan says so), so
   * later plans skip refreshing the managed resources; data sources, the OU's accounts among them,
   * are read on every plan regardless.
   */
  const plan = async (name: string): Promise<{ stdout: string; json: string; file: string }> => {
    const t = process.hrtime.bigint();
    const refresh = done.applied ? ['-refresh=false'] : [];
    const result = await terraform(['plan', '-input=false', '-no-color', ...refresh, `-out=${name}.tfplan`], { timeoutMs: PLAN_TIMEOUT_MS });
    const json = (await wd.expectOk(['show', '-json', `${name}.tfplan`])).stdout;
    const file = join(root, `${name}.json`);
    writeFileSync(file, json, { mode: 0o600 });
    step(`plan: ${name}`, t);
    return { stdout: result.stdout, json, file };
  };
  const moveAccount = async (accountId: string, body: { parentId?: string; status?: string }) => {
    const res = await fetch(`${emulator.endpoint}/_fake/accounts/${accountId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };
  const ouAddress = () => addressOf(readStack(appliedConfig()), 'Sso/Assignments/PowerUserAccess/Engineering/Engineering/OrganizationalUnits');

  beforeAll(async () => {
    let t = process.hrtime.bigint();
    emulator = await startEmulator();
    applyOrganizationTree(
      emulator.state.organization,
      parseOrganizationTree({
        organizationalUnits: [
          { name: 'Production', accounts: [ACCOUNTS.production] },
          { name: 'NonProduction', accounts: [ACCOUNTS.staging, ACCOUNTS.sandbox] },
          { name: 'Spare', accounts: [EXTRA_ACCOUNT] },
        ],
      }),
    );
    const ouId = (name: string) => [...emulator.state.organization.organizationalUnits.values()].find((o) => o.name === name)!.id;
    ou = { production: ouId('Production'), nonProduction: ouId('NonProduction'), spare: ouId('Spare') };
    const [installed, spMetadata] = await Promise.all([installProvider({ dir: join(root, 'mirror') }), fetch(`${emulator.endpoint}/saml/metadata`)]);
    expect(spMetadata.status).toBe(200);
    config = {
      ...exampleConfig,
      region: emulator.state.options.region,
      awsEndpoint: emulator.endpoint,
      accounts: ACCOUNTS,
      organizationalUnits: { nonProduction: ou.nonProduction },
      // the token the emulator just issued; its life is tracked from the emulator's clock
      scim: { endpoint: emulator.scimUrl, tokenIssuedAt: emulator.state.clock.now().toISOString() },
      spMetadataXml: await spMetadata.text(),
      spMetadataFile: undefined,
    };
    stackDir = buildExampleApp(config, join(root, 'applied')).stackDir;
    copyFileSync(join(stackDir, 'cdk.tf.json'), appliedConfig());
    step('emulator, provider mirror and synth', t);
    t = process.hrtime.bigint();
    // Our own CLI config: the two filesystem mirrors and no registry, so init is offline.
    wd = TerraformWorkdir.create({ terraform: tc.terraform, mirrors: [tc.awsMirror, installed.mirrorDir], dir: stackDir, env: { IDEMEUM_SCIM_TOKEN: emulator.scimToken } });
    init = await wd.init();
    printed.push(init.stdout);
    step('terraform init', t);
  }, 180_000);

  afterEach(() => {
    if (wd) copyFileSync(appliedConfig(), join(wd.dir, 'cdk.tf.json'));
  });

  afterAll(async () => {
    await emulator?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('terraform init installs both providers from the mirrors and validate passes', async () => {
    expect(init.stdout).toMatch(/Installing hashicorp\/aws v5\.\d+\.\d+\.\.\./);
    expect(init.stdout).toMatch(/Installing idemeum\/idemeum v\d+\.\d+\.\d+\.\.\./);
    expect(init.stdout).toContain('Terraform has been successfully initialized!');
    const result = await terraform(['validate', '-no-color']);
    expect(result.stdout).toContain('Success! The configuration is valid.');
  }, 60_000);

  test('plan → apply → plan against the emulator: the first plan\'s access diff is what the apply grants; the second plan is empty', async () => {
    const first = await plan('first');
    firstPlanJson = first.json;
    expect(first.stdout).toContain(`Plan: ${EXAMPLE_RESOURCES} to add, 0 to change, 0 to destroy.`);
    // Every id is unknown in a first plan; the diff resolves them through the references.
    const diff = await runAccessDiff(first.file);
    expect(diff.code).toBe(2);
    expect(diff.json.unresolved).toEqual([]);
    expect(diff.json.summary).toEqual({ gains: 12, losses: 0, usersAdded: 5, usersRemoved: 0 });
    expect(diff.json.changes).toContainEqual({ user: 'grace@acme.example', account: ACCOUNTS.sandbox, permissionSet: 'PowerUserAccess', change: 'gain', via: ['group:Engineering'] });
    expect(diff.markdown).toContain('**12 gains, 0 losses** · 5 users added');
    expect(diff.markdown).toContain('| ada@acme.example | ➕ gains | 111111111111 | AdministratorAccess | group:Admins |');

    const t = process.hrtime.bigint();
    const apply = await terraform(['apply', '-input=false', '-no-color', 'first.tfplan'], { timeoutMs: APPLY_TIMEOUT_MS });
    expect(apply.stdout).toContain(`Apply complete! Resources: ${EXAMPLE_RESOURCES} added, 0 changed, 0 destroyed.`);
    step('apply', t);

    // What terraform says it did is what the emulator now holds, and what the plan's diff said.
    const { directory, sso } = emulator.state;
    expect([...directory.users.values()].map((u) => u.userName).sort()).toEqual(config.users.map((u) => u.userName).sort());
    expect([...directory.groups.values()].map((g) => g.displayName).sort()).toEqual(['Admins', 'Auditors', 'Engineering']);
    expect(sso.permissionSets.size).toBe(3);
    expect(sso.assignments).toHaveLength(9);
    const granted = effectiveAccess(accessSnapshot(emulator.state)).grants.map((g) => `${g.userName} ${g.accountId} ${g.permissionSet} ${g.paths.join(',')}`);
    expect(diff.json.changes.map((c) => `${c.user} ${c.account} ${c.permissionSet} ${c.via.join(',')}`).sort()).toEqual(granted.sort());

    const second = await wd.run(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    printed.push(second.stdout, second.stderr);
    expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
    expect(second.stdout).toContain('No changes.');
    done.applied = true;
  }, APPLY_TIMEOUT_MS + 2 * PLAN_TIMEOUT_MS);

  test('adding an account to one grant plans exactly one new assignment and no destroy', async () => {
    requireApplied();
    const grants = exampleGrants(config.accounts, config.organizationalUnits).map((g) =>
      g.permissionSet === 'AdministratorAccess' ? { ...g, accounts: [...(g.accounts ?? []), EXTRA_ACCOUNT] } : g,
    );
    const next = useStack({ grants });
    // Synthesis itself adds one address and renames none: the new (Admins, account) assignment.
    const before = addresses(readStack(appliedConfig()));
    const after = addresses(readStack(next));
    const added = addressOf(readStack(next), `Sso/Assignments/AdministratorAccess/Admins/Admins/${EXTRA_ACCOUNT}`);
    expect(added).toMatch(/^aws_ssoadmin_account_assignment\.Sso_Assignments_AdministratorAccess_Admins_444444444444_/);
    expect({ added: after.filter((a) => !before.includes(a)), removed: before.filter((a) => !after.includes(a)) }).toEqual({ added: [added], removed: [] });

    const planned = await plan('extra-account');
    expect(planned.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(planned.json).not.toContain(emulator.scimToken);
    const changes = plannedChanges(planned.json);
    expect(changes.map((c) => ({ address: c.address, actions: c.actions }))).toEqual([{ address: added, actions: ['create'] }]);
    const admins = [...emulator.state.directory.groups.values()].find((g) => g.displayName === 'Admins')!;
    expect(changes[0].after).toMatchObject({ target_id: EXTRA_ACCOUNT, target_type: 'AWS_ACCOUNT', principal_type: 'GROUP', principal_id: admins.id });
  }, PLAN_TIMEOUT_MS + 10_000);

  test('a user moved between groups and a new user: the access diff names every gain and loss with its group, in both formats', async () => {
    requireApplied();
    useStack({
      users: [...config.users, { userName: 'margaret@acme.example', givenName: 'Margaret', familyName: 'Hamilton' }],
      groupMembers: { Admins: ['ada@acme.example', 'margaret@acme.example'], Engineering: ['grace@acme.example'], Auditors: ['barbara@acme.example', 'linus@acme.example'] },
    });
    const planned = await plan('moved');
    expect(planned.stdout).toContain('Plan: 1 to add, 3 to change, 0 to destroy.');
    const diff = await runAccessDiff(planned.file);
    expect(diff.code).toBe(2);
    expect(diff.json.summary).toEqual({ gains: 5, losses: 2, usersAdded: 1, usersRemoved: 0 });
    expect(diff.json.changes).toEqual([
      { user: 'linus@acme.example', account: ACCOUNTS.staging, permissionSet: 'PowerUserAccess', change: 'loss', via: ['group:Engineering'] },
      { user: 'linus@acme.example', account: ACCOUNTS.staging, permissionSet: 'ReadOnlyAccess', change: 'gain', via: ['group:Auditors'] },
      { user: 'linus@acme.example', account: ACCOUNTS.sandbox, permissionSet: 'PowerUserAccess', change: 'loss', via: ['group:Engineering'] },
      { user: 'linus@acme.example', account: ACCOUNTS.sandbox, permissionSet: 'ReadOnlyAccess', change: 'gain', via: ['group:Auditors'] },
      // margaret's id is known only after apply: resolved as "the user being created as margaret@…"
      ...[ACCOUNTS.production, ACCOUNTS.staging, ACCOUNTS.sandbox].map((account) => ({ user: 'margaret@acme.example', account, permissionSet: 'AdministratorAccess', change: 'gain', via: ['group:Admins'] })),
    ]);
    expect(diff.json.unresolved).toEqual([]);
    expect(diff.json.details.membershipChanges).toEqual([
      { user: 'linus@acme.example', group: 'Auditors', change: 'added' },
      { user: 'linus@acme.example', group: 'Engineering', change: 'removed' },
      { user: 'margaret@acme.example', group: 'Admins', change: 'added' },
    ]);
    expect(diff.json.details.viaChanges).toEqual([
      { user: 'linus@acme.example', account: ACCOUNTS.production, permissionSet: 'ReadOnlyAccess', before: ['group:Engineering'], after: ['group:Auditors'] },
    ]);
    // The sample comment in docs/access-diff.md is this output.
    const sample = /<!-- sample:user-moved -->\n((?:>.*\n)+)/.exec(readFileSync(join(__dirname, '..', '..', 'docs', 'access-diff.md'), 'utf8'))![1];
    expect(diff.markdown).toBe(sample.replace(/^> ?/gm, ''));
  }, PLAN_TIMEOUT_MS + 10_000);

  test('a policy changed: the diff lists the permission set and everyone it reaches, and no gain or loss', async () => {
    requireApplied();
    const permissionSets = examplePermissionSets().map((p) =>
      p.name === 'PowerUserAccess'
        ? { ...p, inlinePolicy: PolicyDocument.fromObject({ Version: '2012-10-17', Statement: [{ Sid: 'PassAnyRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }) }
        : p,
    );
    useStack({ permissionSets });
    const planned = await plan('policy');
    expect(plannedChanges(planned.json).map((c) => c.address)).toEqual([expect.stringMatching(/^aws_ssoadmin_permission_set_inline_policy\.Sso_PermissionSets_PowerUserAccess_InlinePolicy_/)]);
    const diff = await runAccessDiff(planned.file);
    expect(diff.code).toBe(2);
    expect(diff.json.changes).toEqual([]);
    expect(diff.json.policyChanges).toEqual([{ permissionSet: 'PowerUserAccess', reaches: ['grace@acme.example', 'linus@acme.example'] }]);
    expect(diff.markdown).toContain('**0 gains, 0 losses** · 1 permission set with changed policies');
    expect(diff.markdown).toContain('**Policies change** in `PowerUserAccess`, reaching 2 users:\ngrace@acme.example, linus@acme.example');
  }, PLAN_TIMEOUT_MS + 10_000);

  test('an account added to the OU plans exactly one add, keyed by the account, and the diff shows who gains it', async () => {
    requireApplied();
    await moveAccount(EXTRA_ACCOUNT, { parentId: ou.nonProduction });
    const planned = await plan('ou-gains');
    expect(planned.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(plannedChanges(planned.json).map((c) => ({ address: c.address, actions: c.actions }))).toEqual([{ address: `${ouAddress()}["${EXTRA_ACCOUNT}"]`, actions: ['create'] }]);
    const diff = await runAccessDiff(planned.file);
    expect(diff.json.changes).toEqual(
      ['grace@acme.example', 'linus@acme.example'].map((user) => ({ user, account: EXTRA_ACCOUNT, permissionSet: 'PowerUserAccess', change: 'gain', via: ['group:Engineering'] })),
    );
    expect(diff.json.details.accountsNewlyReachable).toEqual([EXTRA_ACCOUNT]);
    expect(diff.markdown).toContain(`| grace@acme.example | ➕ gains | ${EXTRA_ACCOUNT} | PowerUserAccess | group:Engineering |`);
    expect(diff.markdown).toContain(`**Accounts newly reachable:** ${EXTRA_ACCOUNT}`);
  }, PLAN_TIMEOUT_MS + 10_000);

  test('a grant to a user: applied with the OU\'s new account, the user signs in through SAML and the portal shows the account', async () => {
    requireApplied();
    // hedy, the contractor in no group, gets ReadOnlyAccess on sandbox directly (and so the AWS tile).
    const grants = [...exampleGrants(config.accounts, config.organizationalUnits), { users: ['hedy@acme.example'], permissionSet: 'ReadOnlyAccess', accounts: [ACCOUNTS.sandbox] }];
    const next = useStack({ grants });
    const planned = await plan('user-grant');
    // hedy's assignment, the OU's new account (moved in by the test above), and the tile's entitlement.
    expect(planned.stdout).toContain('Plan: 2 to add, 1 to change, 0 to destroy.');
    const diff = await runAccessDiff(planned.file);
    expect(diff.json.changes).toContainEqual({ user: 'hedy@acme.example', account: ACCOUNTS.sandbox, permissionSet: 'ReadOnlyAccess', change: 'gain', via: ['user'] });
    const t = process.hrtime.bigint();
    await terraform(['apply', '-input=false', '-no-color', 'user-grant.tfplan'], { timeoutMs: APPLY_TIMEOUT_MS });
    copyFileSync(join(next, 'cdk.tf.json'), appliedConfig());
    step('apply: user grant and OU account', t);

    const hedy = emulator.state.directory.findUserByUserName('hedy@acme.example')!;
    expect(emulator.state.sso.assignmentsFor('USER', hedy.id).map((a) => a.accountId)).toEqual([ACCOUNTS.sandbox]);
    const engineering = [...emulator.state.directory.groups.values()].find((g) => g.displayName === 'Engineering')!;
    expect(emulator.state.sso.assignmentsFor('GROUP', engineering.id).map((a) => a.accountId).sort()).toEqual([ACCOUNTS.production, ACCOUNTS.staging, ACCOUNTS.sandbox, EXTRA_ACCOUNT].sort());

    const applied = readAppliedIdemeum((await wd.expectOk(['show', '-json'])).stdout);
    const upload = await fetch(`${emulator.endpoint}/_fake/saml/idp-metadata`, { method: 'PUT', body: applied.application.idpMetadataXml });
    expect(upload.status).toBe(200);
    const listing = await login({ appFile: writeIdemeumAppFile(root, applied), userName: 'hedy@acme.example', endpoint: emulator.endpoint });
    expect(listing.accounts).toEqual([{ accountId: ACCOUNTS.sandbox, permissionSets: [expect.objectContaining({ name: 'ReadOnlyAccess' })] }]);
  }, APPLY_TIMEOUT_MS + PLAN_TIMEOUT_MS);

  test('an account leaving the OU plans exactly one destroy, and the diff shows who loses it', async () => {
    requireApplied();
    await moveAccount(EXTRA_ACCOUNT, { parentId: ou.spare });
    try {
      const planned = await plan('ou-loses');
      expect(planned.stdout).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');
      expect(plannedChanges(planned.json).map((c) => ({ address: c.address, actions: c.actions }))).toEqual([{ address: `${ouAddress()}["${EXTRA_ACCOUNT}"]`, actions: ['delete'] }]);
      const diff = await runAccessDiff(planned.file);
      expect(diff.json.changes).toEqual(
        ['grace@acme.example', 'linus@acme.example'].map((user) => ({ user, account: EXTRA_ACCOUNT, permissionSet: 'PowerUserAccess', change: 'loss', via: ['group:Engineering'] })),
      );
      expect(diff.markdown).toContain(`| linus@acme.example | ➖ loses | ${EXTRA_ACCOUNT} | PowerUserAccess | group:Engineering |`);
    } finally {
      await moveAccount(EXTRA_ACCOUNT, { parentId: ou.nonProduction });
    }
  }, PLAN_TIMEOUT_MS + 10_000);

  test('a suspended account in the OU plans exactly one destroy (AWS fails assignments there); reactivated, nothing changes', async () => {
    requireApplied();
    await moveAccount(ACCOUNTS.staging, { status: 'SUSPENDED' });
    try {
      const planned = await plan('suspended');
      expect(plannedChanges(planned.json).map((c) => ({ address: c.address, actions: c.actions }))).toEqual([{ address: `${ouAddress()}["${ACCOUNTS.staging}"]`, actions: ['delete'] }]);
    } finally {
      await moveAccount(ACCOUNTS.staging, { status: 'ACTIVE' });
    }
    const again = await wd.run(['plan', '-detailed-exitcode', '-input=false', '-no-color'], { timeoutMs: PLAN_TIMEOUT_MS });
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: '' });
  }, 2 * PLAN_TIMEOUT_MS + 10_000);

  test('neither the SCIM token nor the signing key reaches terraform output; the token is not in state or plans either', () => {
    requireApplied();
    const state = readFileSync(join(wd.dir, 'terraform.tfstate'), 'utf8');
    expect(state).not.toContain(emulator.scimToken);
    expect(firstPlanJson).not.toContain(emulator.scimToken);
    const app = (JSON.parse(state) as { resources: { type: string; instances: { attributes: { signing_key_pem: string } }[] }[] }).resources.find(
      (r) => r.type === 'idemeum_aws_application',
    )!;
    const keyLines = app.instances[0].attributes.signing_key_pem.split('\n').filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l));
    expect(keyLines.length).toBeGreaterThan(10);
    const output = printed.join('\n');
    expect(output).toContain('(sensitive value)');
    expect(output).not.toContain(emulator.scimToken);
    for (const line of keyLines) expect(output).not.toContain(line);
  });
});
