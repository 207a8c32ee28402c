/**
 * The shapes the identity store keeps: users, groups, memberships and SCIM tokens, as AWS holds
 * them (SCIM attribute names; the Identity Store API maps its PascalCase names onto these).
 */
export interface UserName {
  formatted?: string;
  familyName: string;
  givenName: string;
  middleName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
}

export interface MultiValue {
  value?: string;
  type?: string;
  primary?: boolean;
}

export interface Address {
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  type?: string;
  primary?: boolean;
}

export interface EnterpriseUser {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: { value?: string; $ref?: string };
}

export interface StoredUser {
  id: string;
  userName: string;
  externalId?: string;
  name: UserName;
  displayName: string;
  nickName?: string;
  profileUrl?: string;
  title?: string;
  userType?: string;
  preferredLanguage?: string;
  locale?: string;
  timezone?: string;
  active: boolean;
  emails: MultiValue[];
  addresses: Address[];
  phoneNumbers: MultiValue[];
  roles: MultiValue[];
  enterprise?: EnterpriseUser;
  created: Date;
  lastModified: Date;
}

export interface StoredGroup {
  id: string;
  displayName: string;
  externalId?: string;
  description?: string;
  created: Date;
  lastModified: Date;
}

export interface Membership {
  membershipId: string;
  groupId: string;
  userId: string;
}

export interface ScimToken {
  tokenId: string;
  /** The bearer secret. Never logged; the state dump shows only its id and dates. */
  secret: string;
  createdAt: Date;
  expiresAt: Date;
}

/** What a caller supplies for a user: everything but the server-managed fields. */
export type UserFields = Omit<StoredUser, 'id' | 'created' | 'lastModified'>;
export type GroupFields = Omit<StoredGroup, 'id' | 'created' | 'lastModified'>;

export type UniqueAttribute = 'userName' | 'email' | 'externalId' | 'displayName';

/** Stands in for every empty multi-valued attribute: frozen, so an accidental push throws instead of leaking into other users. */
const NONE: never[] = Object.freeze([]) as unknown as never[];
const shared = <T>(values: T[]): T[] => (values.length === 0 ? NONE : values);

/**
 * The user as stored: one object literal of a fixed shape, so V8 keeps it in fast mode (an
 * object spread of a parsed request body plus three more properties falls back to a dictionary,
 * ~400 bytes more per user), with optional attributes only when set and empty lists shared.
 */
export function storedUser(fields: UserFields, id: string, created: Date, lastModified: Date): StoredUser {
  const user: StoredUser = {
    id,
    userName: fields.userName,
    name: fields.name,
    displayName: fields.displayName,
    active: fields.active,
    emails: shared(fields.emails),
    addresses: shared(fields.addresses),
    phoneNumbers: shared(fields.phoneNumbers),
    roles: shared(fields.roles),
    created,
    lastModified,
  };
  for (const key of OPTIONAL_USER_FIELDS) if (fields[key] !== undefined) (user as unknown as Record<string, unknown>)[key] = fields[key];
  return user;
}

const OPTIONAL_USER_FIELDS = ['externalId', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone', 'enterprise'] as const satisfies readonly (keyof UserFields)[];

/** The email the email uniqueness rule applies to: the primary one, else the only one. */
export function primaryEmail(user: Pick<StoredUser, 'emails'>): string | undefined {
  return (user.emails.find((e) => e.primary) ?? user.emails[0])?.value;
}
