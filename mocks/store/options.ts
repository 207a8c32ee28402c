/**
 * Everything the emulator lets a test or `mock-aws` choose. Values marked [U] in
 * docs/aws-behavior.md are here so tests can flip them; defaults follow that page.
 */
export interface EmulatorOptions {
  /** AWS region the emulator pretends to be. @default 'us-east-1' */
  readonly region: string;
  /** Identity store id (`d-` + 10 hex). @default derived from the id generator */
  readonly identityStoreId?: string;
  /** SCIM tenant id in the SCIM URL path. @default derived from the id generator */
  readonly tenantId?: string;
  /** AWS account that owns the Identity Center instance (management account). @default '123456789012' */
  readonly managementAccountId: string;
  /** SCIM token validity in days. @default 365 */
  readonly scimTokenValidityDays: number;
  /** API throttles per identity store, on the state clock; `enabled: false` turns every one off. */
  readonly throttle: ThrottleOptions;
  /** Match `userName` in filters and uniqueness case-insensitively ([U]; schema says caseExact:false). @default true */
  readonly userNameCaseInsensitive: boolean;
  /** Match group `displayName` in filters and uniqueness case-insensitively ([U]). @default true */
  readonly displayNameCaseInsensitive: boolean;
  /** SCIM resource ids as `<10 hex>-<uuid>` (AWS's legacy form) rather than plain UUIDs ([U] which is current). @default true */
  readonly scimLegacyIds: boolean;
  /** Echo `profileUrl` in SCIM user responses ([U]; AWS's documented responses omit it). @default false */
  readonly scimEchoProfileUrl: boolean;
  /** Identity Center instance ARN (state files keep it). @default derived from the id generator */
  readonly instanceArn?: string;
  /** Milliseconds an asynchronous SSO Admin request stays IN_PROGRESS before it settles. @default 0 (settles on the next describe) */
  readonly asyncSettleMs: number;
  /** Permission sets per instance (UG:limits; adjustable in AWS, hence an option). @default 3500 */
  readonly permissionSetsPerInstance: number;
  /** Users per identity store (UG:limits; adjustable in AWS, hence an option). @default 200000 */
  readonly usersPerIdentityStore: number;
  /** Groups per identity store (UG:limits; adjustable in AWS, hence an option). @default 100000 */
  readonly groupsPerIdentityStore: number;
  /**
   * The Identity Center instance belongs to an AWS organization. `false` = a standalone account:
   * every Organizations call fails with AWSOrganizationsNotInUseException. @default true
   */
  readonly organizationEnabled: boolean;
  /**
   * Most items an Organizations List* page holds, whatever MaxResults asks (AWS "might return fewer
   * results than the maximum even when there are more"; its defaults are unpublished, [U]). @default 20
   */
  readonly organizationsPageSize: number;
}

export interface ThrottleOptions {
  /** @default true */
  readonly enabled: boolean;
  /** SCIM write calls per second, per API (UG:limits). @default 25 */
  readonly scimWritesPerSecond: number;
  /** SCIM read calls per second, per API (UG:limits). @default 40 */
  readonly scimReadsPerSecond: number;
  /**
   * Member additions/removals per second across SCIM CreateGroup and PatchGroup. AWS has such a
   * throttle but does not publish its value ([U]). @default undefined (off)
   */
  readonly scimMembershipOpsPerSecond?: number;
  /** Seconds sent as `Retry-After` on a SCIM 429 ([U] whether AWS sends one). @default undefined (no header) */
  readonly scimRetryAfterSeconds?: number;
  /** Identity Store calls per second, per API (UG:limits). @default 20 */
  readonly identityStorePerSecond: number;
  /** SSO Admin calls per second, all APIs together (UG:limits). @default 20 */
  readonly ssoAdminPerSecond: number;
}

export const DEFAULT_OPTIONS: EmulatorOptions = {
  region: 'us-east-1',
  managementAccountId: '123456789012',
  scimTokenValidityDays: 365,
  throttle: { enabled: true, scimWritesPerSecond: 25, scimReadsPerSecond: 40, identityStorePerSecond: 20, ssoAdminPerSecond: 20 },
  userNameCaseInsensitive: true,
  displayNameCaseInsensitive: true,
  scimLegacyIds: true,
  scimEchoProfileUrl: false,
  asyncSettleMs: 0,
  permissionSetsPerInstance: 3_500,
  usersPerIdentityStore: 200_000,
  groupsPerIdentityStore: 100_000,
  organizationEnabled: true,
  organizationsPageSize: 20,
};

export type EmulatorOptionsInput = Partial<Omit<EmulatorOptions, 'throttle'>> & {
  readonly throttle?: Partial<EmulatorOptions['throttle']>;
};

const RATE_LIMITS = ['scimWritesPerSecond', 'scimReadsPerSecond', 'scimMembershipOpsPerSecond', 'identityStorePerSecond', 'ssoAdminPerSecond'] as const;

/** Adjustable AWS quotas; each must be a whole number, at least 1. */
const QUOTAS = ['permissionSetsPerInstance', 'usersPerIdentityStore', 'groupsPerIdentityStore'] as const;

export function resolveOptions(input: EmulatorOptionsInput = {}): EmulatorOptions {
  const throttle = { ...DEFAULT_OPTIONS.throttle, ...input.throttle };
  for (const name of RATE_LIMITS) {
    const value = throttle[name];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new RangeError(`throttle.${name} must be a whole number of calls per second (1 or more), got ${String(value)}; to switch throttling off use throttle.enabled: false`);
    }
  }
  const retryAfter = throttle.scimRetryAfterSeconds;
  if (retryAfter !== undefined && (!Number.isInteger(retryAfter) || retryAfter < 0)) {
    throw new RangeError(`throttle.scimRetryAfterSeconds must be a whole number of seconds (0 or more), got ${String(retryAfter)}; leave it unset to send no Retry-After`);
  }
  for (const name of QUOTAS) {
    const value = input[name];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new RangeError(`${name} must be a whole number (1 or more), got ${String(value)}; AWS's default quota is ${DEFAULT_OPTIONS[name]}`);
    }
  }
  const pageSize = input.organizationsPageSize;
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 20)) {
    throw new RangeError(`organizationsPageSize must be a whole number from 1 to 20 (Organizations' MaxResults range), got ${String(pageSize)}`);
  }
  return { ...DEFAULT_OPTIONS, ...input, throttle };
}
