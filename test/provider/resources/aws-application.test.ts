import { type ObjectValue, UNKNOWN, Unknown } from '../../../src/provider/codec/values';
import type { Diagnostic } from '../../../src/provider/framework/diagnostics';
import { awsApplication } from '../../../src/provider/resources/aws-application';
import { readKeySource } from '../../../src/provider/resources/aws-application/key-source';
import { parseIdpMetadata } from '../../../src/saml/idp-metadata';
import { generateSigningMaterial, loadSigningMaterial, type SigningMaterial } from '../../../src/saml/keys';
import { ACS_URL, IDP_ENTITY_ID, IDP_SSO_URL, material, NOW, SP_ENTITY_ID, spMetadata } from '../../saml/fixtures';
import { TestClock, apply, changedAttributes, config, context, converge, plan } from './aws-application.harness';

const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

let pair: SigningMaterial;
let other: SigningMaterial;
/** Valid from NOW for 40 days: inside the warning window from day 10, expired after day 40. */
let shortLived: SigningMaterial;

beforeAll(async () => {
  [pair, other] = [await material('idp'), await material('other')];
  shortLived = await generateSigningMaterial({ commonName: 'short.idemeum.test', now: NOW, validityDays: 40 });
});

describe('plan', () => {
  test('create with a given pair: every output is known at plan and apply stores exactly that', async () => {
    const ctx = context(new TestClock(NOW));
    const cfg = config({ signing_key_pem: pair.keyPem, signing_certificate_pem: pair.certificatePem, attribute_mappings: { Department: 'department' } });
    const p = await plan(null, cfg, ctx);
    expect(p.diagnostics).toEqual([]);
    expect(p.planned).toMatchObject({
      acs_url: ACS_URL,
      sp_entity_id: SP_ENTITY_ID,
      certificate_pem: loadSigningMaterial(pair.keyPem, pair.certificatePem).certificatePem,
      certificate_expires_at: pair.notAfter.toISOString(),
      session_duration: 'PT8H',
      sign: 'assertion',
    });
    expect(p.planned.id).toBeInstanceOf(Unknown);
    const idp = parseIdpMetadata(p.planned.idp_metadata_xml as string);
    expect(idp).toMatchObject({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL });
    expect(idp.certificatePem.replace(/\s/g, '')).toBe(pair.certificatePem.replace(/\s/g, ''));

    const { state, private: priv } = await apply(null, p, cfg, ctx);
    expect(state.id).toBe('app-1');
    expect(state.idp_metadata_xml).toBe(p.planned.idp_metadata_xml);
    expect(readKeySource(priv)).toBe('config');
  });

  test('create with nothing to sign with yet: key and certificate outputs are unknown, SP outputs known', async () => {
    const p = await plan(null, config(), context(new TestClock(NOW)));
    expect(p.diagnostics).toEqual([]);
    for (const k of ['id', 'signing_key_pem', 'certificate_pem', 'certificate_expires_at', 'idp_metadata_xml']) expect(p.planned[k]).toBeInstanceOf(Unknown);
    expect(p.planned).toMatchObject({ acs_url: ACS_URL, sp_entity_id: SP_ENTITY_ID });
  });

  test.each<[string, ObjectValue, string[]]>([
    ['unknown SP metadata', { sp_metadata_xml: UNKNOWN }, ['acs_url', 'sp_entity_id']],
    ['unknown entity_id', { entity_id: UNKNOWN }, ['idp_metadata_xml']],
    ['unknown sso_url', { sso_url: UNKNOWN }, ['idp_metadata_xml']],
    ['unknown key with a given certificate', { signing_key_pem: UNKNOWN }, []],
    ['unknown key, certificate to generate', { signing_key_pem: UNKNOWN, signing_certificate_pem: null }, ['certificate_pem', 'certificate_expires_at', 'idp_metadata_xml']],
    ['unknown certificate', { signing_certificate_pem: UNKNOWN }, ['certificate_pem', 'certificate_expires_at', 'idp_metadata_xml']],
  ])('an output waits for its inputs: %s', async (_name, over, unknown) => {
    const base = { signing_key_pem: pair.keyPem, signing_certificate_pem: pair.certificatePem };
    const p = await plan(null, config({ ...base, ...over }), context(new TestClock(NOW)));
    expect(p.diagnostics).toEqual([]);
    for (const k of ['acs_url', 'sp_entity_id', 'certificate_pem', 'certificate_expires_at', 'idp_metadata_xml']) {
      if (unknown.includes(k)) expect(p.planned[k]).toBeInstanceOf(Unknown);
      else expect(typeof p.planned[k]).toBe('string');
    }
  });

  test('an unknown key at plan is taken from the config at apply, not generated', async () => {
    const ctx = context(new TestClock(NOW));
    const p = await plan(null, config({ signing_key_pem: UNKNOWN, signing_certificate_pem: UNKNOWN }), ctx);
    const { state, private: priv } = await apply(null, p, config({ signing_key_pem: pair.keyPem, signing_certificate_pem: pair.certificatePem }), ctx);
    expect(state.signing_key_pem).toBe(pair.keyPem);
    expect(readKeySource(priv)).toBe('config');
  });

  test('the generated key is created at apply and kept: the next plan is empty', async () => {
    const ctx = context(new TestClock(NOW));
    const cfg = config({ entitled_user_ids: ['u-1'] });
    const created = await converge(null, cfg, ctx);
    const key = created.state.signing_key_pem as string;
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(loadSigningMaterial(key, created.state.certificate_pem as string).notAfter.toISOString()).toBe(created.state.certificate_expires_at);
    expect(readKeySource(created.private)).toBe('generated');

    for (const later of [at(1), at(300)]) {
      const again = await plan(created.state, cfg, context(new TestClock(later)), created.private);
      expect(again.diagnostics).toEqual([]);
      expect(changedAttributes(created.state, again.planned)).toEqual([]);
    }
  });

  test('a change elsewhere keeps the generated key and certificate', async () => {
    const ctx = context(new TestClock(NOW));
    const created = await converge(null, config(), ctx);
    const updated = await converge(created.state, config({ sign: 'both', entitled_group_ids: ['g-1'], session_duration: 'PT4H' }), ctx, created.private);
    expect(changedAttributes(created.state, updated.plan.planned).sort()).toEqual(['entitled_group_ids', 'session_duration', 'sign']);
    expect(updated.state.signing_key_pem).toBe(created.state.signing_key_pem);
    expect(updated.state.certificate_pem).toBe(created.state.certificate_pem);
    expect(updated.state.id).toBe(created.state.id);
  });

  test('changing the SP metadata updates in place with the new ACS known at plan', async () => {
    const ctx = context(new TestClock(NOW));
    const created = await converge(null, config(), ctx);
    const eu = 'https://eu-west-1.signin.aws.amazon.com/platform/saml/acs/ffff-0000';
    const euEntity = 'https://eu-west-1.signin.aws.amazon.com/platform/saml/d-9999999999';
    const cfg = config({ sp_metadata_xml: spMetadata([eu, 'https://eu-west-1.sso.signin.aws/platform/saml/acs/ffff-0000'], euEntity) });
    const p = await plan(created.state, cfg, ctx, created.private);
    expect(p.diagnostics).toEqual([]);
    expect(p.requiresReplace).toEqual([]);
    expect(changedAttributes(created.state, p.planned).sort()).toEqual(['acs_url', 'sp_entity_id', 'sp_metadata_xml']);
    expect(p.planned).toMatchObject({ acs_url: eu, sp_entity_id: euEntity, id: created.state.id });
    const { state } = await apply(created.state, p, cfg, ctx);
    expect(state).toMatchObject({ acs_url: eu, signing_key_pem: created.state.signing_key_pem, idp_metadata_xml: created.state.idp_metadata_xml });
  });

  test('the default ACS is chosen even when it is not listed first', async () => {
    const xml = spMetadata(['https://us-east-1.sso.signin.aws/platform/saml/acs/x', ACS_URL]).replace(' isDefault="true"', '').replace(`Location="${ACS_URL}" index="1"`, `Location="${ACS_URL}" index="1" isDefault="true"`);
    const p = await plan(null, config({ sp_metadata_xml: xml }), context(new TestClock(NOW)));
    expect(p.planned.acs_url).toBe(ACS_URL);
  });

  test('changing the key and certificate updates in place with new IdP metadata at plan', async () => {
    const ctx = context(new TestClock(NOW));
    const created = await converge(null, config({ signing_key_pem: pair.keyPem, signing_certificate_pem: pair.certificatePem }), ctx);
    const cfg = config({ signing_key_pem: other.keyPem, signing_certificate_pem: other.certificatePem });
    const p = await plan(created.state, cfg, ctx, created.private);
    expect(p.requiresReplace).toEqual([]);
    expect(changedAttributes(created.state, p.planned).sort()).toEqual(
      ['certificate_expires_at', 'certificate_pem', 'idp_metadata_xml', 'signing_certificate_pem', 'signing_key_pem'].filter(
        (k) => k !== 'certificate_expires_at' || other.notAfter.getTime() !== pair.notAfter.getTime(),
      ),
    );
    expect(parseIdpMetadata(p.planned.idp_metadata_xml as string).certificatePem.replace(/\s/g, '')).toBe(other.certificatePem.replace(/\s/g, ''));
    const { state } = await apply(created.state, p, cfg, ctx);
    expect(state.id).toBe(created.state.id);
  });

  test('a given key without certificate gets a certificate once, kept while the key stays', async () => {
    const ctx = context(new TestClock(NOW));
    const cfg = config({ signing_key_pem: pair.keyPem });
    const first = await plan(null, cfg, ctx);
    expect(first.planned.certificate_pem).toBeInstanceOf(Unknown);
    const created = await apply(null, first, cfg, ctx);
    expect(loadSigningMaterial(pair.keyPem, created.state.certificate_pem as string).notAfter.getTime()).toBeGreaterThan(NOW.getTime());
    const again = await plan(created.state, cfg, ctx, created.private);
    expect(changedAttributes(created.state, again.planned)).toEqual([]);
    // A new key needs a new certificate: unknown until apply.
    const rotated = await plan(created.state, config({ signing_key_pem: other.keyPem }), ctx, created.private);
    expect(rotated.planned.certificate_pem).toBeInstanceOf(Unknown);
    expect(rotated.planned.idp_metadata_xml).toBeInstanceOf(Unknown);
  });

  test('removing a given pair from the configuration generates a new pair', async () => {
    const ctx = context(new TestClock(NOW));
    const created = await converge(null, config({ signing_key_pem: pair.keyPem, signing_certificate_pem: pair.certificatePem }), ctx);
    const p = await plan(created.state, config(), ctx, created.private);
    expect(p.diagnostics).toEqual([]);
    expect(p.planned.signing_key_pem).toBeInstanceOf(Unknown);
    expect(p.planned.idp_metadata_xml).toBeInstanceOf(Unknown);
    const { state, private: priv } = await apply(created.state, p, config(), ctx);
    expect(state.signing_key_pem).not.toBe(pair.keyPem);
    expect(readKeySource(priv)).toBe('generated');
    // …and from then on that generated key is kept.
    const after = await plan(state, config(), ctx, priv);
    expect(changedAttributes(state, after.planned)).toEqual([]);
  });
});

describe('certificate expiry', () => {
  const givenCfg = () => config({ signing_key_pem: shortLived.keyPem, signing_certificate_pem: shortLived.certificatePem });

  test.each<[string, number, Diagnostic['severity'] | null, string]>([
    ['no diagnostic with 40 days left', 0, null, ''],
    ['no diagnostic with 30 days and an hour left', 10 - 1 / 24, null, ''],
    ['a warning with exactly 30 days left', 10, 'warning', 'expires in 30 days'],
    ['a warning with 29 days left', 11, 'warning', 'expires in 29 days'],
    ['a warning on the last day', 39.5, 'warning', 'expires in 0 days'],
    ['an error once expired', 41, 'error', 'has expired'],
  ])('given pair: %s', async (_name, days, severity, fragment) => {
    const p = await plan(null, givenCfg(), context(new TestClock(at(days))));
    const expiry = p.diagnostics.filter((d) => /certificate/.test(d.summary));
    if (severity === null) {
      expect(expiry).toEqual([]);
      return;
    }
    expect(expiry).toHaveLength(1);
    expect(expiry[0]).toMatchObject({ severity, path: ['signing_certificate_pem'] });
    expect(expiry[0].summary).toContain(fragment);
    expect(expiry[0].detail).toContain(shortLived.notAfter.toISOString());
    expect(expiry[0].detail).toMatch(/set signing_key_pem and signing_certificate_pem to a new pair, or remove both/);
    expect(expiry[0].detail).toContain('idp_metadata_xml');
  });

  test('fails when the stored certificate has expired, and clears once a new pair is given', async () => {
    const clock = new TestClock(NOW);
    const ctx = context(clock);
    const created = await converge(null, givenCfg(), ctx);
    clock.set(at(45));
    const stale = await plan(created.state, givenCfg(), ctx, created.private);
    expect(stale.diagnostics.map((d) => d.severity)).toEqual(['error']);
    const fixed = await plan(created.state, config({ signing_key_pem: pair.keyPem, signing_certificate_pem: pair.certificatePem }), ctx, created.private);
    expect(fixed.diagnostics).toEqual([]);
    const removed = await plan(created.state, config(), ctx, created.private);
    expect(removed.diagnostics).toEqual([]);
  });

  test('generated certificate: a warning 30 days before its ten years end, then an error saying how to rotate', async () => {
    const clock = new TestClock(NOW);
    const created = await converge(null, config(), context(clock));
    const expires = new Date(created.state.certificate_expires_at as string);
    expect(expires.getTime() - NOW.getTime()).toBe(3650 * DAY);
    clock.set(new Date(expires.getTime() - 10 * DAY));
    const soon = await plan(created.state, config(), context(clock), created.private);
    expect(soon.diagnostics).toMatchObject([{ severity: 'warning', summary: 'The SAML signing certificate expires in 10 days', path: ['signing_key_pem'] }]);
    clock.set(new Date(expires.getTime() + DAY));
    const expired = await plan(created.state, config(), context(clock), created.private);
    expect(expired.diagnostics).toMatchObject([{ severity: 'error', path: ['signing_key_pem'] }]);
    expect(expired.diagnostics[0].detail).toContain('terraform state rm');
  });
});

describe('read and delete', () => {
  test('read returns the state as is and re-derives certificate_expires_at', async () => {
    const ctx = context(new TestClock(NOW));
    const { state, private: priv } = await converge(null, config({ signing_key_pem: pair.keyPem, signing_certificate_pem: pair.certificatePem }), ctx);
    const read = await awsApplication.read({ state: { ...state, certificate_expires_at: 'stale' }, private: priv }, ctx);
    expect(read).toEqual({ state });
  });

  test('delete calls nothing and succeeds', async () => {
    const ctx = context(new TestClock(NOW));
    const { state, private: priv } = await converge(null, config(), ctx);
    await expect(awsApplication.delete({ prior: state, priorPrivate: priv }, ctx)).resolves.toBeUndefined();
  });
});

describe('apply errors', () => {
  test('fails when a mismatched pair reaches apply, on the certificate and without the key', async () => {
    const ctx = context(new TestClock(NOW));
    const good = config({ signing_key_pem: UNKNOWN, signing_certificate_pem: UNKNOWN });
    const p = await plan(null, good, ctx);
    const err = await apply(null, p, config({ signing_key_pem: pair.keyPem, signing_certificate_pem: other.certificatePem }), ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DiagnosticError', diagnostics: [{ severity: 'error', path: ['signing_certificate_pem'] }] });
    expect(JSON.stringify((err as { diagnostics: unknown }).diagnostics)).not.toContain(pair.keyPem.split('\n')[1]);
  });
});
