import { generateKeyPairSync } from 'node:crypto';
import { type ObjectValue, UNKNOWN } from '../../../src/provider/codec/values';
import type { Diagnostic } from '../../../src/provider/framework/diagnostics';
import { validateSchema } from '../../../src/provider/framework/schema';
import { resources } from '../../../src/provider/registry';
import { awsApplication } from '../../../src/provider/resources/aws-application';
import { buildIdpMetadata } from '../../../src/saml/idp-metadata';
import type { SigningMaterial } from '../../../src/saml/keys';
import { IDP_ENTITY_ID, IDP_SSO_URL, material, NOW, spMetadata } from '../../saml/fixtures';
import { TestClock, config, context, converge } from './aws-application.harness';

const validate = (over: ObjectValue) => awsApplication.validate!({ config: config(over) }) ?? [];
const text = (diags: readonly Diagnostic[]) => JSON.stringify(diags);

let pair: SigningMaterial;
let other: SigningMaterial;

beforeAll(async () => {
  [pair, other] = [await material('idp'), await material('other')];
});

describe('schema', () => {
  test('matches the contract in docs/provider-schema.md', () => {
    const a = awsApplication.schema.attributes;
    expect(validateSchema(awsApplication.schema)).toEqual([]);
    expect(Object.keys(a).sort()).toEqual(
      [
        'id', 'sp_metadata_xml', 'entity_id', 'sso_url', 'signing_key_pem', 'signing_certificate_pem', 'session_duration', 'sign',
        'attribute_mappings', 'entitled_user_ids', 'entitled_group_ids', 'acs_url', 'sp_entity_id', 'idp_metadata_xml', 'certificate_pem', 'certificate_expires_at',
      ].sort(),
    );
    expect(a.signing_key_pem).toMatchObject({ optional: true, computed: true, sensitive: true });
    expect(a.signing_certificate_pem).toMatchObject({ optional: true });
    expect(a.signing_certificate_pem.computed).toBeFalsy();
    expect(a.session_duration).toMatchObject({ optional: true, computed: true, default: 'PT8H' });
    expect(a.sign).toMatchObject({ optional: true, computed: true, default: 'assertion' });
    expect(a.attribute_mappings.type).toEqual(['map', 'string']);
    expect(a.entitled_user_ids.type).toEqual(['set', 'string']);
    for (const k of ['sp_metadata_xml', 'entity_id', 'sso_url']) expect(a[k].required).toBe(true);
    for (const k of ['id', 'acs_url', 'sp_entity_id', 'idp_metadata_xml', 'certificate_pem', 'certificate_expires_at']) expect(a[k]).toMatchObject({ computed: true });
    // Nothing forces replacement: every change is applied in place.
    expect(Object.values(a).some((x) => x.requiresReplace)).toBe(false);
  });

  test('is registered with the provider', () => {
    expect(resources.map((r) => r.typeName)).toContain('idemeum_aws_application');
  });
});

describe('validate', () => {
  const fiftyOne = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`key${i}`, 'department']));
  const fifty = Object.fromEntries(Object.entries(fiftyOne).slice(0, 50));
  // [case, config override (given the key material), path of the error or null, fragment of its detail]
  const cases: [string, (m: { pair: SigningMaterial; other: SigningMaterial }) => ObjectValue, string | null, string][] = [
    ['accepts IAM Identity Center SP metadata', () => ({}), null, ''],
    ['fails when sp_metadata_xml has a DOCTYPE (entity expansion)', () => ({ sp_metadata_xml: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>${spMetadata()}` }), 'sp_metadata_xml', 'DOCTYPE'],
    ['fails when sp_metadata_xml is not well-formed', () => ({ sp_metadata_xml: spMetadata().slice(0, -10) }), 'sp_metadata_xml', 'not well-formed'],
    ['fails when sp_metadata_xml is IdP metadata', (m) => ({ sp_metadata_xml: idpMetadataOf(m.pair) }), 'sp_metadata_xml', 'SPSSODescriptor'],
    ['fails when an ACS is plain http on a public host', () => ({ sp_metadata_xml: spMetadata(['http://us-east-1.signin.aws.amazon.com/acs']) }), 'sp_metadata_xml', 'must be an https:// URL'],
    ['accepts an https entity_id', () => ({ entity_id: 'https://acme.idemeum.com' }), null, ''],
    ['accepts http entity_id on 127.0.0.1 (the emulator)', () => ({ entity_id: 'http://127.0.0.1:8443/idp' }), null, ''],
    ['accepts http sso_url on localhost', () => ({ sso_url: 'http://localhost:8443/sso' }), null, ''],
    ['fails when entity_id is http on a public host', () => ({ entity_id: 'http://acme.idemeum.com' }), 'entity_id', 'must be an https:// URL'],
    ['fails when entity_id is not absolute', () => ({ entity_id: 'acme.idemeum.com' }), 'entity_id', 'not an absolute URL'],
    ['fails when sso_url is not absolute', () => ({ sso_url: '/saml/sso' }), 'sso_url', 'not an absolute URL'],
    ['fails when sso_url is http on a public host', () => ({ sso_url: 'http://acme.idemeum.com/sso' }), 'sso_url', 'https://'],
    ['accepts session_duration PT1H', () => ({ session_duration: 'PT1H' }), null, ''],
    ['accepts session_duration PT12H', () => ({ session_duration: 'PT12H' }), null, ''],
    ['accepts session_duration PT1H30M', () => ({ session_duration: 'PT1H30M' }), null, ''],
    ['fails when session_duration is below PT1H', () => ({ session_duration: 'PT59M' }), 'session_duration', 'outside PT1H…PT12H'],
    ['fails when session_duration is above PT12H', () => ({ session_duration: 'PT13H' }), 'session_duration', 'outside PT1H…PT12H'],
    ['fails when session_duration is not ISO-8601', () => ({ session_duration: '8h' }), 'session_duration', 'not an ISO-8601 duration'],
    ['accepts sign "assertion"', () => ({ sign: 'assertion' }), null, ''],
    ['accepts sign "response"', () => ({ sign: 'response' }), null, ''],
    ['accepts sign "both"', () => ({ sign: 'both' }), null, ''],
    ['fails when sign is "none"', () => ({ sign: 'none' }), 'sign', 'sign must be one of "assertion", "response", "both"'],
    ['accepts a matching key and certificate', (m) => ({ signing_key_pem: m.pair.keyPem, signing_certificate_pem: m.pair.certificatePem }), null, ''],
    ['accepts a key alone (a certificate is generated)', (m) => ({ signing_key_pem: m.pair.keyPem }), null, ''],
    ['fails when the certificate is not for the key', (m) => ({ signing_key_pem: m.pair.keyPem, signing_certificate_pem: m.other.certificatePem }), 'signing_certificate_pem', 'does not belong to the signing key'],
    ['fails when a certificate is given without a key', (m) => ({ signing_certificate_pem: m.pair.certificatePem }), 'signing_certificate_pem', 'without signing_key_pem'],
    ['fails when the certificate is not PEM', (m) => ({ signing_key_pem: m.pair.keyPem, signing_certificate_pem: 'not a certificate' }), 'signing_certificate_pem', 'not a PEM X.509 certificate'],
    ['fails when the key is RSA-1024', () => ({ signing_key_pem: weakKey() }), 'signing_key_pem', 'at least 2048 bits'],
    ['accepts 50 attribute mappings', () => ({ attribute_mappings: fifty }), null, ''],
    ['fails when there are 51 attribute mappings', () => ({ attribute_mappings: fiftyOne }), 'attribute_mappings', 'at most 50'],
    ['accepts AccessControl names with spaces and :/=+-@', () => ({ attribute_mappings: { 'cost center': 'costCenter', 'team:a/b=c+d-e@f': 'userName' } }), null, ''],
    ['fails when an AccessControl name has a "*"', () => ({ attribute_mappings: { 'dept*': 'department' } }), 'attribute_mappings', 'not a valid AccessControl attribute name'],
    ['fails when a mapped user field is not a field name', () => ({ attribute_mappings: { Department: '1 department' } }), 'attribute_mappings', 'is not a user field name'],
    ['accepts entitled ids', () => ({ entitled_user_ids: ['u-1', 'u-2'], entitled_group_ids: ['g-1'] }), null, ''],
    ['fails when an entitled user id is blank', () => ({ entitled_user_ids: ['u-1', ' '] }), 'entitled_user_ids', 'not an AWS id'],
    ['fails when an entitled group id has surrounding spaces', () => ({ entitled_group_ids: [' g-1'] }), 'entitled_group_ids', 'not an AWS id'],
  ];

  test.each(cases)('%s', (_name, over, path, fragment) => {
    const diags = validate(over({ pair, other }));
    if (path === null) {
      expect(diags).toEqual([]);
      return;
    }
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', path: [path] });
    expect(diags[0].detail).toContain(fragment);
  });

  test('skips unknown values, including unknown set elements and map values', () => {
    const all = Object.fromEntries(Object.keys(awsApplication.schema.attributes).map((k) => [k, UNKNOWN]));
    expect(awsApplication.validate!({ config: all })).toEqual([]);
    expect(validate({ attribute_mappings: { Dept: UNKNOWN }, entitled_user_ids: ['u-1', UNKNOWN], signing_certificate_pem: pair.certificatePem, signing_key_pem: UNKNOWN })).toEqual([]);
  });

  test('reports every problem at once, each on its attribute', () => {
    const diags = validate({ entity_id: 'ftp://x', sign: 'all', session_duration: 'PT0H' });
    expect(diags.map((d) => d.path)).toEqual([['entity_id'], ['session_duration'], ['sign']]);
  });

  test('fails when the SP metadata is hostile, with the parser reason and how to get the real file', () => {
    const [d] = validate({ sp_metadata_xml: '<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"><md:EntityDescriptor entityID="https://a"/><md:EntityDescriptor entityID="https://b"/></md:EntitiesDescriptor>' });
    expect(d.path).toEqual(['sp_metadata_xml']);
    expect(d.detail).toMatch(/holds 2 entity descriptors.*Download the SP metadata file from IAM Identity Center/);
  });
});

describe('secrets', () => {
  const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ' + 'QmFkS2V5Qnl0ZXM'.repeat(8);
  const badKeys: [string, () => string][] = [
    ['a PEM block that is not a key', () => `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`],
    ['a real key with damaged bytes', () => pair.keyPem.replace(/\n(.{20})/, '\n' + 'A'.repeat(20))],
    ['an EC key', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
  ];

  test.each(badKeys)('fails when signing_key_pem is %s, without quoting the key', (_name, key) => {
    const pem = key();
    for (const over of [{ signing_key_pem: pem }, { signing_key_pem: pem, signing_certificate_pem: pair.certificatePem }] as ObjectValue[]) {
      const diags = validate(over);
      expect(diags.length).toBeGreaterThan(0);
      expect(diags[0].path).toEqual(['signing_key_pem']);
      const out = text(diags);
      expect(out).not.toContain('-----BEGIN');
      for (const line of pem.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'))) expect(out).not.toContain(line.slice(0, 16));
    }
  });

  test('apply with a given key never logs the key', async () => {
    const logs: string[] = [];
    const ctx = context(new TestClock(NOW), logs);
    const { state } = await converge(null, config({ signing_key_pem: pair.keyPem }), ctx);
    expect(state.signing_key_pem).toBe(pair.keyPem);
    const body = pair.keyPem.split('\n')[1];
    expect(logs.join('\n')).not.toContain(body);
  });
});

function idpMetadataOf(m: SigningMaterial): string {
  return buildIdpMetadata({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificatePem: m.certificatePem });
}

function weakKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

describe('hostile SP metadata', () => {
  test.each([
    ['a character reference beyond U+10FFFF', spMetadata().replace('</md:NameIDFormat>', '&#x110000;</md:NameIDFormat>'), /&#x110000;.*names no character XML allows/],
    ['9,000 nested tags', spMetadata().replace('</md:NameIDFormat>', `</md:NameIDFormat>${'<x>'.repeat(9000)}${'</x>'.repeat(9000)}`), /nests elements 9\d{3} levels deep/],
    ['a nested EntityDescriptor', spMetadata().replace('</md:NameIDFormat>', '</md:NameIDFormat><md:Extensions><md:EntityDescriptor entityID="https://x.example/"/></md:Extensions>'), /nests another EntityDescriptor/],
    ['an ACS URL whose real host hides behind user information', spMetadata(['https://us-east-1.signin.aws.amazon.com@evil.example/acs']), /user information before "@"/],
  ])('fails when it has %s, with the reason on sp_metadata_xml (never "could not be read")', (_name, xml, message) => {
    const diags = validate({ sp_metadata_xml: xml });
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', path: ['sp_metadata_xml'], detail: expect.stringMatching(message) });
    expect(diags[0].detail).not.toContain('could not be read');
  });

  test('fails when the IdP entity id has user information', () => {
    const diags = validate({ entity_id: 'https://acme.idemeum.com@evil.example/saml' });
    expect(diags[0]).toMatchObject({ path: ['entity_id'], detail: expect.stringContaining('user information') });
  });
});
