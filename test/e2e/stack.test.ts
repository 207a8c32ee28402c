import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installProvider } from '../../src/cli/provider';
import { TerraformWorkdir } from '../../src/terraform/workdir';
import { buildExampleApp } from '../../stacks/build';
import type { ExampleStackConfig } from '../../stacks/config';
import { exampleConfig } from '../../stacks/example.config';
import { exampleGrants } from '../../stacks/example-stack';
import { describeWithTerraform, TerraformToolchain } from '../support/terraform';

// Real terraform against the example stack: offline init/validate, then plan → apply → plan
// against the emulator on loopback. Needs terraform, the hashicorp/aws mirror (else the whole
// suite is reported as not run) and our provider's mirror (else each test prints why it did not run).

const EXTRA_ACCOUNT = '444444444444';

async function providerMirror(): Promise<{ dir?: string; reason?: string }> {
  try {
    return { dir: (await installProvider({ dir: mkdtempSync(join(tmpdir(), 'idemeum-mirror-')) })).mirrorDir };
  } catch (err) {
    return { reason: `the idemeum provider mirror could not be built (${(err as Error).message.split('\n')[0]})` };
  }
}

function notRun(test: string, reason: string): void {
  process.stderr.write(`[terraform suites] NOT RUN: "${test}" — ${reason}\n`);
}

function workdir(tc: TerraformToolchain, mirror: string, config: ExampleStackConfig, env: Record<string, string> = {}) {
  const built = buildExampleApp(config, mkdtempSync(join(tmpdir(), 'example-out-')));
  return { built, wd: TerraformWorkdir.create({ terraform: tc.terraform, mirrors: [tc.awsMirror, mirror], dir: built.stackDir, env }) };
}

/** Resource types the stack uses that the installed provider does not serve yet. */
async function missingTypes(wd: TerraformWorkdir): Promise<string[]> {
  const schema = await wd.expectOk(['providers', 'schema', '-json']);
  const providers = (JSON.parse(schema.stdout) as { provider_schemas: Record<string, { resource_schemas?: object; data_source_schemas?: object }> }).provider_schemas;
  const idemeum = providers['registry.terraform.io/idemeum/idemeum'] ?? {};
  const have = new Set([...Object.keys(idemeum.resource_schemas ?? {}), ...Object.keys(idemeum.data_source_schemas ?? {})]);
  return ['idemeum_pushed_user', 'idemeum_pushed_group', 'idemeum_scim_link', 'idemeum_aws_application'].filter((t) => !have.has(t));
}

describeWithTerraform('example stack with real terraform', (tc) => {
  let mirror: { dir?: string; reason?: string };
  beforeAll(async () => {
    mirror = await providerMirror();
  }, 120_000);

  test('terraform init and validate pass offline', async () => {
    if (!mirror.dir) return notRun('init + validate', mirror.reason!);
    const { wd } = workdir(tc, mirror.dir, exampleConfig);
    await wd.init();
    const missing = await missingTypes(wd);
    if (missing.length > 0) return notRun('validate', `the idemeum provider does not serve ${missing.join(', ')} yet`);
    const result = await wd.expectOk(['validate', '-no-color']);
    expect(result.stdout).toContain('Success! The configuration is valid.');
  }, 180_000);

  test('plan → apply → plan is empty; adding an account to one grant adds exactly one assignment', async () => {
    if (!mirror.dir) return notRun('plan/apply against the emulator', mirror.reason!);
    // the emulator is loaded only here: it is test support, not part of what the stack needs.
    const { startEmulatorServer } = await import('../../mocks/server');
    const { scimBaseUrl } = await import('../../mocks/scim');
    const { samlMetadataUrl } = await import('../../mocks/saml');
    const emulator = await startEmulatorServer({});
    try {
      const { state } = emulator;
      for (const id of ['111111111111', '222222222222', '333333333333', EXTRA_ACCOUNT]) state.sso.accounts.add(id);
      const token = state.directory.scimTokens.issue();
      const spMetadataXml = await (await fetch(samlMetadataUrl(state))).text();
      const config: ExampleStackConfig = { ...exampleConfig, awsEndpoint: emulator.endpoint, spMetadataXml, spMetadataFile: undefined };
      const env = { IDEMEUM_SCIM_ENDPOINT: scimBaseUrl(state), IDEMEUM_SCIM_TOKEN: token.secret };
      const { wd } = workdir(tc, mirror.dir, config, env);
      await wd.init();
      const missing = await missingTypes(wd);
      if (missing.length > 0) return notRun('plan/apply against the emulator', `the idemeum provider does not serve ${missing.join(', ')} yet`);

      await wd.expectOk(['apply', '-auto-approve', '-input=false', '-no-color'], { timeoutMs: 240_000 });
      const second = await wd.run(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
      expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
      expect(second.stdout).toContain('No changes.');

      const grants = exampleGrants(config.accounts).map((g) =>
        g.permissionSet === 'AdministratorAccess' ? { ...g, accounts: [...g.accounts, EXTRA_ACCOUNT] } : g,
      );
      const next = buildExampleApp({ ...config, grants }, mkdtempSync(join(tmpdir(), 'example-out-')));
      copyFileSync(join(next.stackDir, 'cdk.tf.json'), join(wd.dir, 'cdk.tf.json'));
      const third = await wd.expectOk(['plan', '-input=false', '-no-color']);
      expect(third.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
      expect(third.stdout).toMatch(/aws_ssoadmin_account_assignment\.Sso_Assignments_AdministratorAccess_Admins_444444444444_\w+ will be created/);
    } finally {
      await emulator.close();
    }
  }, 420_000);
});
