import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { buildExampleApp, EXAMPLE_STACK_NAME } from '../../stacks/build';
import { ExampleConfigError, ExampleStackConfig, parseAccounts, withEnvironment } from '../../stacks/config';
import { exampleConfig } from '../../stacks/example.config';
import { ExampleStack } from '../../stacks/example-stack';

function synthExample(config: ExampleStackConfig = exampleConfig) {
  const stack = new ExampleStack(Testing.app(), 'example', config);
  return JSON.parse(Testing.synth(stack));
}

describe('ExampleStack', () => {
  test('mirrors the integration guide: three groups, three permission sets, grants per account', () => {
    const out = synthExample();
    const sets = Object.values(out.resource.aws_ssoadmin_permission_set).map((p) => (p as { name: string }).name);
    expect(sets.sort()).toEqual(['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess']);
    const groups = Object.values(out.resource.idemeum_pushed_group).map((g) => (g as { display_name: string }).display_name);
    expect(groups.sort()).toEqual(['Admins', 'Auditors', 'Engineering']);
    // Admins ×3, Engineering PowerUser on the non-production OU (one for_each) + ReadOnly ×1, Auditors ReadOnly ×3
    const assignments = Object.values(out.resource.aws_ssoadmin_account_assignment) as { for_each?: string; target_id: string }[];
    expect(assignments).toHaveLength(8);
    expect(assignments.filter((a) => a.for_each)).toHaveLength(1);
    expect(Object.values(out.resource.aws_ssoadmin_permission_set_inline_policy)).toHaveLength(1);
    expect(Object.keys(out.output).sort()).toEqual(['idp_metadata_xml', 'instance_arn', 'scim_token_expires_at']);
  });

  test('pushes a contractor who is in no group, so no grant reaches her and the AWS tile is not hers', () => {
    const out = synthExample();
    const users = out.resource.idemeum_pushed_user as Record<string, { user_name: string }>;
    expect(Object.values(users).map((u) => u.user_name).sort()).toEqual([
      'ada@acme.example',
      'barbara@acme.example',
      'grace@acme.example',
      'hedy@acme.example',
      'linus@acme.example',
    ]);
    const [hedy] = Object.entries(users).find(([, u]) => u.user_name === 'hedy@acme.example')!;
    const ref = `\${idemeum_pushed_user.${hedy}.id}`;
    const groups = Object.values(out.resource.idemeum_pushed_group as Record<string, { members: string[] }>);
    expect(groups.filter((g) => g.members.includes(ref))).toEqual([]);
    const [app] = Object.values(out.resource.idemeum_aws_application as Record<string, { entitled_user_ids?: string[] }>);
    expect(app.entitled_user_ids ?? []).not.toContain(ref);
    // every other user is a member of some group
    const members = new Set(groups.flatMap((g) => g.members));
    expect(Object.keys(users).filter((k) => !members.has(`\${idemeum_pushed_user.${k}.id}`))).toEqual([hedy]);
  });

  test("grants Engineering PowerUserAccess on the non-production OU's active accounts, read at plan time", () => {
    const out = synthExample();
    expect(Object.values(out.data.aws_organizations_organizational_unit_descendant_accounts)).toEqual([
      expect.objectContaining({ parent_id: exampleConfig.organizationalUnits!.nonProduction }),
    ]);
    const [ouGrant] = Object.entries(out.resource.aws_ssoadmin_account_assignment as Record<string, { for_each?: string }>).filter(([, a]) => a.for_each);
    expect(ouGrant[0]).toMatch(/^Sso_Assignments_PowerUserAccess_Engineering_OrganizationalUnits_/);
  });

  test('without an OU the same grant lists staging and sandbox by account id', () => {
    const out = synthExample({ ...exampleConfig, organizationalUnits: undefined });
    expect(out.data.aws_organizations_organizational_unit_descendant_accounts).toBeUndefined();
    expect(Object.keys(out.resource.aws_ssoadmin_account_assignment)).toHaveLength(9);
  });

  test('accepts hashicorp/aws >= 5.100, < 7 and requires idemeum/idemeum', () => {
    const out = synthExample();
    expect(out.terraform.required_providers.aws).toEqual({ source: 'aws', version: '>= 5.100, < 7' });
    expect(out.terraform.required_providers.idemeum.source).toBe('idemeum/idemeum');
  });

  test('for real AWS the provider gets only the region', () => {
    expect(synthExample().provider.aws).toEqual([{ region: 'us-east-1' }]);
  });

  test('with awsEndpoint every API goes to the emulator with fake credentials', () => {
    const out = synthExample({ ...exampleConfig, awsEndpoint: 'http://127.0.0.1:4599' });
    expect(out.provider.aws[0]).toMatchObject({
      region: 'us-east-1',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
      skip_region_validation: true,
      endpoints: [{ ssoadmin: 'http://127.0.0.1:4599', identitystore: 'http://127.0.0.1:4599', organizations: 'http://127.0.0.1:4599', sts: 'http://127.0.0.1:4599' }],
    });
  });

  test('the SCIM token never reaches the synthesized stack', () => {
    const env = { IDEMEUM_SCIM_TOKEN: 'sentinel-token-value', IDEMEUM_SCIM_ENDPOINT: 'http://127.0.0.1:1/scim/v2' };
    const out = synthExample(withEnvironment(exampleConfig, env));
    expect(out.provider.idemeum).toEqual([{ scim_endpoint: 'http://127.0.0.1:1/scim/v2' }]);
    expect(JSON.stringify(out)).not.toContain('sentinel-token-value');
  });

  test('fails when there is no SP metadata', () => {
    expect(() => synthExample({ ...exampleConfig, spMetadataFile: undefined, spMetadataXml: undefined })).toThrow(
      new ExampleConfigError('no SP metadata: set spMetadataXml or spMetadataFile in the config, or IDEMEUM_SP_METADATA_FILE'),
    );
  });

  test('buildExampleApp writes cdk.tf.json with a local state file next to it', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'example-synth-'));
    const built = buildExampleApp(exampleConfig, outdir);
    expect(built).toEqual({ stackDir: join(outdir, 'stacks', EXAMPLE_STACK_NAME), stackName: EXAMPLE_STACK_NAME });
    const json = JSON.parse(readFileSync(join(built.stackDir, 'cdk.tf.json'), 'utf8'));
    expect(json.terraform.backend.local.path).toBe('terraform.tfstate');
  });
});

describe('example config from the environment', () => {
  test('overrides endpoint, region, instance, SCIM endpoint and token date, metadata file, accounts and the OU', () => {
    const c = withEnvironment(exampleConfig, {
      IDEMEUM_AWS_ENDPOINT: 'http://127.0.0.1:1',
      IDEMEUM_AWS_REGION: 'eu-west-1',
      IDEMEUM_INSTANCE_ARN: 'arn:aws:sso:::instance/ssoins-0123456789abcdef',
      IDEMEUM_SCIM_ENDPOINT: 'http://127.0.0.1:1/t/scim/v2',
      IDEMEUM_SCIM_TOKEN_ISSUED_AT: '2026-11-28T09:00:00Z',
      IDEMEUM_SP_METADATA_FILE: 'fixtures/sp.xml',
      IDEMEUM_AWS_ACCOUNTS: 'production=444444444444, staging=555555555555',
      IDEMEUM_AWS_NON_PRODUCTION_OU: 'ou-ab12-99999999',
    });
    expect(c).toMatchObject({
      awsEndpoint: 'http://127.0.0.1:1',
      region: 'eu-west-1',
      instanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef',
      scim: { endpoint: 'http://127.0.0.1:1/t/scim/v2', tokenIssuedAt: '2026-11-28T09:00:00Z' },
      spMetadataFile: 'fixtures/sp.xml',
      accounts: { production: '444444444444', staging: '555555555555', sandbox: '333333333333' },
      organizationalUnits: { nonProduction: 'ou-ab12-99999999' },
    });
  });

  test('without variables the typed file is used as is', () => {
    expect(withEnvironment(exampleConfig, {})).toEqual(exampleConfig);
  });

  test.each(['prod=1', 'production', 'production=1=2'])('fails when IDEMEUM_AWS_ACCOUNTS has entry %j', (entry) => {
    expect(() => parseAccounts(entry, exampleConfig.accounts)).toThrow(
      `IDEMEUM_AWS_ACCOUNTS entry "${entry}" is invalid; expected role=accountId with role one of production, staging, sandbox, e.g. "production=111111111111,staging=222222222222"`,
    );
  });
});
