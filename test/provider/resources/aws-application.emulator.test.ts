/**
 * `idemeum_aws_application` end to end without terraform: the fake Terraform core drives the
 * provider over tfplugin6 (validate, plan, apply, read, destroy), and the emulated IAM Identity
 * Center takes the resulting IdP metadata and a response signed with the state's key.
 */
import { randomUUID } from 'node:crypto';
import { setupEmulator } from '../../../mocks/node';
import { acsUrls, portalUrl, samlMetadataUrl, spEntityId } from '../../../mocks/saml';
import { ManualClock } from '../../../mocks/store';
import { type ObjectValue, Unknown } from '../../../src/provider/codec/values';
import { awsApplication } from '../../../src/provider/resources/aws-application';
import { readCertificate, type SigningMaterial } from '../../../src/saml/keys';
import { buildSamlResponse } from '../../../src/saml/response';
import type { SignMode } from '../../../src/saml/sign';
import { IDP_ENTITY_ID, IDP_SSO_URL, material } from '../../saml/fixtures';
import { addUser } from '../../mocks/saml/support';
import { FakeCore } from '../../support/fake-core';

const TYPE = 'idemeum_aws_application';
// The provider runs on the real clock, so the emulator does too (responses and certificates agree).
const clock = new ManualClock(new Date());
const { state: aws, server } = setupEmulator({ clock, region: 'us-east-1' });
let core: FakeCore;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  clock.set(new Date());
  core = await FakeCore.inProcess({ resources: [awsApplication] });
});
afterEach(async () => {
  await core.shutdown();
  server.resetHandlers();
  aws.reset();
});
afterAll(() => server.close());

async function downloadSpMetadata(): Promise<string> {
  const res = await fetch(samlMetadataUrl(aws));
  expect(res.status).toBe(200);
  return res.text();
}

async function uploadIdpMetadata(xml: string): Promise<Response> {
  return fetch('https://portal.sso.us-east-1.amazonaws.com/_fake/saml/idp-metadata', { method: 'PUT', body: xml });
}

/** What idemeum does when a user clicks the AWS tile: a response signed with the application's state. */
function signIn(app: ObjectValue, userName: string, signing?: SigningMaterial) {
  const own: SigningMaterial = {
    keyPem: app.signing_key_pem as string,
    certificatePem: app.certificate_pem as string,
    notAfter: readCertificate(app.certificate_pem as string).notAfter,
  };
  const issued = buildSamlResponse(
    { entityId: app.entity_id as string, signing: signing ?? own, sign: app.sign as SignMode, sessionDuration: app.session_duration as string },
    { entityId: app.sp_entity_id as string, acsUrl: app.acs_url as string },
    { userName },
    { now: clock.now(), newId: randomUUID },
  );
  return fetch(app.acs_url as string, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ SAMLResponse: issued.base64 }).toString(),
  });
}

describe('over the fake Terraform core', () => {
  test('the schema marks the signing key sensitive', async () => {
    const attrs = (await core.resourceType(TYPE)).block.attributes as unknown as { name: string; sensitive?: boolean }[];
    expect(attrs.find((a) => a.name === 'signing_key_pem')?.sensitive).toBe(true);
    expect(attrs.find((a) => a.name === 'idp_metadata_xml')?.sensitive).toBeFalsy();
  });

  test('create, an empty second plan, read, an in-place SP metadata change and destroy', async () => {
    const cfg = { sp_metadata_xml: await downloadSpMetadata(), entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL };
    const first = await core.plan(TYPE, { prior: null, config: cfg });
    expect(first.diagnostics).toEqual([]);
    expect(first.planned).toMatchObject({ acs_url: acsUrls(aws)[0], sp_entity_id: spEntityId(aws) });
    expect(first.planned!.idp_metadata_xml).toBeInstanceOf(Unknown);

    const created = await core.create(TYPE, cfg);
    expect(created.state).toMatchObject({ acs_url: acsUrls(aws)[0], sign: 'assertion', session_duration: 'PT8H' });
    expect(created.state.signing_key_pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const second = await core.plan(TYPE, { prior: created.state, config: cfg, priorPrivate: created.private });
    expect(second.diagnostics).toEqual([]);
    expect(second.planned).toEqual(created.state);

    const read = await core.read(TYPE, created.state, created.private);
    expect(read.state).toEqual(created.state);

    const moved = spEntityId(aws).replace('us-east-1', 'us-west-2');
    const changed = { ...cfg, sp_metadata_xml: cfg.sp_metadata_xml.replace(spEntityId(aws), moved) };
    const updated = await core.update(TYPE, created.state, changed, created.private);
    expect(updated.planned.sp_entity_id).toBe(moved);
    expect(updated.state).toMatchObject({ id: created.state.id, sp_entity_id: moved, signing_key_pem: created.state.signing_key_pem });

    await core.destroy(TYPE, updated.state, updated.private);
    // Neither the key nor any of its lines reached the provider's log.
    const body = (created.state.signing_key_pem as string).split('\n')[1];
    expect(core.logs.join('\n')).not.toContain(body);
  });

  test('fails at validate when the SP metadata is hostile, on sp_metadata_xml', async () => {
    const diags = await core.validate(TYPE, { sp_metadata_xml: '<!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>', entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL });
    expect(diags).toMatchObject([{ severity: 'error', path: ['sp_metadata_xml'] }]);
    expect(diags[0].detail).toContain('DOCTYPE or ENTITY declaration');
  });
});

describe('with the emulated IAM Identity Center', () => {
  test.each<SignMode>(['assertion', 'response', 'both'])('the IdP metadata uploads and a response signed with the state key (sign = %s) opens a session', async (sign) => {
    const cfg = { sp_metadata_xml: await downloadSpMetadata(), entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL, sign };
    const { state: app } = await core.create(TYPE, cfg);

    const upload = await uploadIdpMetadata(app.idp_metadata_xml as string);
    expect(upload.status).toBe(200);
    expect(await upload.json()).toMatchObject({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL });
    expect(aws.saml.identitySource?.certificatePem.replace(/\s/g, '')).toBe((app.certificate_pem as string).replace(/\s/g, ''));

    addUser(aws, 'alice@example.com');
    const res = await signIn(app, 'alice@example.com');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(portalUrl(aws));
    expect(aws.saml.sessions.size).toBe(1);
  });

  test('a given key and certificate work the same way', async () => {
    const pair = await material('given');
    const cfg = { sp_metadata_xml: await downloadSpMetadata(), entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL, signing_key_pem: pair.keyPem, signing_certificate_pem: pair.certificatePem };
    const plan = await core.plan(TYPE, { prior: null, config: cfg });
    // Everything the console step needs is known before apply.
    expect(typeof plan.planned!.idp_metadata_xml).toBe('string');
    const { state: app } = await core.create(TYPE, cfg);
    expect(app.idp_metadata_xml).toBe(plan.planned!.idp_metadata_xml);
    expect((await uploadIdpMetadata(app.idp_metadata_xml as string)).status).toBe(200);
    addUser(aws, 'bob@example.com');
    expect((await signIn(app, 'bob@example.com')).status).toBe(302);
  });

  test('fails at the ACS when the response is signed with a key other than the uploaded one', async () => {
    const cfg = { sp_metadata_xml: await downloadSpMetadata(), entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL };
    const { state: app } = await core.create(TYPE, cfg);
    expect((await uploadIdpMetadata(app.idp_metadata_xml as string)).status).toBe(200);
    addUser(aws, 'alice@example.com');
    const res = await signIn(app, 'alice@example.com', await material('intruder'));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'bad-signature' });
    expect(aws.saml.sessions.size).toBe(0);
  });

  test('after rotating the key, the old IdP metadata no longer matches until the new one is uploaded', async () => {
    const sp = await downloadSpMetadata();
    const old = await material('old');
    const cfg = { sp_metadata_xml: sp, entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL, signing_key_pem: old.keyPem, signing_certificate_pem: old.certificatePem };
    const created = await core.create(TYPE, cfg);
    expect((await uploadIdpMetadata(created.state.idp_metadata_xml as string)).status).toBe(200);
    // Removing the given pair has the provider generate a new one, in place.
    const rotated = await core.update(TYPE, created.state, { sp_metadata_xml: sp, entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL }, created.private);
    expect(rotated.state.id).toBe(created.state.id);
    expect(rotated.state.signing_key_pem).not.toBe(old.keyPem);
    addUser(aws, 'alice@example.com');
    expect((await signIn(rotated.state, 'alice@example.com')).status).toBe(403);
    expect((await uploadIdpMetadata(rotated.state.idp_metadata_xml as string)).status).toBe(200);
    expect((await signIn(rotated.state, 'alice@example.com')).status).toBe(302);
  });
});
