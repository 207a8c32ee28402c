import type { ScimClient, ScimClientOptions } from '../../scim/client';
import type { ScimReadCache } from '../../scim/read-cache';
import { requireScim } from '../config';
import type { ProviderContext } from '../framework/context';
import { lazy } from '../lazy';

// The client pulls in undici; most provider starts never talk to SCIM (see ../lazy.ts).
const scimClient = lazy(() => require('../../scim/client') as typeof import('../../scim/client'));
const scimReadCache = lazy(() => require('../../scim/read-cache') as typeof import('../../scim/read-cache'));

/** One SCIM client and read cache per provider process, shared by every resource. */
export interface ScimSession {
  readonly client: ScimClient;
  readonly reads: ScimReadCache;
  /** Waits between polls (group readable, data source); injectable so tests do not wait. */
  readonly sleep: (ms: number) => Promise<void>;
}

export const SCIM_SESSION_KEY = 'idemeum.scim-session';

/**
 * The session for this process, built from the provider configuration on first use. Tests
 * put a session under SCIM_SESSION_KEY to choose the dispatcher, clock or request counter.
 */
export function scimSession(ctx: ProviderContext, forWhat: string): ScimSession {
  const existing = ctx.cache.get(SCIM_SESSION_KEY) as ScimSession | undefined;
  if (existing) return existing;
  const settings = requireScim(ctx, forWhat);
  const session = createScimSession({
    endpoint: settings.endpoint,
    token: settings.token,
    timeoutMs: settings.requestTimeoutMs,
    retry: { maxRetries: settings.maxRetries },
    rateLimits: { readsPerSecond: settings.readsPerSecond, writesPerSecond: settings.writesPerSecond },
    signal: ctx.signal,
    onRequest: (e) => ctx.log.debug('SCIM request', { api: e.api, method: e.method, path: e.path, attempt: e.attempt, status: e.status, error_code: e.errorCode, duration_ms: e.durationMs }),
  });
  ctx.cache.set(SCIM_SESSION_KEY, session);
  return session;
}

export function createScimSession(options: ScimClientOptions, sleep?: (ms: number) => Promise<void>): ScimSession {
  const client = new (scimClient().ScimClient)(options);
  return {
    client,
    reads: new (scimReadCache().ScimReadCache)(client),
    sleep: sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}
