import { ScimConflictError, ScimError, ScimNotFoundError } from './errors';
import { GroupFilter, UserFilter } from './filter';
import { memberPatchBatches, type MemberChanges } from './members';
import { collect, pages } from './paging';
import { ScimTransport, type ScimTransportOptions } from './transport';
import type { GroupInput, PatchOperation, ScimGroup, ScimUser, ServiceProviderConfig, UserInput } from './types';
import { MAX_MEMBER_OPERATIONS, SCHEMA } from './urn';

export type ScimClientOptions = ScimTransportOptions;

/** A group create that got as far as AWS but whose member patches failed; the group was left in place. */
export class GroupCreatePartiallyAppliedError extends ScimError {
  override readonly name = 'GroupCreatePartiallyAppliedError';
  constructor(
    readonly groupId: string,
    readonly cause: Error,
  ) {
    super(`group ${groupId} was created but adding its members failed (${cause.message}); it was left in AWS: apply again to replace it, or delete or import it`, (cause as ScimError).request ?? { method: 'PATCH', path: `/Groups/${groupId}` });
  }
}

const seg = (id: string): string => encodeURIComponent(id);

/** The AWS IAM Identity Center SCIM API, typed. */
export class ScimClient {
  readonly transport: ScimTransport;

  constructor(options: ScimClientOptions) {
    this.transport = new ScimTransport(options);
  }

  get endpoint(): string {
    return this.transport.base.href;
  }

  // ---- discovery -------------------------------------------------------------------------

  async serviceProviderConfig(): Promise<ServiceProviderConfig> {
    const res = await this.transport.send<ServiceProviderConfig>({ api: 'ServiceProviderConfig', kind: 'read', method: 'GET', path: '/ServiceProviderConfig' });
    return res.body ?? {};
  }

  // ---- users -----------------------------------------------------------------------------

  /**
   * POST /Users. If an earlier attempt may have been applied (5xx/reset) and AWS now says 409,
   * the user is looked up by userName and returned: our own first attempt created it.
   */
  async createUser(input: UserInput): Promise<ScimUser> {
    try {
      const res = await this.transport.send<ScimUser>({ api: 'CreateUser', kind: 'write', method: 'POST', path: '/Users', body: userBody(input) });
      return res.body ?? (await this.requireUserByUserName(input.userName));
    } catch (err) {
      if (err instanceof ScimConflictError && err.afterAmbiguousAttempt) {
        const existing = await this.findUserByUserName(input.userName);
        if (existing && sameUser(existing, input)) return existing;
      }
      throw err;
    }
  }

  async getUser(id: string): Promise<ScimUser> {
    const res = await this.transport.send<ScimUser>({ api: 'GetUser', kind: 'read', method: 'GET', path: `/Users/${seg(id)}` });
    return res.body as ScimUser;
  }

  /** PUT /Users/{id}: full replace (AWS answers 200 or 201). */
  async replaceUser(id: string, input: UserInput): Promise<ScimUser> {
    const res = await this.transport.send<ScimUser>({ api: 'PutUser', kind: 'write', method: 'PUT', path: `/Users/${seg(id)}`, body: { ...userBody(input), id } });
    return res.body ?? (await this.getUser(id));
  }

  async patchUser(id: string, operations: readonly PatchOperation[]): Promise<ScimUser> {
    const res = await this.transport.send<ScimUser>({ api: 'PatchUser', kind: 'write', method: 'PATCH', path: `/Users/${seg(id)}`, body: patchBody(operations) });
    return res.body ?? (await this.getUser(id));
  }

  /** Returns false when the user did not exist (AWS 404). */
  async deleteUser(id: string): Promise<boolean> {
    return this.delete('DeleteUser', `/Users/${seg(id)}`);
  }

  listUsers(filter?: ReturnType<(typeof UserFilter)[keyof typeof UserFilter]>): AsyncGenerator<readonly ScimUser[]> {
    return pages<ScimUser>(this.transport, 'ListUsers', 'Users', filter);
  }

  async findUserByUserName(userName: string): Promise<ScimUser | undefined> {
    return (await collect(this.listUsers(UserFilter.userName(userName))))[0];
  }

  /** Users in a group, paged: one query per group instead of one per membership. */
  async usersInGroup(groupId: string): Promise<ScimUser[]> {
    return collect(this.listUsers(UserFilter.inGroup(groupId)));
  }

  // ---- groups ----------------------------------------------------------------------------

  /**
   * POST /Groups with up to 100 members, then PATCHes of ≤ 100 for the rest. If a member patch
   * fails the group is deleted again, so a failed create leaves nothing behind.
   */
  async createGroup(input: GroupInput): Promise<ScimGroup> {
    const members = [...new Set(input.members ?? [])];
    const first = members.slice(0, MAX_MEMBER_OPERATIONS);
    const rest = members.slice(MAX_MEMBER_OPERATIONS);
    const body: Record<string, unknown> = { schemas: [SCHEMA.group], displayName: input.displayName };
    if (input.externalId !== undefined) body.externalId = input.externalId;
    if (first.length > 0) body.members = first.map((value) => ({ value }));
    let group: ScimGroup;
    try {
      const res = await this.transport.send<ScimGroup>({ api: 'CreateGroup', kind: 'write', method: 'POST', path: '/Groups', body });
      group = res.body ?? (await this.requireGroupByDisplayName(input.displayName));
    } catch (err) {
      if (err instanceof ScimConflictError && err.afterAmbiguousAttempt) {
        // Our earlier attempt created it only if it carries our externalId: a group without one (or
        // ours without one) may be someone else's, created while our attempt stalled.
        const existing = await this.findGroupByDisplayName(input.displayName);
        if (existing && input.externalId !== undefined && input.externalId !== '' && existing.externalId === input.externalId) {
          try {
            await this.changeMembers(existing.id, { add: members });
          } catch (topUp) {
            // The group is ours and exists: hand its id back so it is tracked, not orphaned.
            throw new GroupCreatePartiallyAppliedError(existing.id, topUp as Error);
          }
          return existing;
        }
      }
      throw err;
    }
    if (rest.length > 0) {
      try {
        await this.changeMembers(group.id, { add: rest });
      } catch (err) {
        try {
          await this.deleteGroup(group.id);
        } catch {
          throw new GroupCreatePartiallyAppliedError(group.id, err as Error);
        }
        throw err;
      }
    }
    return group;
  }

  async getGroup(id: string): Promise<ScimGroup> {
    const res = await this.transport.send<ScimGroup>({ api: 'GetGroup', kind: 'read', method: 'GET', path: `/Groups/${seg(id)}` });
    return res.body as ScimGroup;
  }

  /** PATCH /Groups/{id} (AWS answers 204). */
  async patchGroup(id: string, operations: readonly PatchOperation[]): Promise<void> {
    await this.transport.send({ api: 'PatchGroup', kind: 'write', method: 'PATCH', path: `/Groups/${seg(id)}`, body: patchBody(operations) });
  }

  /**
   * Rename and/or change externalId in one PATCH, each op with a path (AWS rejects a path-less
   * op touching more than one attribute). `externalId: null` removes it.
   */
  async updateGroup(id: string, change: { displayName?: string; externalId?: string | null }): Promise<void> {
    const ops: PatchOperation[] = [];
    if (change.displayName !== undefined) ops.push({ op: 'replace', path: 'displayName', value: change.displayName });
    if (change.externalId === null) ops.push({ op: 'remove', path: 'externalId' });
    else if (change.externalId !== undefined) ops.push({ op: 'replace', path: 'externalId', value: change.externalId });
    if (ops.length > 0) await this.patchGroup(id, ops);
  }

  /** Member adds and removes in as few PATCHes as AWS's 100-values-per-request limit allows. */
  async changeMembers(id: string, changes: MemberChanges): Promise<number> {
    const batches = memberPatchBatches(changes);
    for (const ops of batches) await this.patchGroup(id, ops);
    return batches.length;
  }

  async deleteGroup(id: string): Promise<boolean> {
    return this.delete('DeleteGroup', `/Groups/${seg(id)}`);
  }

  listGroups(filter?: ReturnType<(typeof GroupFilter)[keyof typeof GroupFilter]>): AsyncGenerator<readonly ScimGroup[]> {
    return pages<ScimGroup>(this.transport, 'ListGroups', 'Groups', filter);
  }

  async findGroupByDisplayName(displayName: string): Promise<ScimGroup | undefined> {
    return (await collect(this.listGroups(GroupFilter.displayName(displayName))))[0];
  }

  /**
   * Ids of the groups a user belongs to (AWS never returns members on a group). Undefined when
   * the user does not exist: AWS answers a member filter on an unknown user with 404.
   */
  async groupsOfUser(userId: string): Promise<string[] | undefined> {
    try {
      return (await collect(this.listGroups(GroupFilter.withMember(userId)))).map((g) => g.id);
    } catch (err) {
      if (err instanceof ScimNotFoundError) return undefined;
      throw err;
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  private async delete(api: string, path: string): Promise<boolean> {
    try {
      await this.transport.send({ api, kind: 'write', method: 'DELETE', path });
      return true;
    } catch (err) {
      if (err instanceof ScimNotFoundError) return false;
      throw err;
    }
  }

  private async requireUserByUserName(userName: string): Promise<ScimUser> {
    const user = await this.findUserByUserName(userName);
    if (!user) throw new ScimError(`POST /Users: AWS returned no user and none named ${userName} can be found`, { method: 'POST', path: '/Users' });
    return user;
  }

  private async requireGroupByDisplayName(displayName: string): Promise<ScimGroup> {
    const group = await this.findGroupByDisplayName(displayName);
    if (!group) throw new ScimError(`POST /Groups: AWS returned no group and none named ${displayName} can be found`, { method: 'POST', path: '/Groups' });
    return group;
  }
}

function userBody(input: UserInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    schemas: [SCHEMA.user],
    userName: input.userName,
    name: input.name,
    displayName: input.displayName,
    active: input.active ?? true,
  };
  if (input.externalId !== undefined) body.externalId = input.externalId;
  if (input.emails && input.emails.length > 0) body.emails = input.emails;
  return body;
}

function patchBody(operations: readonly PatchOperation[]): Record<string, unknown> {
  return { schemas: [SCHEMA.patchOp], Operations: operations };
}

/**
 * Whether the user AWS holds is the one our ambiguous attempt created: every attribute we sent
 * must match, not just the unique keys, or a 409 on someone else's user would adopt it (and a
 * later destroy would delete it).
 */
function sameUser(existing: ScimUser, input: UserInput): boolean {
  const email = (u: UserInput) => (u.emails?.find((e) => e.primary) ?? u.emails?.[0])?.value.toLowerCase();
  return (
    existing.userName.toLowerCase() === input.userName.toLowerCase() &&
    (existing.externalId ?? undefined) === (input.externalId ?? undefined) &&
    existing.displayName === input.displayName &&
    existing.name?.givenName === input.name.givenName &&
    existing.name?.familyName === input.name.familyName &&
    email(existing) === email(input) &&
    existing.active === (input.active ?? true)
  );
}
