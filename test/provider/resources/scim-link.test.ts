import { scimBaseUrl } from '../../../mocks/scim';
import { dataSources, resources } from '../../../src/provider/registry';
import { expiryDiagnostics, parseIssuedAt, tokenExpiry } from '../../../src/provider/resources/scim-link';
import { incompatiblePaths } from '../../../src/provider/framework/compat';
import type { ProviderContext } from '../../../src/provider/framework/context';
import { checkPlanValid, draftPlan } from '../../../src/provider/framework/plan';
import { impliedType } from '../../../src/provider/framework/schema';
import { createLogger } from '../../../src/provider/log';
import { Redactor } from '../../../src/provider/redact';
import { scimLink } from '../../../src/provider/resources/scim-link';
import { SCIM_SESSION_KEY, createScimSession } from '../../../src/provider/resources/scim-session';
import type { ObjectValue } from '../../../src/provider/codec/values';
import { FakeCore } from '../../support/fake-core';
import { useResourceEnv } from './support/env';

const T = 'idemeum_scim_link';
const DAY = 24 * 60 * 60 * 1000;
// A minute of slack so whole-second truncation never tips the day count.
const daysAgo = (n: number) => new Date(Date.now() - n * DAY + 60_000).toISOString().replace(/\.\d+Z$/, 'Z');

const env = useResourceEnv();

describe('token expiry rules', () => {
  test.each([
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:00+02:00', '2026-03-01T07:30:00.000Z'],
  ])('parses %s', (text, iso) => {
    expect(parseIssuedAt(text)?.toISOString()).toBe(iso);
  });

  test.each([['01/03/2026'], ['2026-13-01'], ['yesterday'], ['2026-03-01 09:30']])('fails to parse %s', (text) => {
    expect(parseIssuedAt(text)).toBeUndefined();
  });

  test.each([
    [0, 365, 30, []],
    [336, 365, 30, ['warning']],
    [365, 365, 30, ['warning']],
    [366, 365, 30, ['error']],
    [100, 365, 300, ['warning']],
  ])('issued %i days ago, valid %i days, warn at %i → %j', (ago, validity, warn, severities) => {
    const now = new Date('2026-11-28T12:00:00Z');
    const expiry = tokenExpiry(new Date(now.getTime() - ago * DAY), validity, now);
    expect(expiryDiagnostics(expiry, warn).map((d) => d.severity)).toEqual(severities);
    for (const d of expiryDiagnostics(expiry, warn)) expect(d.path).toEqual(['token_issued_at']);
  });
});

describe('idemeum_scim_link', () => {
  test('create checks the endpoint and computes the expiry; id is the endpoint, never the token', async () => {
    const core = await env.core();
    const { state } = await core.create(T, { token_issued_at: daysAgo(10) });
    expect(state.id).toBe(scimBaseUrl(env.emu.state));
    expect(state.days_until_expiry).toBe(355);
    expect(state.token_validity_days).toBe(365);
    expect(JSON.stringify(state)).not.toContain(env.token);
  });

  test('plan warns when the token expires within the warning window', async () => {
    const core = await env.core();
    const plan = await core.plan(T, { prior: null, config: { token_issued_at: daysAgo(350) } });
    expect(plan.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', summary: 'The SCIM token expires in 15 days', path: ['token_issued_at'] })]);
  });

  test('fails at plan once the token has expired', async () => {
    const core = await env.core();
    const plan = await core.plan(T, { prior: null, config: { token_issued_at: daysAgo(400) } });
    expect(plan.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'The SCIM token has expired', path: ['token_issued_at'] });
  });

  test('fails when the token is wrong, and neither diagnostics nor logs carry it', async () => {
    const wrong = 'W'.repeat(560);
    const core = await FakeCore.inProcess({ resources, dataSources });
    try {
      await core.configure({ scim_endpoint: scimBaseUrl(env.emu.state), scim_token: wrong });
      const plan = await core.plan(T, { prior: null, config: { token_issued_at: daysAgo(1) } });
      const applied = await core.apply(T, { prior: null, planned: plan.planned, config: { token_issued_at: daysAgo(1) } });
      expect(applied.diagnostics[0].summary).toContain('AWS rejected the SCIM token (401)');
      expect(JSON.stringify(applied.diagnostics) + core.logs.join('\n')).not.toContain(wrong);
    } finally {
      await core.shutdown();
    }
  });

  test('fails when the endpoint is unreachable, saying so', async () => {
    const core = await FakeCore.inProcess({ resources, dataSources });
    try {
      await core.configure({ scim_endpoint: 'http://127.0.0.1:9/t/scim/v2', scim_token: env.token, max_retries: 0 });
      const plan = await core.plan(T, { prior: null, config: { token_issued_at: daysAgo(1) } });
      const applied = await core.apply(T, { prior: null, planned: plan.planned, config: { token_issued_at: daysAgo(1) } });
      expect(applied.diagnostics[0].summary).toContain('cannot reach the SCIM endpoint');
      expect(applied.diagnostics[0].detail).toContain('Check scim_endpoint');
    } finally {
      await core.shutdown();
    }
  });

  test('refresh re-checks the token: a revoked token fails the refresh', async () => {
    const core = await env.core();
    const { state } = await core.create(T, { token_issued_at: daysAgo(1) });
    const old = env.token;
    env.emu.state.directory.scimTokens.tokens.clear(); // revoked in the console
    const fresh = await FakeCore.inProcess({ resources, dataSources });
    try {
      await fresh.configure({ scim_endpoint: scimBaseUrl(env.emu.state), scim_token: old });
      const read = await fresh.read(T, state);
      expect(read.diagnostics[0].summary).toContain('AWS rejected the SCIM token');
    } finally {
      await fresh.shutdown();
    }
  });

  test.each([
    ['token_issued_at not a date', { token_issued_at: 'last March' }, 'token_issued_at', 'not an RFC 3339 date'],
    ['validity of zero days', { token_issued_at: '2026-01-01', token_validity_days: 0 }, 'token_validity_days', 'from 1 to 3650'],
    ['fractional warning days', { token_issued_at: '2026-01-01', expiry_warning_days: 1.5 }, 'expiry_warning_days', 'whole number'],
  ])('fails validation with %s', async (_n, config, attribute, message) => {
    const core = await env.core();
    const diags = await core.validate(T, config);
    expect(diags).toHaveLength(1);
    expect(diags[0].path).toEqual([attribute]);
    expect(diags[0].detail).toContain(message);
  });
});

describe('idemeum_scim_link across a day boundary', () => {
  const type = impliedType(scimLink.schema);
  let at = new Date('2026-11-28T23:59:30Z');
  const ctx = (): ProviderContext => ({
    config: undefined,
    terraformVersion: '1.11.4',
    log: createLogger({ redactor: new Redactor(), write: () => undefined }),
    clock: { now: () => new Date(at) },
    signal: new AbortController().signal,
    cache: new Map([[SCIM_SESSION_KEY, createScimSession({ endpoint: scimBaseUrl(env.emu.state), token: env.token })]]),
    newId: () => 'unused',
  });
  const config: ObjectValue = { id: null, token_issued_at: '2026-03-01', token_validity_days: null, expiry_warning_days: null, token_expires_at: null, days_until_expiry: null };
  async function plan(c: ProviderContext): Promise<ObjectValue> {
    const draft = draftPlan(scimLink.schema, null, { ...config }, config, Buffer.alloc(0));
    await scimLink.modifyPlan!({ prior: null, config, priorPrivate: Buffer.alloc(0) }, draft, c);
    expect(checkPlanValid(scimLink.schema, null, draft.planned, config)).toEqual([]);
    return draft.planned;
  }

  test('a plan made just before midnight UTC is still honoured by a re-plan and an apply just after it', async () => {
    at = new Date('2026-11-28T23:59:30Z');
    const saved = await plan(ctx());
    at = new Date('2026-11-29T00:00:30Z');
    // Terraform re-plans at apply and rejects a final plan that contradicts the saved one...
    const final = await plan(ctx());
    expect(incompatiblePaths(saved, final, type)).toEqual([]);
    // ...and rejects an apply result that contradicts the plan.
    const { state } = await scimLink.create({ planned: final, config, plannedPrivate: Buffer.alloc(0) }, ctx());
    expect(incompatiblePaths(final, state, type)).toEqual([]);
    expect(state.token_expires_at).toBe('2027-03-01T00:00:00.000Z');
    expect(state.days_until_expiry).toBe(91);
  });

  test('a plan that changes nothing keeps the stored day count, so it shows no diff', async () => {
    at = new Date('2026-11-28T12:00:00Z');
    const created = await plan(ctx());
    const { state } = await scimLink.create({ planned: created, config, plannedPrivate: Buffer.alloc(0) }, ctx());
    const draft = draftPlan(scimLink.schema, state, { ...state }, config, Buffer.alloc(0));
    await scimLink.modifyPlan!({ prior: state, config, priorPrivate: Buffer.alloc(0) }, draft, ctx());
    expect(draft.planned).toEqual(state);
  });
});
