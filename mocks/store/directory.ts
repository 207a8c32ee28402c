/**
 * The identity store: users, groups and memberships as AWS keeps them. SCIM, the Identity Store
 * API, the ACS and the portal all read and write this one directory, so an id created over SCIM is
 * the same id Identity Store and SSO Admin see.
 *
 * Owned by the SCIM surface; other surfaces use the query/mutation methods, never the maps.
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

export class Directory {
  readonly users = new Map<string, StoredUser>();
  readonly groups = new Map<string, StoredGroup>();
  /** groupId -> (userId -> membership) */
  readonly memberships = new Map<string, Map<string, Membership>>();
  readonly tokens = new Map<string, ScimToken>();

  reset(): void {
    this.users.clear();
    this.groups.clear();
    this.memberships.clear();
    this.tokens.clear();
  }

  getUser(id: string): StoredUser | undefined {
    return this.users.get(id);
  }

  getGroup(id: string): StoredGroup | undefined {
    return this.groups.get(id);
  }

  /** Group ids the user belongs to (no nesting in Identity Center). */
  groupsOfUser(userId: string): string[] {
    const out: string[] = [];
    for (const [groupId, members] of this.memberships) if (members.has(userId)) out.push(groupId);
    return out;
  }

  membersOfGroup(groupId: string): Membership[] {
    return [...(this.memberships.get(groupId)?.values() ?? [])];
  }

  /** A principal (user or group) by id, as SSO Admin checks assignments. */
  principalExists(type: 'USER' | 'GROUP', id: string): boolean {
    return type === 'USER' ? this.users.has(id) : this.groups.has(id);
  }
}
