import type { ObjectValue } from '../codec/values';
import { UNKNOWN, isUnknown, valueEquals } from '../codec/values';
import { type Diagnostic, error, warning } from '../framework/diagnostics';
import type { ProviderContext, ResourceType } from '../framework/resource';
import { attributeType } from '../framework/schema';
import { scimStep } from './scim-diagnostics';
import { scimSession } from './scim-session';

const TYPE = 'idemeum_scim_link';
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseIssuedAt(text: string): Date | undefined {
  if (!DATE.test(text) && !DATE_TIME.test(text)) return undefined;
  const d = new Date(DATE.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export interface TokenExpiry {
  readonly expiresAt: Date;
  readonly daysLeft: number;
}

export function tokenExpiry(issuedAt: Date, validityDays: number, now: Date): TokenExpiry {
  const expiresAt = new Date(issuedAt.getTime() + validityDays * DAY_MS);
  return { expiresAt, daysLeft: Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS) };
}

/** The plan-time verdict on the token: an error once expired, a warning inside the warning window. */
export function expiryDiagnostics(expiry: TokenExpiry, warnDays: number): Diagnostic[] {
  const when = expiry.expiresAt.toISOString();
  const rotate =
    'Generate a new access token in IAM Identity Center → Settings → Identity source → Automatic provisioning (AWS keeps two at a time), ' +
    'set it as scim_token, update token_issued_at, then delete the old token in the console.';
  if (expiry.daysLeft < 0) return [error('The SCIM token has expired', `It expired on ${when}; pushes to AWS now fail with 401. ${rotate}`, ['token_issued_at'])];
  if (expiry.daysLeft <= warnDays) return [warning(`The SCIM token expires in ${expiry.daysLeft} days`, `It expires on ${when}. ${rotate}`, ['token_issued_at'])];
  return [];
}

function computed(s: ObjectValue, now: Date): { state: ObjectValue; expiry: TokenExpiry } {
  const issued = parseIssuedAt(s.token_issued_at as string)!;
  const expiry = tokenExpiry(issued, Number(s.token_validity_days), now);
  return { state: { ...s, token_expires_at: expiry.expiresAt.toISOString(), days_until_expiry: expiry.daysLeft }, expiry };
}

/** GET /ServiceProviderConfig: proves the endpoint answers and accepts the token. */
async function checkEndpoint(ctx: ProviderContext, action: string): Promise<string> {
  const { client } = scimSession(ctx, action);
  await scimStep(action, () => client.serviceProviderConfig());
  return client.endpoint;
}

export const scimLink: ResourceType = {
  typeName: TYPE,
  schema: {
    version: 0,
    description: "The SCIM connection to AWS: checks the endpoint and token, and tracks the token's one-year lifetime.",
    attributes: {
      id: { type: 'string', computed: true, description: 'The SCIM endpoint (never the token).' },
      token_issued_at: { type: 'string', required: true, description: 'RFC 3339 date the SCIM token was generated in the AWS console.' },
      token_validity_days: { type: 'number', optional: true, computed: true, default: 365 },
      expiry_warning_days: { type: 'number', optional: true, computed: true, default: 30 },
      token_expires_at: { type: 'string', computed: true },
      days_until_expiry: { type: 'number', computed: true },
    },
  },

  validate({ config }) {
    const diags: Diagnostic[] = [];
    const issued = config.token_issued_at;
    if (typeof issued === 'string' && !parseIssuedAt(issued)) {
      diags.push(error(`Invalid ${TYPE}`, `token_issued_at "${issued}" is not an RFC 3339 date; write e.g. "2026-03-01" or "2026-03-01T09:30:00Z"`, ['token_issued_at']));
    }
    for (const [attr, min, max] of [['token_validity_days', 1, 3650], ['expiry_warning_days', 0, 3650]] as const) {
      const v = config[attr];
      if (v === null || isUnknown(v)) continue;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) diags.push(error(`Invalid ${TYPE}`, `${attr} must be a whole number of days from ${min} to ${max}, got ${String(v)}`, [attr]));
    }
    return diags;
  },

  modifyPlan({ prior }, draft, ctx) {
    const p = draft.planned;
    if (typeof p.token_issued_at !== 'string' || typeof p.token_validity_days !== 'number' || typeof p.expiry_warning_days !== 'number') return;
    if (!parseIssuedAt(p.token_issued_at)) return;
    const { state, expiry } = computed(p, ctx.clock.now());
    p.token_expires_at = state.token_expires_at;
    // The day count moves at midnight: a value planned today would contradict an apply (or the
    // re-plan of a saved plan) tomorrow. So it is known after apply, unless nothing changes.
    const unchanged =
      prior !== null &&
      Object.entries(scimLink.schema.attributes).every(([k, a]) => k === 'days_until_expiry' || valueEquals(prior[k] ?? null, p[k] ?? null, attributeType(a)));
    p.days_until_expiry = unchanged ? (prior.days_until_expiry ?? null) : UNKNOWN;
    draft.diagnostics.push(...expiryDiagnostics(expiry, p.expiry_warning_days));
  },

  async create({ planned }, ctx) {
    const id = await checkEndpoint(ctx, 'checking the SCIM endpoint and token');
    return { state: { ...computed(planned, ctx.clock.now()).state, id } };
  },

  async read({ state }, ctx) {
    const id = await checkEndpoint(ctx, 'checking the SCIM endpoint and token');
    if (typeof state.token_issued_at !== 'string' || !parseIssuedAt(state.token_issued_at)) return { state: { ...state, id } };
    return { state: { ...computed(state, ctx.clock.now()).state, id } };
  },

  async update({ planned }, ctx) {
    const id = await checkEndpoint(ctx, 'checking the SCIM endpoint and token');
    return { state: { ...computed(planned, ctx.clock.now()).state, id } };
  },

  // Nothing exists in AWS: the token lives in the console. Removing the link only forgets it.
  async delete() {},
};
