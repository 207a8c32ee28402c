import { buildIdpMetadata, parseIdpMetadata } from '../../src/saml/idp-metadata';
import { SamlMetadataError } from '../../src/saml/errors';
import { IDP_ENTITY_ID, IDP_SSO_URL, material } from './fixtures';

describe('IdP metadata', () => {
  test('builds metadata that passes the checks AWS applies on upload, round-tripping the certificate', async () => {
    const m = await material();
    const xml = buildIdpMetadata({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificatePem: m.certificatePem });
    expect(xml.length).toBeLessThan(75_000);
    expect(xml).not.toContain('PRIVATE KEY');
    expect(xml).not.toContain('use="encryption"');
    const parsed = parseIdpMetadata(xml);
    expect(parsed).toMatchObject({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, nameIdFormats: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'] });
    expect(parsed.certificatePem.replace(/\s+/g, '')).toBe(m.certificatePem.replace(/\s+/g, ''));
  });

  test('fails when the entity id is not an https URL', async () => {
    const m = await material();
    expect(() => buildIdpMetadata({ entityId: 'acme', ssoUrl: IDP_SSO_URL, certificatePem: m.certificatePem })).toThrow(/IdP entity id "acme" is not an absolute URL/);
  });

  describe('upload checks', () => {
    let good: string;
    beforeAll(async () => {
      good = buildIdpMetadata({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificatePem: (await material()).certificatePem });
    });
    const cases: [string, (xml: string) => string, string][] = [
      ['it is over 75,000 characters', (x) => x.replace('<md:IDPSSODescriptor', `<!--${'x'.repeat(75_000)}--><md:IDPSSODescriptor`), 'too-large'],
      ['it has a DOCTYPE', (x) => `<!DOCTYPE x [<!ENTITY a "b">]>${x.replace(/<\?xml[^>]*>/, '')}`, 'doctype'],
      ['the entity id is missing', (x) => x.replace(/ entityID="[^"]*"/, ''), 'no-entity-id'],
      ['the entity id is not a URL', (x) => x.replace(/entityID="[^"]*"/, 'entityID="https:/keycloak/realms/x"'), 'invalid-url'],
      ['the certificate is missing', (x) => x.replace(/<md:KeyDescriptor.*?<\/md:KeyDescriptor>/, ''), 'no-certificate'],
      ['the certificate is over 2,500 characters', (x) => x.replace(/<ds:X509Certificate>/, `<ds:X509Certificate>${'A'.repeat(2_500)}`), 'certificate-too-large'],
      ['the certificate does not parse', (x) => x.replace(/<ds:X509Certificate>[^<]*/, '<ds:X509Certificate>bm90IGEgY2VydGlmaWNhdGU='), 'certificate-unparseable'],
      ['there is no SSO service', (x) => x.replace(/<md:SingleSignOnService[^>]*\/>/g, ''), 'no-sso-service'],
      ['it is SP metadata', (x) => x.replace(/IDPSSODescriptor/g, 'SPSSODescriptor'), 'no-idp-descriptor'],
    ];
    test.each(cases)('fails when %s', (_name, mutate, reason) => {
      const xml = mutate(good);
      let caught: unknown;
      try {
        parseIdpMetadata(xml);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(SamlMetadataError);
      expect((caught as SamlMetadataError).reason).toBe(reason);
    });
  });
});
