import { setupEmulator } from '../../../mocks/node';
import { acsUrls, portalUrl, samlMetadataUrl, SESSION_COOKIE, spEntityId } from '../../../mocks/saml';
import { ManualClock } from '../../../mocks/store';
import { parseSpMetadata } from '../../../src/saml/sp-metadata';
import type { SigningMaterial } from '../../../src/saml/keys';
import { material, NOW } from '../../saml/fixtures';
import { ALGORITHM } from '../../../src/saml/urn';
import { addUser, craft, CraftOptions, extractSignature, idpMetadataFor, signAssertionWith, signOtherElement } from './support';

const clock = new ManualClock(NOW);
const { state, server } = setupEmulator({ clock, region: 'us-east-1' });
let idp: SigningMaterial;
let other: SigningMaterial;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  [idp, other] = [await material('idp'), await material('other')];
});
beforeEach(async () => {
  clock.set(NOW);
  const res = await fetch(`https://portal.sso.us-east-1.amazonaws.com/_fake/saml/idp-metadata`, { method: 'PUT', body: idpMetadataFor(idp) });
  expect(res.status).toBe(200);
  addUser(state, 'alice@example.com');
  addUser(state, 'bob@example.com');
  addUser(state, 'carol@example.com', false);
});
afterEach(() => {
  server.resetHandlers();
  state.reset();
});
afterAll(() => server.close());

const sp = () => ({ entityId: spEntityId(state), acsUrl: acsUrls(state)[0] });

function response(o: Partial<CraftOptions> = {}) {
  return craft({ now: NOW, sp: sp(), signing: idp, ...o });
}

async function post(base64: string, acsUrl = acsUrls(state)[0]) {
  const res = await fetch(acsUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ SAMLResponse: base64, RelayState: 'ignored' }).toString(),
  });
  const body = res.status === 302 ? undefined : ((await res.json()) as { error: string; message: string });
  return { res, body };
}

describe('SP metadata download', () => {
  test('serves metadata an IdP can parse, with this instance entity id and ACS URLs', async () => {
    const res = await fetch(samlMetadataUrl(state));
    expect(res.headers.get('content-type')).toContain('xml');
    const md = parseSpMetadata(await res.text());
    expect(md.entityId).toBe(`https://us-east-1.signin.aws.amazon.com/platform/saml/${state.identityStoreId}`);
    expect(md.acs.map((a) => a.location)).toEqual(acsUrls(state));
    expect(md.acs[0].location).toMatch(/^https:\/\/us-east-1\.signin\.aws\.amazon\.com\/platform\/saml\/acs\//);
  });

  test('fails when the identity store id is not this instance', async () => {
    const res = await fetch('https://portal.sso.us-east-1.amazonaws.com/saml/metadata/d-0000000000');
    expect(res.status).toBe(404);
  });
});

describe('IdP metadata upload', () => {
  test('fails when the certificate is missing, naming the check and keeping the old source', async () => {
    const before = state.saml.identitySource;
    const res = await fetch('https://portal.sso.us-east-1.amazonaws.com/_fake/saml/idp-metadata', {
      method: 'PUT',
      body: idpMetadataFor(other).replace(/<md:KeyDescriptor.*?<\/md:KeyDescriptor>/, ''),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'no-certificate' });
    expect(state.saml.identitySource).toBe(before);
  });
});

describe('ACS', () => {
  test.each(['assertion', 'response', 'both'] as const)('accepts a response signed on the %s and opens a portal session', async (sign) => {
    const { res } = await post(response({ sign }).base64);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(portalUrl(state));
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/; HttpOnly`));
    const portal = await fetch(portalUrl(state), { headers: { cookie: cookie.split(';')[0], accept: 'application/json' } });
    expect(portal.status).toBe(200);
    expect(await portal.json()).toMatchObject({ user: { userName: 'alice@example.com' }, accounts: [] });
  });

  test('the portal session lasts no longer than SessionNotOnOrAfter (8 h here)', async () => {
    const { res } = await post(response().base64);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    clock.advance(8 * 3_600_000);
    const portal = await fetch(portalUrl(state), { headers: { cookie, accept: 'application/json' } });
    expect(portal.status).toBe(401);
  });

  const swapAssertion = (xml: string) => xml.replace('alice@example.com', 'bob@example.com');
  const cases: [string, () => string, string][] = [
    ['the response is unsigned', () => response({ sign: 'none' }).base64, 'unsigned'],
    ['it is signed with another key', () => response({ signing: other }).base64, 'bad-signature'],
    ['the assertion was altered after signing', () => response({ afterSigning: swapAssertion }).base64, 'bad-signature'],
    ['the response was altered after signing', () => response({ sign: 'response', afterSigning: swapAssertion }).base64, 'bad-signature'],
    [
      'a forged assertion sits where the signed one was, which is moved into Extensions (XSW)',
      () =>
        response({
          afterSigning: (xml) => {
            const signed = xml.slice(xml.indexOf('<saml:Assertion'), xml.indexOf('</saml:Assertion>') + '</saml:Assertion>'.length);
            const forged = extractSignature(signed.replace('alice@', 'bob@').replace(/ID="[^"]+"/, 'ID="_forged"'), 'Assertion').rest;
            return xml.replace(signed, `<samlp:Extensions>${signed}</samlp:Extensions>${forged}`);
          },
        }).base64,
      'assertion-count',
    ],
    [
      'the signed assertion is hidden in the Signature Object behind a forged one with the same ID',
      () =>
        response({
          afterSigning: (xml) => {
            const signed = xml.slice(xml.indexOf('<saml:Assertion'), xml.indexOf('</saml:Assertion>') + '</saml:Assertion>'.length);
            const { signature, rest } = extractSignature(signed, 'Assertion');
            const forged = rest.replace('alice@', 'bob@');
            const wrapped = forged.replace('</saml:Issuer>', `</saml:Issuer>${signature.replace('</ds:Signature>', `<ds:Object>${signed}</ds:Object></ds:Signature>`)}`);
            return xml.replace(signed, wrapped);
          },
        }).base64,
      'assertion-count',
    ],
    [
      'the assertion signature is moved up to the Response',
      () =>
        response({
          afterSigning: (xml) => {
            const { signature, rest } = extractSignature(xml, 'Assertion');
            return rest.replace('</saml:Issuer>', `</saml:Issuer>${signature}`);
          },
        }).base64,
      'signature-reference',
    ],
    [
      'the Response signature covers another element (Extensions) than the Response',
      () =>
        response({
          sign: 'none',
          afterSigning: (xml) =>
            signOtherElement(xml.replace('<samlp:Status>', '<samlp:Extensions ID="_ext"><x xmlns="urn:x"/></samlp:Extensions><samlp:Status>'), '_ext', idp),
        }).base64,
      'signature-reference',
    ],
    [
      'the Response reuses the signed assertion ID',
      () => response({ afterSigning: (xml, ids) => xml.replace(`ID="${ids.response}"`, `ID="${ids.assertion}"`) }).base64,
      'signature-reference',
    ],
    ['the audience is another SP', () => response({ sp: { ...sp(), entityId: 'https://eu-west-1.signin.aws.amazon.com/platform/saml/d-9999999999' } }).base64, 'audience'],
    ['the Recipient is another ACS', () => response({ beforeSigning: (xml) => xml.replace(/Recipient="[^"]+"/, 'Recipient="https://evil.example.com/acs"') }).base64, 'recipient'],
    ['the Destination is another ACS', () => response({ sign: 'both', beforeSigning: (xml) => xml.replace(/Destination="[^"]+"/, 'Destination="https://evil.example.com/acs"') }).base64, 'destination'],
    ['the Issuer is not the uploaded identity source', () => response({ issuer: 'https://evil.example.com/idp' }).base64, 'issuer'],
    ['it expired (issued an hour ago)', () => response({ now: new Date(NOW.getTime() - 3_600_000) }).base64, 'expired'],
    ['it is not yet valid (issued an hour ahead)', () => response({ now: new Date(NOW.getTime() + 3_600_000) }).base64, 'not-yet-valid'],
    [
      'it carries two assertions',
      () =>
        response({
          sign: 'response',
          beforeSigning: (xml) => {
            const a = xml.slice(xml.indexOf('<saml:Assertion'), xml.indexOf('</saml:Assertion>') + '</saml:Assertion>'.length);
            return xml.replace(a, a + a.replace(/ID="[^"]+"/, 'ID="_second"'));
          },
        }).base64,
      'assertion-count',
    ],
    [
      'it carries an encrypted assertion',
      () =>
        response({
          sign: 'response',
          beforeSigning: (xml) => xml.replace('</samlp:Response>', '<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml:EncryptedAssertion></samlp:Response>'),
        }).base64,
      'encrypted-assertion',
    ],
    [
      'the assertion has no ID (only the Response is signed), so it could not be kept from replay',
      () => response({ sign: 'response', beforeSigning: (xml) => xml.replace(/(<saml:Assertion[^>]*?) ID="[^"]+"/, '$1') }).base64,
      'malformed',
    ],
    ['the user does not exist', () => response({ userName: 'mallory@example.com' }).base64, 'unknown-user'],
    ['the user is inactive', () => response({ userName: 'carol@example.com' }).base64, 'inactive-user'],
    ['the NameID format is not emailAddress', () => response({ beforeSigning: (xml) => xml.replace('nameid-format:emailAddress', 'nameid-format:unspecified') }).base64, 'name-id-format'],
    ['it is over 50,000 characters', () => response({ beforeSigning: (xml) => xml.replace('</saml:Issuer>', `</saml:Issuer><!--${'x'.repeat(50_000)}-->`) }).base64, 'too-large'],
    ['it declares a DOCTYPE', () => Buffer.from(`<!DOCTYPE r [<!ENTITY e "x">]>${response().xml}`).toString('base64'), 'doctype'],
    ['the field is not base64', () => '%%%not-base64%%%', 'malformed'],
  ];
  test.each(cases)('fails when %s', async (_name, make, reason) => {
    const { res, body } = await post(make());
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(body?.error).toBe(reason);
    expect(state.saml.sessions.size).toBe(0);
  });

  test('fails when the SAMLResponse field is too long to hold 50,000 characters, before decoding it', async () => {
    const { res, body } = await post('A'.repeat(400_001));
    expect(res.status).toBe(400);
    expect(body?.error).toBe('too-large');
    expect(body?.message).toMatch(/SAMLResponse field is 400001 characters of base64/);
  });

  test('fails when an assertion is replayed', async () => {
    const once = response().base64;
    expect((await post(once)).res.status).toBe(302);
    const again = await post(once);
    expect(again.res.status).toBe(403);
    expect(again.body?.error).toBe('replayed');
  });

  test('fails when the response was made for the dual-stack ACS but posted to the IPv4 one', async () => {
    const made = response({ sp: { ...sp(), acsUrl: acsUrls(state)[1] } }).base64;
    expect((await post(made)).body?.error).toBe('destination');
    expect((await post(made, acsUrls(state)[1])).res.status).toBe(302);
  });

  test('fails when no identity source was uploaded', async () => {
    state.saml.identitySource = undefined;
    expect((await post(response().base64)).body?.error).toBe('no-identity-source');
  });

  test('tolerates five minutes of clock skew, not more', async () => {
    clock.set(new Date(NOW.getTime() + 9 * 60_000));
    expect((await post(response().base64)).res.status).toBe(302);
    clock.set(new Date(NOW.getTime() + 10 * 60_000));
    expect((await post(response().base64)).body?.error).toBe('expired');
  });

  describe('SHA-1 signatures (state.saml.settings.allowSha1)', () => {
    const sha1Signed = (algorithms: { signature: string; digest: string }) =>
      response({ sign: 'none', afterSigning: (xml, ids) => signAssertionWith(xml, ids.assertion, idp, algorithms) }).base64;
    const both = { signature: ALGORITHM.rsaSha1, digest: ALGORITHM.sha1 };

    test.each([
      ['signed with rsa-sha1 and a sha1 digest', both],
      ['signed with rsa-sha1 over a sha256 digest', { signature: ALGORITHM.rsaSha1, digest: ALGORITHM.sha256 }],
      ['signed with rsa-sha256 over a sha1 digest', { signature: ALGORITHM.rsaSha256, digest: ALGORITHM.sha1 }],
    ])('fails when the assertion is %s, by default', async (_label, algorithms) => {
      expect(state.saml.settings.allowSha1).toBe(false);
      const { res, body } = await post(sha1Signed(algorithms));
      expect(res.status).toBe(403);
      expect(body?.error).toBe('weak-algorithm');
      expect(body?.message).toMatch(/SHA-?256/);
      expect(state.saml.sessions.size).toBe(0);
    });

    test('accepts rsa-sha1 only once allowSha1 is switched on', async () => {
      state.saml.settings.allowSha1 = true;
      const { res } = await post(sha1Signed(both));
      expect(res.status).toBe(302);
      expect(state.saml.sessions.size).toBe(1);
    });
  });

  test('tolerates five minutes of an IdP clock running ahead (NotBefore), not more', async () => {
    expect((await post(response({ now: new Date(NOW.getTime() + 4 * 60_000) }).base64)).res.status).toBe(302);
    expect((await post(response({ now: new Date(NOW.getTime() + 6 * 60_000) }).base64)).body?.error).toBe('not-yet-valid');
  });
});
