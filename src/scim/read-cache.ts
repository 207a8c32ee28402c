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
  private readonly users = new Map<string, Promise<ScimUser | undefined>>();
  private readonly groups = new Map<string, Promise<ScimGroup | undefined>>();
  private readonly members = new Map<string, Promise<string[] | undefined>>();
  /** Lookups by user name / display name, keyed lower case (AWS compares them ignoring case). */
  private readonly userNames = new Map<string, Promise<ScimUser | undefined>>();
  private readonly groupNames = new Map<string, Promise<ScimGroup | undefined>>();
  private userReads = 0;
  private groupReads = 0;
  private userNameReads = 0;
  private groupNameReads = 0;
  private userListing?: Promise<Listing<ScimUser>>;
  private groupListing?: Promise<Listing<ScimGroup>>;
  private readonly listAfter: number;

  constructor(
    private readonly client: ScimClient,
    options: ReadCacheOptions = {},
  ) {
    this.listAfter = options.listAfter ?? 5;
  }

  /** The user, or undefined when AWS no longer has it. */
  user(id: string): Promise<ScimUser | undefined> {
    let hit = this.users.get(id);
    if (!hit) {
      hit =
        this.userListing || ++this.userReads > this.listAfter
          ? this.listUsers().then((all) => all.byId.get(id))
          : orUndefined(this.client.getUser(id));
      this.users.set(id, hit);
    }
    return hit;
  }

  /** The group, or undefined when AWS no longer has it. */
  group(id: string): Promise<ScimGroup | undefined> {
    let hit = this.groups.get(id);
    if (!hit) {
      hit =
        this.groupListing || ++this.groupReads > this.listAfter
          ? this.listGroups().then((all) => all.byId.get(id))
          : orUndefined(this.client.getGroup(id));
      this.groups.set(id, hit);
    }
    return hit;
  }

  /** Ids of the group's members, or undefined when the group is gone. */
  membersOf(groupId: string): Promise<string[] | undefined> {
    let hit = this.members.get(groupId);
    if (!hit) {
      hit = this.client.usersInGroup(groupId).then(
        (users) => {
          for (const u of users) if (!this.users.has(u.id)) this.users.set(u.id, Promise.resolve(u));
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
    const k = userName.toLowerCase();
    let hit = this.userNames.get(k);
    if (!hit) {
      hit =
        this.userListing || ++this.userNameReads > this.listAfter
          ? this.listUsers().then((all) => all.byName.get(k))
          : this.client.findUserByUserName(userName);
      this.userNames.set(k, hit);
    }
    return hit;
  }

  /** The group with this display name (ignoring case), or undefined. */
  groupByName(displayName: string): Promise<ScimGroup | undefined> {
    const k = displayName.toLowerCase();
    let hit = this.groupNames.get(k);
    if (!hit) {
      hit =
        this.groupListing || ++this.groupNameReads > this.listAfter
          ? this.listGroups().then((all) => all.byName.get(k))
          : this.client.findGroupByDisplayName(displayName);
      this.groupNames.set(k, hit);
    }
    return hit;
  }

  forgetUserName(userName: string): void {
    this.userNames.delete(userName.toLowerCase());
    this.userListing = undefined;
  }

  forgetGroupName(displayName: string): void {
    this.groupNames.delete(displayName.toLowerCase());
    this.groupListing = undefined;
  }

  forgetUser(id: string): void {
    this.users.delete(id);
    this.userListing = undefined;
  }

  forgetGroup(id: string): void {
    this.groups.delete(id);
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
