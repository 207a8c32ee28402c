import { generateSigningMaterial, SigningMaterial } from '../../src/saml/keys';

export const NOW = new Date('2026-03-01T12:00:00Z');
export const IDP_ENTITY_ID = 'https://acme.idemeum.com/saml/aws';
export const IDP_SSO_URL = 'https://acme.idemeum.com/saml/aws/sso';
export const SP_ENTITY_ID = 'https://us-east-1.signin.aws.amazon.com/platform/saml/d-1234567890';
export const ACS_URL = 'https://us-east-1.signin.aws.amazon.com/platform/saml/acs/abcdef12-3456';

const cache = new Map<string, Promise<SigningMaterial>>();

/** One RSA key + certificate per name per test file (RSA generation is the slow part). */
export function material(name = 'idp'): Promise<SigningMaterial> {
  if (!cache.has(name)) cache.set(name, generateSigningMaterial({ commonName: `${name}.idemeum.test`, now: new Date('2026-01-01T00:00:00Z') }));
  return cache.get(name)!;
}

export function counterIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}${(n++).toString(16).padStart(8, '0')}`;
}

export function spMetadata(acs: string[] = [ACS_URL], entityId = SP_ENTITY_ID): string {
  return (
    `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">` +
    `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="false" WantAssertionsSigned="true">` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>` +
    acs
      .map((l, i) => `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${l}" index="${i}"${i === 0 ? ' isDefault="true"' : ''}/>`)
      .join('') +
    `</md:SPSSODescriptor></md:EntityDescriptor>`
  );
}
