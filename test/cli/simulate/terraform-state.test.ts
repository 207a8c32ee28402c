import { readAppliedIdemeum } from '../../../src/cli/simulate/terraform-state';

const show = (resources: unknown[]): string => JSON.stringify({ format_version: '1.0', values: { root_module: { resources } } });

describe('readAppliedIdemeum', () => {
  const app = {
    mode: 'managed',
    type: 'idemeum_aws_application',
    values: {
      entity_id: 'https://acme.idemeum.com', sso_url: 'https://acme.idemeum.com/sso', signing_key_pem: 'KEY', certificate_pem: 'CERT',
      idp_metadata_xml: '<md/>', sign: 'both', session_duration: 'PT4H', attribute_mappings: null,
      entitled_user_ids: ['u2'], entitled_group_ids: ['g1'],
    },
  };

  test('reads the application, users and groups from terraform show -json', () => {
    const applied = readAppliedIdemeum(show([
      app,
      { mode: 'managed', type: 'idemeum_pushed_user', values: { id: 'u1', user_name: 'ada@acme.example' } },
      { mode: 'managed', type: 'idemeum_pushed_group', values: { id: 'g1', display_name: 'Admins', members: ['u1'] } },
      { mode: 'data', type: 'idemeum_aws_group', values: { id: 'g9', display_name: 'Elsewhere' } },
    ]));
    expect(applied.application).toMatchObject({ signingKeyPem: 'KEY', sign: 'both', sessionDuration: 'PT4H', attributeMappings: {}, entitledGroupIds: ['g1'] });
    expect(applied.users).toEqual([{ id: 'u1', userName: 'ada@acme.example' }]);
    expect(applied.groups).toEqual([{ id: 'g1', displayName: 'Admins', members: ['u1'] }]);
  });

  test('fails when the state holds no idemeum application, saying how many it found', () => {
    expect(() => readAppliedIdemeum(show([]))).toThrow('expected exactly one idemeum_aws_application in the applied state, found 0');
  });
});
