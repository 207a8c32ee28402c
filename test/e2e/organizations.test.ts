import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { addBeforeDispatch } from '../../mocks/server';
import { applyOrganizationTree, parseOrganizationTree } from '../../mocks/store';
import { startEmulator, type StartedEmulator } from '../../mocks/testing';
import { TerraformWorkdir } from '../../src/terraform/workdir';
import { describeWithTerraform } from '../support/terraform';

const FIXTURE = join(__dirname, 'fixtures', 'organizations', 'main.tf');

/**
 * The AWS provider's Organizations data sources (hashicorp/aws from the offline mirror), unchanged,
 * against the emulator. Pages hold 2 items, so every list the provider reads spans several pages
 * and the provider has to follow NextToken. Data sources only: no resource is created.
 */
describeWithTerraform('hashicorp/aws Organizations data sources against the emulator', (toolchain) => {
  let emulator: StartedEmulator;
  let tf: TerraformWorkdir;
  const targets = new Map<string, number>();
  const ouId = (name: string) => [...emulator.state.organization.organizationalUnits.values()].find((ou) => ou.name === name)!.id;
  const vars = (overrides: Record<string, string> = {}) =>
    JSON.stringify({ endpoint: emulator.endpoint, workloads_ou_id: ouId('Workloads'), empty_ou_id: ouId('Empty'), ...overrides });

  beforeAll(async () => {
    emulator = await startEmulator({ organizationsPageSize: 2 });
    addBeforeDispatch(emulator.state, (req) => {
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string') targets.set(target, (targets.get(target) ?? 0) + 1);
      return false;
    });
    applyOrganizationTree(
      emulator.state.organization,
      parseOrganizationTree({
        accounts: ['999999999999'],
        organizationalUnits: [
          {
            name: 'Workloads',
            accounts: ['111111111111', '222222222222', { id: '333333333333', status: 'SUSPENDED' }],
            organizationalUnits: [{ name: 'Sandboxes', accounts: ['444444444444', '555555555555'] }],
          },
          { name: 'Empty' },
        ],
      }),
    );
    tf = TerraformWorkdir.create({ terraform: toolchain.terraform, mirrors: [toolchain.awsMirror] });
    tf.writeFile('main.tf', readFileSync(FIXTURE, 'utf8'));
    await tf.init();
  }, 120_000);

  afterAll(async () => {
    await emulator?.close();
    if (tf) rmSync(tf.dir, { recursive: true, force: true });
  });

  test('every data source reads the tree the emulator holds, across pages; suspended accounts are listed, an empty OU has no accounts', async () => {
    tf.writeFile('terraform.tfvars.json', vars());
    await tf.expectOk(['apply', '-auto-approve', '-no-color', '-input=false'], { timeoutMs: 120_000 });
    const out = Object.fromEntries(
      Object.entries(JSON.parse((await tf.expectOk(['output', '-json'])).stdout) as Record<string, { value: unknown }>).map(([k, v]) => [k, v.value]),
    );
    const org = emulator.state.organization;
    expect(out.organization).toEqual({
      id: org.organizationId,
      arn: org.organizationArn,
      feature_set: 'ALL',
      master_account_id: '123456789012',
      roots: [{ id: org.rootId, arn: org.rootArn(), name: 'Root', policy_types: [] }],
      accounts: ['123456789012', '999999999999', '111111111111', '222222222222', '333333333333', '444444444444', '555555555555'],
      non_master: ['999999999999', '111111111111', '222222222222', '333333333333', '444444444444', '555555555555'],
      service_principals: ['sso.amazonaws.com'],
    });
    expect(out.top_ous).toEqual(['Workloads', 'Empty']);
    expect(out.workloads_by_name).toBe(ouId('Workloads'));
    expect(out.child_accounts).toEqual(['111111111111:ACTIVE', '222222222222:ACTIVE', '333333333333:SUSPENDED']);
    expect(out.descendant_accounts).toEqual([
      '111111111111:ACTIVE', '222222222222:ACTIVE', '333333333333:SUSPENDED', '444444444444:ACTIVE', '555555555555:ACTIVE',
    ]);
    expect(out.root_descendant_accounts).toBe(7);
    expect(out.empty_accounts).toEqual([]);
    expect(out.descendant_ous).toEqual(['Workloads', 'Empty', 'Sandboxes']);
    // The OU grants' for_each: suspended accounts left out, an empty OU is an empty set.
    expect(out.active_for_each).toEqual({ workloads: ['111111111111', '222222222222', '444444444444', '555555555555'], empty: [] });
    // What the provider called (aws-behavior.md §6.4); the paged lists took more than one call each.
    const called = Object.fromEntries([...targets].map(([t, n]) => [t.replace('AWSOrganizationsV20161128.', ''), n]));
    process.stderr.write(`[organizations e2e] calls: ${JSON.stringify(called)}\n`);
    expect(Object.keys(called).sort()).toEqual([
      'DescribeOrganization', 'ListAWSServiceAccessForOrganization', 'ListAccounts', 'ListAccountsForParent', 'ListOrganizationalUnitsForParent', 'ListRoots',
    ]);
    expect(called.ListAccounts).toBe(4);
  }, 150_000);

  test('fails when an OU does not exist: terraform reports ParentNotFoundException', async () => {
    tf.writeFile('terraform.tfvars.json', vars({ workloads_ou_id: 'ou-0000-zzzzzzzz' }));
    const plan = await tf.run(['plan', '-no-color', '-input=false'], { timeoutMs: 120_000 });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/listing Organizations Accounts for parent \(ou-0000-zzzzzzzz\)[\s\S]*ParentNotFoundException/);
  }, 130_000);
});
