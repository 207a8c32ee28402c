import { chooseAcs, parseSpMetadata } from '../../src/saml/sp-metadata';
import { SamlMetadataError } from '../../src/saml/errors';
import { ACS_URL, SP_ENTITY_ID, spMetadata } from './fixtures';

const MD = 'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

describe('parseSpMetadata', () => {
  test('reads entity id, POST ACS endpoints and NameID formats', () => {
    const md = parseSpMetadata(spMetadata([ACS_URL, 'https://us-east-1.sso.signin.aws/platform/saml/acs/abcdef12-3456']));
    expect(md.entityId).toBe(SP_ENTITY_ID);
    expect(md.acs.map((a) => a.location)).toEqual([ACS_URL, 'https://us-east-1.sso.signin.aws/platform/saml/acs/abcdef12-3456']);
    expect(md.acs[0]).toMatchObject({ index: 0, isDefault: true, region: 'us-east-1' });
    expect(md.nameIdFormats).toEqual(['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress']);
  });

  test('resolves namespaces by URI, not by prefix', () => {
    const xml = `<x:EntityDescriptor xmlns:x="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${SP_ENTITY_ID}"><x:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><x:AssertionConsumerService Binding="${POST}" Location="${ACS_URL}" index="0"/></x:SPSSODescriptor></x:EntityDescriptor>`;
    expect(parseSpMetadata(xml).acs[0].location).toBe(ACS_URL);
  });

  test('decodes the predefined entities in attribute values', () => {
    const md = parseSpMetadata(spMetadata([`${ACS_URL}?a=1&amp;b=2`]));
    expect(md.acs[0].location).toBe(`${ACS_URL}?a=1&b=2`);
  });

  const entityRoot = (inner: string) => `<md:EntityDescriptor ${MD} entityID="${SP_ENTITY_ID}">${inner}</md:EntityDescriptor>`;
  test.each([
    ['a DOCTYPE declares entities', `<!DOCTYPE md [<!ENTITY x "boom">]>${spMetadata()}`, 'doctype'],
    ['an external entity is referenced', `<!DOCTYPE md SYSTEM "http://127.0.0.1:1/evil.dtd">${spMetadata()}`, 'doctype'],
    ['the document is oversized', spMetadata().replace('<md:SPSSODescriptor', `<!--${'x'.repeat(100_001)}--><md:SPSSODescriptor`), 'too-large'],
    ['the XML is not well-formed', '<md:EntityDescriptor', 'malformed'],
    ['the root is not an EntityDescriptor', `<md:SPSSODescriptor ${MD}/>`, 'wrong-root'],
    ['the root has the right name in the wrong namespace', `<EntityDescriptor entityID="${SP_ENTITY_ID}"/>`, 'wrong-root'],
    ['it holds several entity descriptors', `<md:EntitiesDescriptor ${MD}>${spMetadata().replace(/<\?xml[^>]*>/, '').replace(` ${MD}`, '')}${spMetadata().replace(/<\?xml[^>]*>/, '').replace(` ${MD}`, '')}</md:EntitiesDescriptor>`, 'multiple-entities'],
    ['the entity id is missing', `<md:EntityDescriptor ${MD}><md:SPSSODescriptor/></md:EntityDescriptor>`, 'no-entity-id'],
    ['there is no SPSSODescriptor', entityRoot(''), 'no-sp-descriptor'],
    ['there is no HTTP-POST ACS', entityRoot(`<md:SPSSODescriptor><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" Location="${ACS_URL}"/></md:SPSSODescriptor>`), 'no-post-acs'],
    ['an ACS is plain http on a public host', spMetadata(['http://evil.example.com/acs']), 'invalid-url'],
  ])('fails when %s', (_name, xml, reason) => {
    expect(() => parseSpMetadata(xml)).toThrow(SamlMetadataError);
    try {
      parseSpMetadata(xml);
    } catch (err) {
      expect((err as SamlMetadataError).reason).toBe(reason);
      expect((err as Error).message.length).toBeGreaterThan(20);
    }
  });

  test('accepts a loopback http ACS (the local emulator)', () => {
    expect(parseSpMetadata(spMetadata(['http://127.0.0.1:4566/platform/saml/acs/x'])).acs[0].location).toBe('http://127.0.0.1:4566/platform/saml/acs/x');
  });
});

describe('chooseAcs', () => {
  const multi = parseSpMetadata(
    spMetadata([
      'https://us-east-1.signin.aws.amazon.com/platform/saml/acs/t',
      'https://us-east-1.sso.signin.aws/platform/saml/acs/t',
      'https://eu-west-1.sso.signin.aws/platform/saml/acs/t',
      'https://eu-west-1.signin.aws/platform/saml/acs/t',
    ]),
  );
  test.each([
    [undefined, 'https://us-east-1.signin.aws.amazon.com/platform/saml/acs/t'],
    ['us-east-1', 'https://us-east-1.signin.aws.amazon.com/platform/saml/acs/t'],
    ['eu-west-1', 'https://eu-west-1.signin.aws/platform/saml/acs/t'],
  ])('region %s picks the IPv4 ACS %s', (region, location) => {
    expect(chooseAcs(multi, region).location).toBe(location);
  });

  test('fails when no ACS is in the region, listing the regions present', () => {
    expect(() => chooseAcs(multi, 'ap-south-1')).toThrow(/regions present: us-east-1, eu-west-1/);
  });
});
