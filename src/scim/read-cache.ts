import type { ScimClient } from './client';
import { ScimNotFoundError } from './errors';
import { collect } from './paging';
import type { ScimGroup, ScimUser } from './types';

export interface ReadCacheOptions {
  /**
   * After this many single-object reads of one kind in a process, the next read lists them all
   * (cursor pages of 100) and serves the rest from that listing. A refresh of 1,000 users then
   * costs 5 + 10 requests instead of 1,000, while refreshing a handful never lists a directory
   * that may hold 200,000 users. Each probe read is a request the listing then repeats, so the
   * probe is kept short: at 1,000 users and 100 groups 10 probes made a refresh 1.18× the API's
   * minimum, 5 make it 1.09× (bench/terraform-scale.ts). Lookups by name (the plan-time checks of
   * new users and groups) follow the same rule with their own count, so planning 10,000 new users
   * lists the directory instead of sending 10,000 filtered queries. @default 5
   */
  readonly listAfter?: number;
}

/**
 * Coalesces SCIM reads within one provider process (one Terraform refresh walk): concurrent
 * reads of one object share a request, a group's member listing primes the user cache, and
 * bulk refreshes switch to paged listings. Writes must call `forget*` so a later read in the
 * same process sees them.
 *
 * Membership is read per group with `GET /Users?filter=groups.value eq "<group>"`: one paged
 * query per group (⌈members/100⌉ requests), which also sees members added outside Terraform,
 * and returns full users that seed the user cache. (Per-user `members.value` queries cost one
 * request per distinct member and cannot see additions by users outside the configuration.)
 */
export class ScimReadCache {
  private readonly users: Lookup<ScimUser>;
  private readonly groups: Lookup<ScimGroup>;
  private readonly members = new Map<string, Promise<string[] | undefined>>();
  /** Lookups by user name / display name, keyed lower case (AWS compares them ignoring case). */
  private readonly userNames: Lookup<ScimUser>;
  private readonly groupNames: Lookup<ScimGroup>;
  private userListing?: Promise<Listing<ScimUser>>;
  private groupListing?: Promise<Listing<ScimGroup>>;

  constructor(
    private readonly client: ScimClient,
    options: ReadCacheOptions = {},
  ) {
    const listAfter = options.listAfter ?? 5;
    const usersListed = () => this.userListing !== undefined;
    const groupsListed = () => this.groupListing !== undefined;
    this.users = new Lookup(listAfter, usersListed, (id) => this.listUsers().then((all) => all.byId.get(id)), (id) => orUndefined(client.getUser(id)));
    this.groups = new Lookup(listAfter, groupsListed, (id) => this.listGroups().then((all) => all.byId.get(id)), (id) => orUndefined(client.getGroup(id)));
    this.userNames = new Lookup(listAfter, usersListed, (k) => this.listUsers().then((all) => all.byName.get(k)), (_k, name) => client.findUserByUserName(name));
    this.groupNames = new Lookup(listAfter, groupsListed, (k) => this.listGroups().then((all) => all.byName.get(k)), (_k, name) => client.findGroupByDisplayName(name));
  }

  /** The user, or undefined when AWS no longer has it. */
  user(id: string): Promise<ScimUser | undefined> {
    return this.users.get(id);
  }

  /** The group, or undefined when AWS no longer has it. */
  group(id: string): Promise<ScimGroup | undefined> {
    return this.groups.get(id);
  }

  /** Ids of the group's members, or undefined when the group is gone. */
  membersOf(groupId: string): Promise<string[] | undefined> {
    let hit = this.members.get(groupId);
    if (!hit) {
      hit = this.client.usersInGroup(groupId).then(
        (users) => {
          for (const u of users) this.users.seed(u.id, u);
          return users.map((u) => u.id);
        },
        (err: unknown) => {
          if (err instanceof ScimNotFoundError) return undefined;
          throw err;
        },
      );
      this.members.set(groupId, hit);
    }
    return hit;
  }

  /** The user with this user name (ignoring case), or undefined; served from a listing when one was made. */
  userByName(userName: string): Promise<ScimUser | undefined> {
    return this.userNames.get(userName.toLowerCase(), userName);
  }

  /** The group with this display name (ignoring case), or undefined. */
  groupByName(displayName: string): Promise<ScimGroup | undefined> {
    return this.groupNames.get(displayName.toLowerCase(), displayName);
  }

  forgetUserName(userName: string): void {
    this.userNames.forget(userName.toLowerCase());
    this.userListing = undefined;
  }

  forgetGroupName(displayName: string): void {
    this.groupNames.forget(displayName.toLowerCase());
    this.groupListing = undefined;
  }

  forgetUser(id: string): void {
    this.users.forget(id);
    this.userListing = undefined;
  }

  forgetGroup(id: string): void {
    this.groups.forget(id);
    this.members.delete(id);
    this.groupListing = undefined;
  }

  /** After a user is deleted AWS drops its memberships: every cached member list may be stale. */
  forgetAllMembers(): void {
    this.members.clear();
  }

  private listUsers(): Promise<Listing<ScimUser>> {
    return (this.userListing ??= listing(this.client.listUsers(), (u) => u.userName));
  }

  private listGroups(): Promise<Listing<ScimGroup>> {
    return (this.groupListing ??= listing(this.client.listGroups(), (g) => g.displayName));
  }
}

/**
 * One kind of read (users by id, groups by display name, ...): one request per key in a process,
 * and past `listAfter` of them, or once a listing of the kind exists, answers from the listing.
 */
class Lookup<T> {
  private readonly hits = new Map<string, Promise<T | undefined>>();
  private reads = 0;

  constructor(
    private readonly listAfter: number,
    private readonly listed: () => boolean,
    private readonly fromListing: (key: string) => Promise<T | undefined>,
    /** The single read; `asGiven` is the value before it was made a key (a name as written). */
    private readonly single: (key: string, asGiven: string) => Promise<T | undefined>,
  ) {}

  get(key: string, asGiven = key): Promise<T | undefined> {
    let hit = this.hits.get(key);
    if (!hit) {
      hit = this.listed() || ++this.reads > this.listAfter ? this.fromListing(key) : this.single(key, asGiven);
      this.hits.set(key, hit);
    }
    return hit;
  }

  /** Keeps a value read some other way, unless one is cached already. */
  seed(key: string, value: T): void {
    if (!this.hits.has(key)) this.hits.set(key, Promise.resolve(value));
  }

  forget(key: string): void {
    this.hits.delete(key);
  }
}

/** Every user or group, by id and by name (lower case: AWS compares names ignoring case). */
interface Listing<T> {
  readonly byId: ReadonlyMap<string, T>;
  readonly byName: ReadonlyMap<string, T>;
}

async function listing<T extends { id: string }>(pages: AsyncIterable<readonly T[]>, nameOf: (x: T) => string): Promise<Listing<T>> {
  const all = await collect(pages);
  return { byId: new Map(all.map((x) => [x.id, x])), byName: new Map(all.map((x) => [nameOf(x).toLowerCase(), x])) };
}

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ScimNotFoundError) return undefined;
    throw err;
  }
}
