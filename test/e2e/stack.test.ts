import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type StartedEmulator } from '../../mocks/testing';
import { installProvider } from '../../src/cli/provider';
import { TerraformWorkdir, type TerraformResult } from '../../src/terraform/workdir';
import { buildExampleApp } from '../../stacks/build';
import type { ExampleStackConfig } from '../../stacks/config';
import { exampleConfig } from '../../stacks/example.config';
import { exampleGrants } from '../../stacks/example-stack';
import { describeWithTerraform } from '../support/terraform';

// Real terraform against the example stack: offline init + validate, then plan → apply → plan
// against the emulator on loopback, then one more account on one grant. One emulator and one
// `terraform init` serve the whole file: the steps build on each other's state, so each later
// step first checks that the one before it succeeded and says so if not.

const ACCOUNTS = { production: '111111111111', staging: '222222222222', sandbox: '333333333333' };
const EXTRA_ACCOUNT = '444444444444';
const APPLY_TIMEOUT_MS = 300_000;

interface SynthesizedStack {
  resource: Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>>;
}

interface ResourceChange {
  address: string;
  type: string;
  change: { actions: string[]; after?: Record<string, unknown> };
}

function readStack(stackDir: string): SynthesizedStack {
  return JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as SynthesizedStack;
}

function resourceCount(stack: SynthesizedStack): number {
  return Object.values(stack.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

function addresses(stack: SynthesizedStack): string[] {
  return Object.entries(stack.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

/** The terraform address of the resource whose construct path ends in `constructPath`. */
function addressOf(stack: SynthesizedStack, constructPath: string): string | undefined {
  for (const [type, byName] of Object.entries(stack.resource)) {
    for (const [name, body] of Object.entries(byName)) {
      if (body['//']?.metadata?.path?.endsWith(`/${constructPath}`)) return `${type}.${name}`;
    }
  }
  return undefined;
}

/** Progress lines with wall-clock figures, so a slow run shows where the time went. */
function step(name: string, startedAt: bigint): void {
  process.stderr.write(`[example stack e2e] ${name}: ${(Number(process.hrtime.bigint() - startedAt) / 1e9).toFixed(1)} s\n`);
}

describeWithTerraform('example stack with real terraform', (tc) => {
  const root = mkdtempSync(join(tmpdir(), 'idemeum-stack-e2e-'));
  let emulator: StartedEmulator;
  let config: ExampleStackConfig;
  let stackDir: string;
  let wd: TerraformWorkdir;
  let init: { stdout: string };
  const done = { applied: false };
  /** Everything terraform printed, to check that no secret reached it. */
  const printed: string[] = [];
  const terraform = async (args: readonly string[], options: { timeoutMs?: number } = {}): Promise<TerraformResult> => {
    const result = await wd.expectOk(args, options);
    printed.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    let t = process.hrtime.bigint();
    emulator = await startEmulator();
    for (const id of [...Object.values(ACCOUNTS), EXTRA_ACCOUNT]) emulator.state.sso.accounts.add(id);
    const [installed, spMetadata] = await Promise.all([
      installProvider({ dir: join(root, 'mirror') }),
      fetch(`${emulator.endpoint}/saml/metadata`),
    ]);
    expect(spMetadata.status).toBe(200);
    config = {
      ...exampleConfig,
      region: emulator.state.options.region,
      awsEndpoint: emulator.endpoint,
      accounts: ACCOUNTS,
      // the token the emulator just issued; its life is tracked from the emulator's clock
      scim: { endpoint: emulator.scimUrl, tokenIssuedAt: emulator.state.clock.now().toISOString() },
      spMetadataXml: await spMetadata.text(),
      spMetadataFile: undefined,
    };
    stackDir = buildExampleApp(config, join(root, 'applied')).stackDir;
    step('emulator, provider mirror and synth', t);
    t = process.hrtime.bigint();
    // Our own CLI config: the two filesystem mirrors and no registry, so init is offline.
    wd = TerraformWorkdir.create({
      terraform: tc.terraform,
      mirrors: [tc.awsMirror, installed.mirrorDir],
      dir: stackDir,
      env: { IDEMEUM_SCIM_TOKEN: emulator.scimToken },
    });
    init = await wd.init();
    printed.push(init.stdout);
    step('terraform init', t);
  }, 180_000);

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

  test('plan → apply → plan against the emulator: the second plan is empty', async () => {
    const total = resourceCount(readStack(stackDir));
    let t = process.hrtime.bigint();
    const first = await terraform(['plan', '-input=false', '-no-color', '-out=first.tfplan']);
    expect(first.stdout).toContain(`Plan: ${total} to add, 0 to change, 0 to destroy.`);
    step('first plan', t);

    t = process.hrtime.bigint();
    const apply = await terraform(['apply', '-input=false', '-no-color', 'first.tfplan'], { timeoutMs: APPLY_TIMEOUT_MS });
    expect(apply.stdout).toContain(`Apply complete! Resources: ${total} added, 0 changed, 0 destroyed.`);
    step('apply', t);

    // What terraform says it did is what the emulator now holds.
    const { directory, sso } = emulator.state;
    expect([...directory.users.values()].map((u) => u.userName).sort()).toEqual(config.users.map((u) => u.userName).sort());
    expect([...directory.groups.values()].map((g) => g.displayName).sort()).toEqual(['Admins', 'Auditors', 'Engineering']);
    expect(sso.permissionSets.size).toBe(3);
    expect(sso.assignments).toHaveLength(9);

    t = process.hrtime.bigint();
    const second = await wd.run(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    printed.push(second.stdout, second.stderr);
    expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
    expect(second.stdout).toContain('No changes.');
    step('second plan', t);
    done.applied = true;
  }, APPLY_TIMEOUT_MS + 60_000);

  test('adding an account to one grant plans exactly one new assignment and no destroy', async () => {
    if (!done.applied) throw new Error('the stack was not applied (see the failure above), so there is nothing to change');
    const grants = exampleGrants(config.accounts).map((g) =>
      g.permissionSet === 'AdministratorAccess' ? { ...g, accounts: [...g.accounts, EXTRA_ACCOUNT] } : g,
    );
    const next = buildExampleApp({ ...config, grants }, join(root, 'next')).stackDir;
    // Synthesis itself adds one address and renames none: the new (Admins, account) assignment.
    const before = addresses(readStack(stackDir));
    const after = addresses(readStack(next));
    const added = addressOf(readStack(next), `Sso/Assignments/AdministratorAccess/Admins/Admins/${EXTRA_ACCOUNT}`);
    expect(added).toMatch(/^aws_ssoadmin_account_assignment\.Sso_Assignments_AdministratorAccess_Admins_444444444444_/);
    expect({ added: after.filter((a) => !before.includes(a)), removed: before.filter((a) => !after.includes(a)) }).toEqual({ added: [added], removed: [] });
    copyFileSync(join(next, 'cdk.tf.json'), join(wd.dir, 'cdk.tf.json'));

    const t = process.hrtime.bigint();
    const plan = await terraform(['plan', '-input=false', '-no-color', '-out=next.tfplan']);
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    step('plan with one more account', t);

    const planJson = (await wd.expectOk(['show', '-json', 'next.tfplan'])).stdout;
    expect(planJson).not.toContain(emulator.scimToken);
    const shown = JSON.parse(planJson) as { resource_changes: ResourceChange[] };
    const changes = shown.resource_changes.filter((c) => c.change.actions.join() !== 'no-op');
    expect(changes.map((c) => ({ address: c.address, actions: c.change.actions }))).toEqual([{ address: added, actions: ['create'] }]);
    const admins = [...emulator.state.directory.groups.values()].find((g) => g.displayName === 'Admins')!;
    expect(changes[0].change.after).toMatchObject({
      target_id: EXTRA_ACCOUNT,
      target_type: 'AWS_ACCOUNT',
      principal_type: 'GROUP',
      principal_id: admins.id,
    });
  }, 120_000);

  test('neither the SCIM token nor the signing key reaches terraform output; the token is not in state either', () => {
    if (!done.applied) throw new Error('the stack was not applied (see the failure above), so there is no signing key to look for');
    const state = readFileSync(join(wd.dir, 'terraform.tfstate'), 'utf8');
    expect(state).not.toContain(emulator.scimToken);
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
