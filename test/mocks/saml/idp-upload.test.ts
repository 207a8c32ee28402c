import { setupEmulator } from '../../../mocks/node';
import { buildIdpMetadata } from '../../../src/saml/idp-metadata';
import { IDP_ENTITY_ID, IDP_SSO_URL, material } from '../../saml/fixtures';

/** The console's IdP-metadata upload: hostile XML is a 400 with the reason, never a 500. */
const { state, server } = setupEmulator({ region: 'us-east-1' });
const URL_ = 'https://portal.sso.us-east-1.amazonaws.com/_fake/saml/idp-metadata';
let valid: string;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  valid = buildIdpMetadata({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificatePem: (await material()).certificatePem });
});
afterEach(() => {
  server.resetHandlers();
  state.reset();
});
afterAll(() => server.close());

const upload = (body: string) => fetch(URL_, { method: 'PUT', body });

describe('PUT /_fake/saml/idp-metadata', () => {
  test('accepts valid metadata', async () => {
    expect((await upload(valid)).status).toBe(200);
    expect(state.saml.identitySource?.entityId).toBe(IDP_ENTITY_ID);
  });

  test.each([
    ['a character reference beyond U+10FFFF', () => valid.replace('</md:NameIDFormat>', '&#x110000;</md:NameIDFormat>'), 'malformed', /names no character/],
    ['9,000 nested tags', () => valid.replace('</md:NameIDFormat>', `</md:NameIDFormat>${'<a>'.repeat(9000)}${'</a>'.repeat(9000)}`), 'malformed', /levels deep/],
    ['a NUL character reference in entityID', () => valid.replace(`entityID="${IDP_ENTITY_ID}"`, `entityID="${IDP_ENTITY_ID}&#0;"`), 'malformed', /&#0;/],
    ['a nested EntityDescriptor (the SP parser refuses it too)', () => valid.replace('</md:NameIDFormat>', '</md:NameIDFormat><md:EntityDescriptor entityID="https://x.example/"/>'), 'multiple-entities', /nests another EntityDescriptor/],
    ['an SSO URL with user information', () => valid.replace(/Location="[^"]*"/g, 'Location="https://acme.idemeum.com@evil.example/sso"'), 'invalid-url', /user information/],
  ])('fails with 400 when the metadata has %s, naming the reason', async (_name, body, reason, message) => {
    const before = state.saml.identitySource;
    const res = await upload(body());
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: string; message: string };
    expect(json.error).toBe(reason);
    expect(json.message).toMatch(message);
    expect(state.saml.identitySource).toBe(before);
  });
});
