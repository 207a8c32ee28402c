/**
 * The identity store: users, groups and memberships as AWS keeps them. SCIM, the Identity Store
 * API, the ACS and the portal all read and write this one directory, so an id created over SCIM is
 * the same id Identity Store and SSO Admin see.
 *
 * Owned by the SCIM surface; other surfaces use the query/mutation methods, never the maps
 * (writing the maps directly would bypass the uniqueness indexes).
 */
import { Clock, SystemClock } from './clock';
import { IdGenerator, randomIds } from './ids';
import { ScimTokens } from './tokens';

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

/** A write would break one of AWS's uniqueness rules (SCIM 409, Identity Store ConflictException). */
export class DirectoryConflictError extends Error {
  constructor(
    readonly resource: 'USER' | 'GROUP',
    readonly attribute: UniqueAttribute,
  ) {
    super(`a ${resource.toLowerCase()} with this ${attribute} already exists`);
    this.name = 'DirectoryConflictError';
  }
}

/** The user or group named in a write does not exist. */
export class DirectoryNotFoundError extends Error {
  constructor(
    readonly resource: 'USER' | 'GROUP',
    readonly id: string,
  ) {
    super(`${resource} ${id} not found`);
    this.name = 'DirectoryNotFoundError';
  }
}

export interface DirectoryDeps {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Resource ids are `<prefix>-<uuid>` (AWS's legacy form: the store id without `d-`); '' gives plain UUIDs. */
  readonly idPrefix?: string;
  /** [U] AWS advertises userName caseExact:false. @default true */
  readonly userNameCaseInsensitive?: boolean;
  /** [U] Group displayName uniqueness/filtering ignores case. @default true */
  readonly displayNameCaseInsensitive?: boolean;
  /** SCIM token validity in days. @default 365 */
  readonly tokenValidityDays?: number;
}

/** A unique index over one attribute; keys are normalised by the index's own rule. */
class UniqueIndex {
  private readonly byKey = new Map<string, string>();
  constructor(private readonly fold: boolean) {}
  key(value: string): string {
    return this.fold ? value.toLowerCase() : value;
  }
  get(value: string): string | undefined {
    return this.byKey.get(this.key(value));
  }
  /** True when `value` is free or already held by `ownerId`. */
  freeFor(value: string | undefined, ownerId?: string): boolean {
    if (value === undefined) return true;
    const holder = this.get(value);
    return holder === undefined || holder === ownerId;
  }
  set(value: string | undefined, id: string): void {
    if (value !== undefined) this.byKey.set(this.key(value), id);
  }
  delete(value: string | undefined): void {
    if (value !== undefined) this.byKey.delete(this.key(value));
  }
  clear(): void {
    this.byKey.clear();
  }
}

export function primaryEmail(user: Pick<StoredUser, 'emails'>): string | undefined {
  return (user.emails.find((e) => e.primary) ?? user.emails[0])?.value;
}

export class Directory {
  readonly users = new Map<string, StoredUser>();
  readonly groups = new Map<string, StoredGroup>();
  /** groupId -> (userId -> membership) */
  readonly memberships = new Map<string, Map<string, Membership>>();
  readonly tokens: Map<string, ScimToken>;
  readonly scimTokens: ScimTokens;

  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly idPrefix: string;
  /** Creation order, so cursors stay valid while others insert and delete. */
  private readonly seq = new Map<string, number>();
  private nextSeq = 1;
  private readonly userNames: UniqueIndex;
  private readonly emails = new UniqueIndex(true);
  private readonly userExternalIds = new UniqueIndex(false);
  private readonly displayNames: UniqueIndex;
  private readonly groupExternalIds = new UniqueIndex(false);

  constructor(deps: DirectoryDeps = {}) {
    this.clock = deps.clock ?? new SystemClock();
    this.ids = deps.ids ?? randomIds;
    this.idPrefix = deps.idPrefix ?? '';
    this.userNames = new UniqueIndex(deps.userNameCaseInsensitive ?? true);
    this.displayNames = new UniqueIndex(deps.displayNameCaseInsensitive ?? true);
    this.scimTokens = new ScimTokens(this.clock, deps.tokenValidityDays ?? 365);
    this.tokens = this.scimTokens.tokens;
  }

  reset(): void {
    this.users.clear();
    this.groups.clear();
    this.memberships.clear();
    this.tokens.clear();
    this.seq.clear();
    for (const index of [this.userNames, this.emails, this.userExternalIds, this.displayNames, this.groupExternalIds]) index.clear();
  }

  getUser(id: string): StoredUser | undefined {
    return this.users.get(id);
  }

  getGroup(id: string): StoredGroup | undefined {
    return this.groups.get(id);
  }

  /** Position in creation order (for cursor paging); 0 when unknown. */
  sequenceOf(id: string): number {
    return this.seq.get(id) ?? 0;
  }

  // ---- lookups by unique attribute -------------------------------------------------------

  findUserByUserName(userName: string): StoredUser | undefined {
    const id = this.userNames.get(userName);
    return id === undefined ? undefined : this.users.get(id);
  }

  findUserByEmail(email: string): StoredUser | undefined {
    const id = this.emails.get(email);
    return id === undefined ? undefined : this.users.get(id);
  }

  findUserByExternalId(externalId: string): StoredUser | undefined {
    const id = this.userExternalIds.get(externalId);
    return id === undefined ? undefined : this.users.get(id);
  }

  findGroupByDisplayName(displayName: string): StoredGroup | undefined {
    const id = this.displayNames.get(displayName);
    return id === undefined ? undefined : this.groups.get(id);
  }

  findGroupByExternalId(externalId: string): StoredGroup | undefined {
    const id = this.groupExternalIds.get(externalId);
    return id === undefined ? undefined : this.groups.get(id);
  }

  /** Whether two userNames collide under the configured case rule. */
  sameUserName(a: string, b: string): boolean {
    return this.userNames.key(a) === this.userNames.key(b);
  }

  sameDisplayName(a: string, b: string): boolean {
    return this.displayNames.key(a) === this.displayNames.key(b);
  }

  // ---- users -----------------------------------------------------------------------------

  createUser(fields: UserFields): StoredUser {
    this.checkUserUnique(fields);
    const now = this.clock.now();
    const user: StoredUser = { ...fields, id: this.newId(), created: now, lastModified: now };
    this.users.set(user.id, user);
    this.seq.set(user.id, this.nextSeq++);
    this.indexUser(user);
    return user;
  }

  /** Replaces every caller-supplied field (SCIM PUT, a validated PATCH, Identity Store UpdateUser). */
  replaceUser(id: string, fields: UserFields): StoredUser {
    const old = this.users.get(id);
    if (!old) throw new DirectoryNotFoundError('USER', id);
    this.checkUserUnique(fields, id);
    this.unindexUser(old);
    const user: StoredUser = { ...fields, id, created: old.created, lastModified: this.clock.now() };
    this.users.set(id, user);
    this.indexUser(user);
    return user;
  }

  deleteUser(id: string): void {
    const user = this.users.get(id);
    if (!user) throw new DirectoryNotFoundError('USER', id);
    this.unindexUser(user);
    this.users.delete(id);
    this.seq.delete(id);
    // AWS drops a deleted user's memberships; assignments naming the id stay (and stop working).
    for (const members of this.memberships.values()) members.delete(id);
  }

  // ---- groups ----------------------------------------------------------------------------

  createGroup(fields: GroupFields): StoredGroup {
    this.checkGroupUnique(fields);
    const now = this.clock.now();
    const group: StoredGroup = { ...fields, id: this.newId(), created: now, lastModified: now };
    this.groups.set(group.id, group);
    this.seq.set(group.id, this.nextSeq++);
    this.displayNames.set(group.displayName, group.id);
    this.groupExternalIds.set(group.externalId, group.id);
    return group;
  }

  replaceGroup(id: string, fields: GroupFields): StoredGroup {
    const old = this.groups.get(id);
    if (!old) throw new DirectoryNotFoundError('GROUP', id);
    this.checkGroupUnique(fields, id);
    this.displayNames.delete(old.displayName);
    this.groupExternalIds.delete(old.externalId);
    const group: StoredGroup = { ...fields, id, created: old.created, lastModified: this.clock.now() };
    this.groups.set(id, group);
    this.displayNames.set(group.displayName, id);
    this.groupExternalIds.set(group.externalId, id);
    return group;
  }

  deleteGroup(id: string): void {
    const group = this.groups.get(id);
    if (!group) throw new DirectoryNotFoundError('GROUP', id);
    this.displayNames.delete(group.displayName);
    this.groupExternalIds.delete(group.externalId);
    this.groups.delete(id);
    this.seq.delete(id);
    this.memberships.delete(id);
  }

  // ---- memberships -----------------------------------------------------------------------

  /** Adds a user to a group; adding an existing member returns the existing membership. */
  addMember(groupId: string, userId: string): Membership {
    if (!this.groups.has(groupId)) throw new DirectoryNotFoundError('GROUP', groupId);
    if (!this.users.has(userId)) throw new DirectoryNotFoundError('USER', userId);
    let members = this.memberships.get(groupId);
    if (!members) this.memberships.set(groupId, (members = new Map()));
    const existing = members.get(userId);
    if (existing) return existing;
    const membership: Membership = { membershipId: this.newId(), groupId, userId };
    members.set(userId, membership);
    return membership;
  }

  /** Removes a user from a group; true when there was a membership to remove. */
  removeMember(groupId: string, userId: string): boolean {
    if (!this.groups.has(groupId)) throw new DirectoryNotFoundError('GROUP', groupId);
    return this.memberships.get(groupId)?.delete(userId) ?? false;
  }

  isMember(groupId: string, userId: string): boolean {
    return this.memberships.get(groupId)?.has(userId) ?? false;
  }

  /** Bumps a group's lastModified (membership changes count as a modification). */
  touchGroup(groupId: string): void {
    const group = this.groups.get(groupId);
    if (group) group.lastModified = this.clock.now();
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

  // ---- state files -----------------------------------------------------------------------

  /** Re-adds a user exactly as saved (state-file load); uniqueness still applies. */
  restoreUser(user: StoredUser): void {
    this.checkUserUnique(user, user.id);
    this.users.set(user.id, user);
    this.seq.set(user.id, this.nextSeq++);
    this.indexUser(user);
  }

  restoreGroup(group: StoredGroup): void {
    this.checkGroupUnique(group, group.id);
    this.groups.set(group.id, group);
    this.seq.set(group.id, this.nextSeq++);
    this.displayNames.set(group.displayName, group.id);
    this.groupExternalIds.set(group.externalId, group.id);
  }

  restoreMembership(membership: Membership): void {
    if (!this.groups.has(membership.groupId)) throw new DirectoryNotFoundError('GROUP', membership.groupId);
    if (!this.users.has(membership.userId)) throw new DirectoryNotFoundError('USER', membership.userId);
    let members = this.memberships.get(membership.groupId);
    if (!members) this.memberships.set(membership.groupId, (members = new Map()));
    members.set(membership.userId, membership);
  }

  // ---- internals -------------------------------------------------------------------------

  private newId(): string {
    const uuid = this.ids.uuid();
    return this.idPrefix ? `${this.idPrefix}-${uuid}` : uuid;
  }

  private checkUserUnique(fields: UserFields, ownerId?: string): void {
    if (!this.userNames.freeFor(fields.userName, ownerId)) throw new DirectoryConflictError('USER', 'userName');
    if (!this.emails.freeFor(primaryEmail(fields), ownerId)) throw new DirectoryConflictError('USER', 'email');
    if (!this.userExternalIds.freeFor(fields.externalId, ownerId)) throw new DirectoryConflictError('USER', 'externalId');
  }

  private checkGroupUnique(fields: GroupFields, ownerId?: string): void {
    if (!this.displayNames.freeFor(fields.displayName, ownerId)) throw new DirectoryConflictError('GROUP', 'displayName');
    if (!this.groupExternalIds.freeFor(fields.externalId, ownerId)) throw new DirectoryConflictError('GROUP', 'externalId');
  }

  private indexUser(user: StoredUser): void {
    this.userNames.set(user.userName, user.id);
    this.emails.set(primaryEmail(user), user.id);
    this.userExternalIds.set(user.externalId, user.id);
  }

  private unindexUser(user: StoredUser): void {
    this.userNames.delete(user.userName);
    this.emails.delete(primaryEmail(user));
    this.userExternalIds.delete(user.externalId);
  }
}
