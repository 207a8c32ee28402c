/**
 * Everything the emulator lets a test or `mock-aws` choose. Values marked [U] in
 * ../shared/reference/aws-behavior.md are here so tests can flip them; defaults follow that file.
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
  /** SCIM throttles per identity store (requests per second); `enabled: false` turns them off. */
  readonly throttle: { readonly enabled: boolean; readonly scimWritesPerSecond: number; readonly scimReadsPerSecond: number };
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
}

export const DEFAULT_OPTIONS: EmulatorOptions = {
  region: 'us-east-1',
  managementAccountId: '123456789012',
  scimTokenValidityDays: 365,
  throttle: { enabled: true, scimWritesPerSecond: 25, scimReadsPerSecond: 40 },
  userNameCaseInsensitive: true,
  displayNameCaseInsensitive: true,
  scimLegacyIds: true,
  scimEchoProfileUrl: false,
  asyncSettleMs: 0,
};

export type EmulatorOptionsInput = Partial<Omit<EmulatorOptions, 'throttle'>> & {
  readonly throttle?: Partial<EmulatorOptions['throttle']>;
};

export function resolveOptions(input: EmulatorOptionsInput = {}): EmulatorOptions {
  return { ...DEFAULT_OPTIONS, ...input, throttle: { ...DEFAULT_OPTIONS.throttle, ...input.throttle } };
}
