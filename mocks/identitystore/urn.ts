import type { EmulatorState } from '../store';

/** Identity Store (2020-06-15) protocol constants (aws-behavior.md §3.3, §3.5). */
export const TARGET_PREFIX = 'AWSIdentityStore';

const UUID = '[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}';

export const PATTERNS = {
  identityStoreId: `d-[0-9a-f]{10}|${UUID.toLowerCase()}`,
  resourceId: `([0-9a-f]{10}-|)${UUID}`,
  nextToken: '[-a-zA-Z0-9+=/:_]*',
  attributePath: '\\p{L}+(?:\\.\\p{L}+){0,2}',
  /** SensitiveStringType: most user and group attributes. */
  sensitiveString: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0\\u3000]+',
  /** UserName: no whitespace at all. */
  userName: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
  groupDisplayName: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0]+',
} as const;

/** Names Identity Center keeps for itself, for users and groups alike (M-IDS CreateUser/CreateGroup docs). */
export const RESERVED_NAMES = ['Administrator', 'AWSAdministrators'] as const;

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.some((r) => r.toLowerCase() === name.toLowerCase());
}

/** The only unique attributes GetGroupId/GetUserId accept, compared case-insensitively (clients send PascalCase). */
export const GROUP_UNIQUE_PATHS = ['displayname'] as const;
export const USER_UNIQUE_PATHS = ['username', 'emails.value'] as const;
/** The deprecated ListGroups/ListUsers filter paths. */
export const GROUP_FILTER_PATHS = ['displayname'] as const;
export const USER_FILTER_PATHS = ['username'] as const;

export const RESOURCE_TYPES = ['GROUP', 'USER', 'IDENTITY_STORE', 'GROUP_MEMBERSHIP'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const CONFLICT_REASONS = { unique: 'UNIQUENESS_CONSTRAINT_VIOLATION', concurrent: 'CONCURRENT_MODIFICATION' } as const;

/**
 * Issuer of the ExternalIds of SCIM-provisioned objects. Public fixtures show
 * `https://scim.aws.com/<opaque>`; the tail is unpublished, so the emulator uses its SCIM tenant id.
 */
export function scimIssuer(state: EmulatorState): string {
  return `https://scim.aws.com/${state.tenantId}`;
}
