import { SamlMetadataError, type MetadataRejection } from '../../src/saml/errors';
import { buildIdpMetadata, parseIdpMetadata } from '../../src/saml/idp-metadata';
import { parseSpMetadata } from '../../src/saml/sp-metadata';
import { IDP_ENTITY_ID, IDP_SSO_URL, SP_ENTITY_ID, material, spMetadata } from './fixtures';

/**
 * Hostile metadata: every document is refused with a SamlMetadataError naming the reason (which
 * the emulator answers with 400 and the provider puts on the attribute), never a RangeError or a
 * parser crash; and the SP and IdP parsers refuse the same document-level defects alike.
 */
let idpXml: string;
beforeAll(async () => {
  idpXml = buildIdpMetadata({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificatePem: (await material()).certificatePem });
});

function rejection(parse: () => unknown): { reason: MetadataRejection; message: string } {
  try {
    parse();
  } catch (err) {
    if (err instanceof SamlMetadataError) return { reason: err.reason, message: err.message };
    throw new Error(`expected a SamlMetadataError, got ${(err as Error).name}: ${(err as Error).message}`);
  }
  throw new Error('expected the document to be refused');
}

const nested = (depth: number) => `${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}`;

/** Document-level defects, as edits of a valid document (SP or IdP alike). */
const DEFECTS: [string, (xml: string, entityId: string) => string, MetadataRejection, RegExp][] = [
  ['a character reference beyond U+10FFFF in an attribute', (x) => x.replace('protocolSupportEnumeration="', 'protocolSupportEnumeration="&#x110000;'), 'malformed', /&#x110000;.*names no character/],
  ['a character reference beyond U+10FFFF in text', (x) => x.replace('</md:NameIDFormat>', '&#1114112;</md:NameIDFormat>'), 'malformed', /&#1114112;/],
  ['a NUL character reference in entityID', (x, id) => x.replace(`entityID="${id}"`, `entityID="${id}&#0;"`), 'malformed', /&#0;/],
  ['a surrogate character reference', (x, id) => x.replace(`entityID="${id}"`, `entityID="${id}&#xD800;"`), 'malformed', /&#xD800;/],
  ['an undefined entity', (x) => x.replace('</md:NameIDFormat>', '&nbsp;</md:NameIDFormat>'), 'malformed', /&nbsp; which is not defined|entity &nbsp;/],
  ['9,000 nested tags', (x) => x.replace('</md:NameIDFormat>', `</md:NameIDFormat>${nested(9000)}`), 'malformed', /nests elements 9\d{3} levels deep; at most 64/],
  ['a nested EntityDescriptor', (x) => x.replace('</md:NameIDFormat>', '</md:NameIDFormat><md:Extensions><md:EntityDescriptor entityID="https://evil.example/"/></md:Extensions>'), 'multiple-entities', /nests another EntityDescriptor/],
  ['an EntitiesDescriptor', (x) => `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${x.replace(/^<\?xml[^>]*\?>/, '')}</md:EntitiesDescriptor>`, 'multiple-entities', /EntitiesDescriptor/],
  ['a DOCTYPE', (x) => `<!DOCTYPE md [<!ENTITY e "boom">]>${x.replace(/^<\?xml[^>]*\?>/, '')}`, 'doctype', /DOCTYPE/],
  ['a control character (U+0001 by reference) in entityID', (x, id) => x.replace(`entityID="${id}"`, `entityID="${id}&#x1;"`), 'malformed', /&#x1;/],
  ['a line separator in entityID', (x, id) => x.replace(`entityID="${id}"`, `entityID="${id}&#x2028;"`), 'invalid-entity-id', /control or invisible characters/],
  ['a zero-width space in entityID', (x, id) => x.replace(`entityID="${id}"`, `entityID="${id}&#x200B;"`), 'invalid-entity-id', /control or invisible characters/],
];

describe.each([
  ['SP metadata', () => spMetadata(), SP_ENTITY_ID, parseSpMetadata],
  ['IdP metadata', () => idpXml, IDP_ENTITY_ID, parseIdpMetadata],
] as const)('%s parser', (_what, valid, entityId, parse) => {
  test('accepts the valid document', () => {
    expect(() => parse(valid())).not.toThrow();
  });

  test.each(DEFECTS)('fails when the document has %s, with the reason', (_name, edit, reason, message) => {
    const xml = edit(valid(), entityId);
    expect(xml).not.toBe(valid());
    const r = rejection(() => parse(xml));
    expect(r.reason).toBe(reason);
    expect(r.message).toMatch(message);
  });
});

describe('URLs AWS would not accept', () => {
  test.each([
    ['user information that makes another host the real one', 'https://us-east-1.signin.aws.amazon.com@evil.example/acs', /user information before "@" \(its host is really evil\.example\)/],
    ['user and password', 'https://u:p@us-east-1.signin.aws.amazon.com/acs', /user information/],
    ['a tab inside (the URL parser would silently drop it)', 'https://us-east-1.signin.aws.amazon.com/a\tcs', /control characters/],
    ['a single slash after the scheme', 'https:/us-east-1.signin.aws.amazon.com/acs', /not an absolute URL/],
  ])('fails when an ACS Location has %s', (_name, location, message) => {
    const xml = spMetadata().replace(/Location="[^"]*"/, `Location="${location.replace('\t', '&#9;')}"`);
    const r = rejection(() => parseSpMetadata(xml));
    expect(r.reason).toBe('invalid-url');
    expect(r.message).toMatch(message);
  });

  test('fails when an IdP SingleSignOnService Location has user information', () => {
    const xml = idpXml.replace(/Location="[^"]*"/, 'Location="https://acme.idemeum.com@evil.example/sso"');
    expect(rejection(() => parseIdpMetadata(xml))).toMatchObject({ reason: 'invalid-url', message: expect.stringMatching(/user information/) });
  });

  test('fails when building IdP metadata from an entity id with user information', () => {
    expect(rejection(() => buildIdpMetadata({ entityId: 'https://acme.idemeum.com@evil.example/', ssoUrl: IDP_SSO_URL, certificatePem: 'unused' }))).toMatchObject({
      reason: 'invalid-url',
    });
  });

  test('fails when the SP entityID has user information', () => {
    const xml = spMetadata([], 'https://us-east-1.signin.aws.amazon.com@evil.example/platform/saml/d-1');
    expect(rejection(() => parseSpMetadata(xml))).toMatchObject({ reason: 'invalid-url', message: expect.stringMatching(/user information/) });
  });
});
