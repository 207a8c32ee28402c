import type { Logger } from '../log';

/**
 * Provider configuration after ConfigureProvider, with env defaults applied. `scim` is absent
 * when endpoint or token is not set; resources that need SCIM call `requireScim(ctx)`.
 */
export interface ScimSettings {
  /** Base URL, e.g. https://scim.us-east-1.amazonaws.com/<tenant>/scim/v2 (no trailing slash). */
  readonly endpoint: string;
  /** Bearer token. Never log it; `ctx.log` redacts it anyway. */
  readonly token: string;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
  /** SCIM calls per second per API the client allows itself (scim_reads_per_second / scim_writes_per_second). */
  readonly readsPerSecond: number;
  readonly writesPerSecond: number;
}

export interface ProviderConfig {
  readonly scim?: ScimSettings;
  /** Why `scim` is absent (which setting is missing or unknown), for an actionable error. */
  readonly scimUnavailableReason?: string;
  /** `scim` is absent only because a setting refers to a value not known until apply. */
  readonly scimKnownAtApply?: boolean;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
  /**
   * How long creating a pushed group waits for AWS to serve it (env IDEMEUM_GROUP_READABLE_TIMEOUT).
   * @default - the resource's own default (60 s)
   */
  readonly groupReadableTimeoutMs?: number;
}

export interface Clock {
  now(): Date;
}

/**
 * What every resource hook receives. One instance per provider process; `cache` lets a resource
 * build its SCIM client once per process (`ctx.cache.get('scim') ?? ...`).
 */
export interface ProviderContext {
  /** Undefined before ConfigureProvider (validation runs unconfigured). */
  readonly config: ProviderConfig | undefined;
  readonly terraformVersion: string;
  readonly log: Logger;
  readonly clock: Clock;
  /** Aborted when Terraform calls StopProvider (Ctrl-C): pass it to HTTP calls. */
  readonly signal: AbortSignal;
  readonly cache: Map<string, unknown>;
  /** Resource id generator injection point (tests make it deterministic). */
  readonly newId: () => string;
}
