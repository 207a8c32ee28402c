/**
 * The identity store: users, groups and memberships as AWS keeps them. SCIM, the Identity Store
 * API, the ACS and the portal all read and write this one directory, so an id created over SCIM is
 * the same id Identity Store and SSO Admin see.
 *
 * Owned by the SCIM surface; other surfaces use the query/mutation methods, never the maps
 * (writing the maps directly would bypass the uniqueness indexes and the quotas). The shapes live
 * in directory-model.ts, the refusals in directory-errors.ts, the uniqueness rules in
 * unique-index.ts; this file is the facade every surface calls.
 */
import { Clock, SystemClock } from './clock';
import { DirectoryNotFoundError, DirectoryQuotaError, type DirectoryResource } from './directory-errors';
import { storedUser, type GroupFields, type Membership, type ScimToken, type StoredGroup, type StoredUser, type UserFields } from './directory-model';
import { IdGenerator, randomIds } from './ids';
import { ScimTokens } from './tokens';
import { GroupIndexes, UserIndexes } from './unique-index';

export * from './directory-errors';
export * from './directory-model';

/** AWS's current per-store quotas (UG:limits; both adjustable, hence options). */
export const DEFAULT_USERS_PER_IDENTITY_STORE = 200_000;
export const DEFAULT_GROUPS_PER_IDENTITY_STORE = 100_000;

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
  /** Users the store may hold. @default 200000 */
  readonly usersPerIdentityStore?: number;
  /** Groups the store may hold. @default 100000 */
  readonly groupsPerIdentityStore?: number;
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
  private readonly userIndexes: UserIndexes;
  private readonly groupIndexes: GroupIndexes;
  private readonly quotas: Readonly<Record<DirectoryResource, number>>;

  constructor(deps: DirectoryDeps = {}) {
    this.clock = deps.clock ?? new SystemClock();
    this.ids = deps.ids ?? randomIds;
    this.idPrefix = deps.idPrefix ?? '';
    this.userIndexes = new UserIndexes(deps.userNameCaseInsensitive ?? true);
    this.groupIndexes = new GroupIndexes(deps.displayNameCaseInsensitive ?? true);
    this.quotas = {
      USER: deps.usersPerIdentityStore ?? DEFAULT_USERS_PER_IDENTITY_STORE,
      GROUP: deps.groupsPerIdentityStore ?? DEFAULT_GROUPS_PER_IDENTITY_STORE,
    };
    this.scimTokens = new ScimTokens(this.clock, deps.tokenValidityDays ?? 365);
    this.tokens = this.scimTokens.tokens;
  }

  reset(): void {
    this.users.clear();
    this.groups.clear();
    this.memberships.clear();
    this.tokens.clear();
    this.seq.clear();
    this.userIndexes.clear();
    this.groupIndexes.clear();
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
    const id = this.userIndexes.userNames.get(userName);
    return id === undefined ? undefined : this.users.get(id);
  }

  findUserByEmail(email: string): StoredUser | undefined {
    const id = this.userIndexes.emails.get(email);
    return id === undefined ? undefined : this.users.get(id);
  }

  findUserByExternalId(externalId: string): StoredUser | undefined {
    const id = this.userIndexes.externalIds.get(externalId);
    return id === undefined ? undefined : this.users.get(id);
  }

  findGroupByDisplayName(displayName: string): StoredGroup | undefined {
    const id = this.groupIndexes.displayNames.get(displayName);
    return id === undefined ? undefined : this.groups.get(id);
  }

  findGroupByExternalId(externalId: string): StoredGroup | undefined {
    const id = this.groupIndexes.externalIds.get(externalId);
    return id === undefined ? undefined : this.groups.get(id);
  }

  /** Whether two userNames collide under the configured case rule. */
  sameUserName(a: string, b: string): boolean {
    return this.userIndexes.userNames.key(a) === this.userIndexes.userNames.key(b);
  }

  sameDisplayName(a: string, b: string): boolean {
    return this.groupIndexes.displayNames.key(a) === this.groupIndexes.displayNames.key(b);
  }

  // ---- users -----------------------------------------------------------------------------

  /**
   * Throws what createUser would refuse `fields` for (uniqueness first, then the quota) without
   * storing anything, so a surface can check before it spends a throttle budget.
   */
  checkNewUser(fields: UserFields): void {
    this.userIndexes.check(fields);
    this.checkRoom('USER', this.users.size);
  }

  createUser(fields: UserFields): StoredUser {
    this.checkNewUser(fields);
    const now = this.clock.now();
    const user = storedUser(fields, this.newId(), now, now);
    this.users.set(user.id, user);
    this.seq.set(user.id, this.nextSeq++);
    this.userIndexes.add(user);
    return user;
  }

  /** Replaces every caller-supplied field (SCIM PUT, a validated PATCH, Identity Store UpdateUser). */
  replaceUser(id: string, fields: UserFields): StoredUser {
    const old = this.users.get(id);
    if (!old) throw new DirectoryNotFoundError('USER', id);
    this.userIndexes.check(fields, id);
    this.userIndexes.remove(old);
    const user = storedUser(fields, id, old.created, this.clock.now());
    this.users.set(id, user);
    this.userIndexes.add(user);
    return user;
  }

  deleteUser(id: string): void {
    const user = this.users.get(id);
    if (!user) throw new DirectoryNotFoundError('USER', id);
    this.userIndexes.remove(user);
    this.users.delete(id);
    this.seq.delete(id);
    // AWS drops a deleted user's memberships; assignments naming the id stay (and stop working).
    for (const members of this.memberships.values()) members.delete(id);
  }

  // ---- groups ----------------------------------------------------------------------------

  /** Throws what createGroup would refuse `fields` for, storing nothing (see checkNewUser). */
  checkNewGroup(fields: GroupFields): void {
    this.groupIndexes.check(fields);
    this.checkRoom('GROUP', this.groups.size);
  }

  createGroup(fields: GroupFields): StoredGroup {
    this.checkNewGroup(fields);
    const now = this.clock.now();
    const group: StoredGroup = { ...fields, id: this.newId(), created: now, lastModified: now };
    this.groups.set(group.id, group);
    this.seq.set(group.id, this.nextSeq++);
    this.groupIndexes.add(group);
    return group;
  }

  replaceGroup(id: string, fields: GroupFields): StoredGroup {
    const old = this.groups.get(id);
    if (!old) throw new DirectoryNotFoundError('GROUP', id);
    this.groupIndexes.check(fields, id);
    this.groupIndexes.remove(old);
    const group: StoredGroup = { ...fields, id, created: old.created, lastModified: this.clock.now() };
    this.groups.set(id, group);
    this.groupIndexes.add(group);
    return group;
  }

  deleteGroup(id: string): void {
    const group = this.groups.get(id);
    if (!group) throw new DirectoryNotFoundError('GROUP', id);
    this.groupIndexes.remove(group);
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

  /** Re-adds a user exactly as saved (state-file load); uniqueness and the quota still apply. */
  restoreUser(user: StoredUser): void {
    this.userIndexes.check(user, user.id);
    this.checkRoom('USER', this.users.size);
    this.users.set(user.id, user);
    this.seq.set(user.id, this.nextSeq++);
    this.userIndexes.add(user);
  }

  restoreGroup(group: StoredGroup): void {
    this.groupIndexes.check(group, group.id);
    this.checkRoom('GROUP', this.groups.size);
    this.groups.set(group.id, group);
    this.seq.set(group.id, this.nextSeq++);
    this.groupIndexes.add(group);
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
    // One flat string: crypto.randomUUID() and template literals hand back trees of string
    // pieces that V8 keeps as they are (about 490 bytes for 36 characters), and ids live as long
    // as the object they name, in several maps.
    return Buffer.from(this.idPrefix ? `${this.idPrefix}-${uuid}` : uuid, 'latin1').toString('latin1');
  }

  private checkRoom(resource: DirectoryResource, held: number): void {
    if (held >= this.quotas[resource]) throw new DirectoryQuotaError(resource, this.quotas[resource]);
  }
}
