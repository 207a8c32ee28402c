import type { ObjectValue } from './codec/values';
import { isUnknown } from './codec/values';
import type { ProviderConfig, ProviderContext, ScimSettings } from './framework/context';
import { type Diagnostic, DiagnosticError, error } from './framework/diagnostics';
import type { BlockSchema } from './framework/schema';
import { DurationError, parseDuration } from './duration';

/** provider "idemeum" (docs/provider-schema.md). */
export const providerSchema: BlockSchema = {
  attributes: {
    scim_endpoint: {
      type: 'string',
      optional: true,
      description: 'AWS SCIM base URL https://scim.<region>.amazonaws.com/<tenant>/scim/v2. Default: env IDEMEUM_SCIM_ENDPOINT.',
    },
    scim_token: {
      type: 'string',
      optional: true,
      sensitive: true,
      description: 'SCIM bearer token from the IAM Identity Center console. Default: env IDEMEUM_SCIM_TOKEN.',
    },
    request_timeout: { type: 'string', optional: true, description: 'Per-request timeout, e.g. "30s". Default "30s".' },
    max_retries: { type: 'number', optional: true, description: 'Retries on 429, 5xx and connection resets. Default 8.' },
    scim_reads_per_second: {
      type: 'number',
      optional: true,
      description: "SCIM read calls per second per API this provider allows itself. Default 40 (AWS's quota); lower it when other clients share the identity store.",
    },
    scim_writes_per_second: {
      type: 'number',
      optional: true,
      description: "SCIM write calls per second per API this provider allows itself. Default 25 (AWS's quota); lower it when other clients share the identity store.",
    },
  },
};

export const DEFAULT_REQUEST_TIMEOUT = '30s';
export const DEFAULT_MAX_RETRIES = 8;
/** AWS's published SCIM quotas per API per identity store (src/scim/urn.ts AWS_SCIM_LIMITS). */
export const DEFAULT_SCIM_READS_PER_SECOND = 40;
export const DEFAULT_SCIM_WRITES_PER_SECOND = 25;
/** Far above any quota AWS grants; a larger number is a typo. */
const MAX_CALLS_PER_SECOND = 10_000;
const RATE_ATTRIBUTES = ['scim_reads_per_second', 'scim_writes_per_second'] as const;
export const ENV_ENDPOINT = 'IDEMEUM_SCIM_ENDPOINT';
export const ENV_TOKEN = 'IDEMEUM_SCIM_TOKEN';
/** Not in the provider block (docs/provider-schema.md is fixed): an operator's knob for slow regions, and tests. */
export const ENV_GROUP_READABLE_TIMEOUT = 'IDEMEUM_GROUP_READABLE_TIMEOUT';

const known = (v: unknown): v is string | number => v !== null && v !== undefined && !isUnknown(v);

/**
 * The endpoint as messages and logs may show it: origin and path only. A value that is not a URL
 * is not shown at all: it is typically the token, pasted into the wrong field (the console shows
 * both together), and the redactor cannot know that.
 */
export function describeEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `"${u.origin}${u.pathname}"`;
  } catch {
    return `the value (${url.length} characters, not shown in case it is a secret)`;
  }
}

function checkEndpoint(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${describeEndpoint(url)} is not a URL; expected https://scim.<region>.amazonaws.com/<tenant>/scim/v2`;
  }
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) {
    return `${describeEndpoint(url)} must use https (plain http is accepted only for a local emulator on 127.0.0.1)`;
  }
  if (u.username || u.password || u.search) return `"${u.origin}${u.pathname}" must not carry credentials or a query string`;
  if (!SCIM_PATH.test(u.pathname)) {
    return `${describeEndpoint(url)} does not end in /scim/v2, so every SCIM call would miss the API (AWS answers 404). ${ENDPOINT_HINT}`;
  }
  return undefined;
}

const SCIM_PATH = /\/scim\/v2\/*$/;
const ENDPOINT_HINT =
  'The SCIM endpoint is https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2: copy it from IAM Identity Center → Settings → Identity source → Automatic provisioning';

/** A value as a message may quote it: short ones as written, long ones (a pasted secret?) by length only. */
export function describeValue(v: string): string {
  return v.length <= 24 && !/[\s\p{Cc}]/u.test(v) ? `"${v}"` : `the value given (${v.length} characters, not shown in case it is a secret)`;
}

function emptyValue(attr: 'scim_endpoint' | 'scim_token', envName: string): string {
  return `${attr} is set to an empty string. An empty ${attr} does not fall back to ${envName} (that would hide a variable that was meant to be set): remove ${attr} from the provider block to use ${envName}, or give it a value`;
}

/** Static checks of the provider block; unknown values are skipped (they are checked at configure). */
export function validateProviderConfig(config: ObjectValue): Diagnostic[] {
  const diags: Diagnostic[] = [];
  if (config.scim_endpoint === '') diags.push(error('Invalid scim_endpoint', emptyValue('scim_endpoint', ENV_ENDPOINT), ['scim_endpoint']));
  else if (typeof config.scim_endpoint === 'string') {
    const problem = checkEndpoint(config.scim_endpoint);
    if (problem) diags.push(error('Invalid scim_endpoint', problem, ['scim_endpoint']));
  }
  if (config.scim_token === '') diags.push(error('Invalid scim_token', emptyValue('scim_token', ENV_TOKEN), ['scim_token']));
  if (typeof config.request_timeout === 'string') {
    const problem = durationProblem(config.request_timeout);
    if (problem) diags.push(error('Invalid request_timeout', `request_timeout: ${problem}`, ['request_timeout']));
  }
  if (known(config.max_retries)) {
    const n = Number(config.max_retries);
    if (!Number.isInteger(n) || n < 0 || n > 100) {
      diags.push(error('Invalid max_retries', `max_retries must be a whole number from 0 to 100, got ${String(config.max_retries)}`, ['max_retries']));
    }
  }
  for (const attr of RATE_ATTRIBUTES) {
    if (!known(config[attr])) continue;
    const n = Number(config[attr]);
    if (!Number.isInteger(n) || n < 1 || n > MAX_CALLS_PER_SECOND) {
      diags.push(
        error(
          `Invalid ${attr}`,
          `${attr} must be a whole number of calls per second from 1 to ${MAX_CALLS_PER_SECOND}, got ${String(config[attr])}; leave it unset for AWS's quota, or set the share of it this configuration may use`,
          [attr],
        ),
      );
    }
  }
  return diags;
}

function durationProblem(text: string): string | undefined {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (err) {
    if (!(err instanceof DurationError)) throw err;
    return `${describeValue(text)} is not a duration: use a number and a unit, e.g. "30s", "5m" or "1h30m"`;
  }
  return ms > 0 ? undefined : 'must be greater than zero';
}

/**
 * Resolves the provider block against env defaults. Missing SCIM settings are not an error here:
 * resources that need SCIM fail with `requireScim`, so a configuration using only the SAML
 * application does not need a token.
 */
export function resolveProviderConfig(config: ObjectValue, env: NodeJS.ProcessEnv): { config: ProviderConfig; diagnostics: Diagnostic[] } {
  const diagnostics = validateProviderConfig(config);
  const requestTimeoutMs = parseDurationOr(config.request_timeout, DEFAULT_REQUEST_TIMEOUT);
  const maxRetries = known(config.max_retries) ? Number(config.max_retries) : DEFAULT_MAX_RETRIES;
  const pick = (attr: 'scim_endpoint' | 'scim_token', envName: string): { value?: string; reason?: string; unknown?: boolean } => {
    const v = config[attr];
    if (isUnknown(v)) return { reason: `${attr} is not known until apply (it refers to a value another resource creates)`, unknown: true };
    if (v === '') return { reason: emptyValue(attr, envName) };
    if (typeof v === 'string') return { value: v };
    const fromEnv = env[envName];
    if (fromEnv) return { value: fromEnv };
    return { reason: `${attr} is not set: set ${attr} in the provider "idemeum" block or the ${envName} environment variable` };
  };
  const endpoint = pick('scim_endpoint', ENV_ENDPOINT);
  const token = pick('scim_token', ENV_TOKEN);
  if (endpoint.value && config.scim_endpoint !== endpoint.value) {
    const problem = checkEndpoint(endpoint.value);
    if (problem) diagnostics.push(error(`Invalid ${ENV_ENDPOINT}`, problem));
  }
  let groupReadableTimeoutMs: number | undefined;
  const readable = env[ENV_GROUP_READABLE_TIMEOUT];
  if (readable) {
    try {
      groupReadableTimeoutMs = parseDuration(readable);
      if (groupReadableTimeoutMs <= 0) throw new DurationError(`${ENV_GROUP_READABLE_TIMEOUT} must be greater than zero`);
    } catch (err) {
      groupReadableTimeoutMs = undefined;
      diagnostics.push(error(`Invalid ${ENV_GROUP_READABLE_TIMEOUT}`, `${(err as Error).message}; unset it to use the default (60s)`));
    }
  }
  let scim: ScimSettings | undefined;
  if (endpoint.value && token.value) {
    const rate = (attr: (typeof RATE_ATTRIBUTES)[number], fallback: number) => (known(config[attr]) ? Number(config[attr]) : fallback);
    scim = {
      endpoint: endpoint.value.replace(/\/+$/, ''),
      token: token.value,
      requestTimeoutMs,
      maxRetries,
      readsPerSecond: rate('scim_reads_per_second', DEFAULT_SCIM_READS_PER_SECOND),
      writesPerSecond: rate('scim_writes_per_second', DEFAULT_SCIM_WRITES_PER_SECOND),
    };
  }
  return {
    config: {
      requestTimeoutMs,
      maxRetries,
      ...(groupReadableTimeoutMs !== undefined && { groupReadableTimeoutMs }),
      ...(scim
        ? { scim }
        : { scimUnavailableReason: endpoint.reason ?? token.reason, ...((endpoint.unknown || token.unknown) && { scimKnownAtApply: true }) }),
    },
    diagnostics,
  };
}

function parseDurationOr(v: unknown, fallback: string): number {
  try {
    return parseDuration(typeof v === 'string' ? v : fallback);
  } catch {
    return parseDuration(fallback);
  }
}

/** The SCIM settings, or a diagnostic saying which setting is missing and how to set it. */
export function requireScim(ctx: ProviderContext, forWhat: string): ScimSettings {
  const cfg = ctx.config;
  if (cfg?.scim) return cfg.scim;
  throw new DiagnosticError(
    error(`Cannot ${forWhat}: the provider has no SCIM connection`, cfg?.scimUnavailableReason ?? 'the provider "idemeum" was not configured'),
  );
}
