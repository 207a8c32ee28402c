import { Testing, TerraformStack } from 'cdktf';
import {
  AwsApplicationResource,
  DataIdemeumAwsGroup,
  IdemeumProvider,
  IDEMEUM_PROVIDER_VERSION_CONSTRAINT,
  PushedGroupResource,
  PushedUserResource,
  ScimLinkResource,
  toPessimisticConstraint,
} from '../../../constructs/idemeum';
import { version } from '../../../package.json';
import { only, rendered, synthJson, testStack } from '../helpers';

describe('idemeum provider binding', () => {
  test('requires idemeum/idemeum with a pessimistic constraint from package.json', () => {
    const json = synthJson((scope) => new IdemeumProvider(scope, 'idemeum'));
    const [major, minor] = version.split('.');
    expect(json.terraform.required_providers.idemeum).toEqual({ source: 'idemeum/idemeum', version: `~> ${major}.${minor}` });
    expect(IDEMEUM_PROVIDER_VERSION_CONSTRAINT).toBe(`~> ${major}.${minor}`);
  });

  test('renders every provider attribute with the schema names', () => {
    const json = synthJson(
      (scope) =>
        new IdemeumProvider(scope, 'idemeum', {
          scimEndpoint: 'https://scim.us-east-1.amazonaws.com/t/scim/v2',
          scimToken: '${var.scim_token}',
          requestTimeout: '10s',
          maxRetries: 3,
          scimReadsPerSecond: 20,
          scimWritesPerSecond: 10,
        }),
    );
    expect(json.provider.idemeum).toEqual([
      {
        scim_endpoint: 'https://scim.us-east-1.amazonaws.com/t/scim/v2',
        scim_token: '${var.scim_token}',
        request_timeout: '10s',
        max_retries: 3,
        scim_reads_per_second: 20,
        scim_writes_per_second: 10,
      },
    ]);
  });

  test('an aliased provider renders its alias', () => {
    const json = synthJson((scope) => {
      new IdemeumProvider(scope, 'idemeum');
      new IdemeumProvider(scope, 'second', { alias: 'second' });
    });
    expect(json.provider.idemeum).toEqual([{}, { alias: 'second' }]);
  });

  test('of() creates one default provider and then reuses it', () => {
    const stack = testStack();
    const a = IdemeumProvider.of(stack);
    expect(IdemeumProvider.of(stack)).toBe(a);
    expect(a.node.path).toBe('test/idemeum');
  });

  test('fails when a second default provider is added to a stack', () => {
    const stack = testStack();
    new IdemeumProvider(stack, 'first');
    expect(() => new IdemeumProvider(stack, 'second')).toThrow(
      'test/second: the stack already has a default idemeum provider at test/first; create the provider (or the ScimLink) before the constructs that use it, or give this one an alias',
    );
  });

  test.each([
    ['0.1.0', '~> 0.1'],
    ['1.12.3', '~> 1.12'],
    ['2.0.0-rc.1', '~> 2.0'],
  ])('toPessimisticConstraint(%s) = %s', (v, expected) => {
    expect(toPessimisticConstraint(v)).toBe(expected);
  });

  test('fails when the package version is not semver', () => {
    expect(() => toPessimisticConstraint('latest')).toThrow('package version "latest" is not semver; expected MAJOR.MINOR.PATCH');
  });
});

describe('idemeum resource bindings', () => {
  test('idemeum_pushed_user renders every argument', () => {
    const json = synthJson((scope) => {
      new PushedUserResource(scope, 'u', {
        userName: 'a@b.example',
        displayName: 'A B',
        givenName: 'A',
        familyName: 'B',
        email: 'a.work@b.example',
        active: false,
        externalId: 'idm-1',
        deprovision: 'deactivate',
      });
    });
    expect(only(json, 'resource', 'idemeum_pushed_user')).toEqual({
      user_name: 'a@b.example',
      display_name: 'A B',
      given_name: 'A',
      family_name: 'B',
      email: 'a.work@b.example',
      active: false,
      external_id: 'idm-1',
      deprovision: 'deactivate',
    });
  });

  test('idemeum_pushed_group renders members as a list and exposes id and member_count', () => {
    const stack = testStack();
    const g = new PushedGroupResource(stack, 'g', { displayName: 'Ops', members: ['u-1', 'u-2'], adoptExisting: true, externalId: 'x' });
    const json = JSON.parse(Testing.synth(stack));
    expect(json).toBeDefined();
    expect(Object.values(json.resource.idemeum_pushed_group)[0]).toMatchObject({
      display_name: 'Ops',
      members: ['u-1', 'u-2'],
      adopt_existing: true,
      external_id: 'x',
    });
    expect(rendered(stack, [g.id, g.memberCount])).toEqual(['${idemeum_pushed_group.g.id}', '${idemeum_pushed_group.g.member_count}']);
  });

  test('idemeum_scim_link renders its arguments and exposes the expiry attributes', () => {
    const stack = testStack();
    const link = new ScimLinkResource(stack, 'l', { tokenIssuedAt: '2026-01-01', tokenValidityDays: 365, expiryWarningDays: 14 });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.resource.idemeum_scim_link)[0]).toMatchObject({
      token_issued_at: '2026-01-01',
      token_validity_days: 365,
      expiry_warning_days: 14,
    });
    expect(rendered(stack, [link.tokenExpiresAt, link.daysUntilExpiry])).toEqual([
      '${idemeum_scim_link.l.token_expires_at}',
      '${idemeum_scim_link.l.days_until_expiry}',
    ]);
  });

  test('idemeum_aws_application renders every argument and exposes the computed ones', () => {
    const stack = testStack();
    const app = new AwsApplicationResource(stack, 'a', {
      spMetadataXml: '<EntityDescriptor/>',
      entityId: 'https://t.example',
      ssoUrl: 'https://t.example/sso',
      signingKeyPem: '${var.key}',
      signingCertificatePem: '${var.cert}',
      sessionDuration: 'PT2H',
      sign: 'both',
      attributeMappings: { CostCenter: 'costCenter' },
      entitledUserIds: ['u-1'],
      entitledGroupIds: ['g-1'],
    });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.resource.idemeum_aws_application)[0]).toMatchObject({
      sp_metadata_xml: '<EntityDescriptor/>',
      entity_id: 'https://t.example',
      sso_url: 'https://t.example/sso',
      signing_key_pem: '${var.key}',
      signing_certificate_pem: '${var.cert}',
      session_duration: 'PT2H',
      sign: 'both',
      attribute_mappings: { CostCenter: 'costCenter' },
      entitled_user_ids: ['u-1'],
      entitled_group_ids: ['g-1'],
    });
    expect(rendered(stack, [app.idpMetadataXml, app.acsUrl, app.spEntityId, app.certificatePem, app.certificateExpiresAt])).toEqual(
      ['idp_metadata_xml', 'acs_url', 'sp_entity_id', 'certificate_pem', 'certificate_expires_at'].map((a) => `\${idemeum_aws_application.a.${a}}`),
    );
  });

  test('data idemeum_aws_group renders display_name and timeout', () => {
    const stack = testStack();
    const d = new DataIdemeumAwsGroup(stack, 'd', { displayName: 'Finance', timeout: '5m' });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.data.idemeum_aws_group.d).toMatchObject({ display_name: 'Finance', timeout: '5m' });
    expect(rendered(stack, [d.id])).toEqual(['${data.idemeum_aws_group.d.id}']);
  });

  test('optional arguments that are not given are left out', () => {
    const json = synthJson((scope) => new PushedGroupResource(scope, 'g', { displayName: 'Ops' }));
    expect(only(json, 'resource', 'idemeum_pushed_group')).toEqual({ display_name: 'Ops' });
  });

  test('HCL synthesis renders the same attribute names', () => {
    const stack = new TerraformStack(Testing.app(), 'hcl');
    new IdemeumProvider(stack, 'idemeum', { maxRetries: 2 });
    new PushedGroupResource(stack, 'g', { displayName: 'Ops', members: ['u-1'] });
    const hcl: string = Testing.synthHcl(stack);
    expect(hcl).toMatch(/resource "idemeum_pushed_group" "g" \{[\s\S]*display_name = "Ops"/);
    expect(hcl).toMatch(/members = \[\s*"u-1"\s*\]/);
    expect(hcl).toMatch(/max_retries = 2/);
    expect(hcl).toMatch(/source = "idemeum\/idemeum"/);
  });
});
