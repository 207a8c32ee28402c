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
   * minimum, 5 make it 1.09× (bench/terraform-scale.ts). @default 5
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
  private userReads = 0;
  private groupReads = 0;
  private userListing?: Promise<Map<string, ScimUser>>;
  private groupListing?: Promise<Map<string, ScimGroup>>;
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
      hit = this.userListing
        ? this.userListing.then((all) => all.get(id))
        : ++this.userReads > this.listAfter
          ? (this.userListing = this.listAll(this.client.listUsers())).then((all) => all.get(id))
          : orUndefined(this.client.getUser(id));
      this.users.set(id, hit);
    }
    return hit;
  }

  /** The group, or undefined when AWS no longer has it. */
  group(id: string): Promise<ScimGroup | undefined> {
    let hit = this.groups.get(id);
    if (!hit) {
      hit = this.groupListing
        ? this.groupListing.then((all) => all.get(id))
        : ++this.groupReads > this.listAfter
          ? (this.groupListing = this.listAll(this.client.listGroups())).then((all) => all.get(id))
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

  private async listAll<T extends { id: string }>(pages: AsyncIterable<readonly T[]>): Promise<Map<string, T>> {
    return new Map((await collect(pages)).map((x) => [x.id, x]));
  }
}

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ScimNotFoundError) return undefined;
    throw err;
  }
}
