import { http, type RequestHandler } from 'msw';
import type { EmulatorState, StoredGroup } from '../store';
import { NotFoundError, ScimError } from './errors';
import { matchShape, parseFilter } from './filter';
import { checkMemberOperationCount, checkMembersExist, readMemberValues } from './group-members';
import { parseGroup } from './group-parse';
import { planGroupPatch } from './group-patch';
import { listPage, readPageRequest } from './paging';
import { readPatchOperations } from './patch-ops';
import { renderGroup } from './render';
import { readJsonObject, scimEmpty, scimJson, scimRoute } from './route';
import { scimThrottle } from './throttle';

/** Filter shapes ListGroups accepts (DG:listgroups); the docs spell the pair's member side both ways. */
const GROUP_FILTERS = ['displayName', 'externalId', 'members.value', ['id', 'members'], ['id', 'member']] as const;

function existingGroup(state: EmulatorState, id: string): StoredGroup {
  const group = state.directory.getGroup(id);
  if (!group) throw new NotFoundError(`Group ${id} not found.`);
  return group;
}

/** A member filter naming a user that does not exist is a 404 in AWS, not an empty list. */
function memberMustExist(state: EmulatorState, userId: string): void {
  if (!state.directory.getUser(userId)) throw new NotFoundError(`Member ${userId} not found.`);
}

function* filteredGroups(state: EmulatorState, filter: string | null): Iterable<StoredGroup> {
  const dir = state.directory;
  if (filter === null) {
    yield* dir.groups.values();
    return;
  }
  const by = matchShape(parseFilter(filter), GROUP_FILTERS);
  if (by.has('displayName')) {
    const g = dir.findGroupByDisplayName(by.get('displayName')!);
    if (g) yield g;
  } else if (by.has('externalId')) {
    const g = dir.findGroupByExternalId(by.get('externalId')!);
    if (g) yield g;
  } else if (by.has('members.value')) {
    const userId = by.get('members.value')!;
    memberMustExist(state, userId);
    const groups = dir.groupsOfUser(userId).map((g) => dir.getGroup(g)!);
    yield* groups.sort((a, b) => dir.sequenceOf(a.id) - dir.sequenceOf(b.id));
  } else {
    const userId = by.get('members') ?? by.get('member')!;
    memberMustExist(state, userId);
    const groupId = by.get('id')!;
    const g = dir.getGroup(groupId);
    if (g && dir.isMember(groupId, userId)) yield g;
  }
}

export function groupHandlers(state: EmulatorState): RequestHandler[] {
  const base = '*/:tenant/scim/v2/Groups';
  const id = (params: Record<string, unknown>) => String(params.id);

  return [
    http.post(
      base,
      scimRoute(state, 'CreateGroup', 'write', async ({ request, requestId }) => {
        const body = await readJsonObject(request);
        const fields = parseGroup(body);
        const members = body.members === undefined ? [] : readMemberValues(body.members);
        checkMemberOperationCount(members.length);
        checkMembersExist(state, members);
        // Uniqueness and the quota before the membership throttle: a refused create spends none of it.
        state.directory.checkNewGroup(fields);
        if (!scimThrottle(state).admitMemberOperations(members.length)) throw new ScimError(429);
        const group = state.directory.createGroup(fields);
        for (const userId of members) state.directory.addMember(group.id, userId);
        return scimJson(renderGroup(group), 201, requestId);
      }),
    ),
    http.get(
      base,
      scimRoute(state, 'ListGroups', 'read', ({ url, requestId }) => {
        const filter = url.searchParams.get('filter');
        const page = readPageRequest(url);
        const body = listPage(filteredGroups(state, filter), page, filter, (g) => state.directory.sequenceOf(g.id), (g) =>
          renderGroup(g, true),
        );
        return scimJson(body, 200, requestId);
      }),
    ),
    http.get(
      `${base}/:id`,
      scimRoute(state, 'GetGroup', 'read', ({ params, requestId }) => scimJson(renderGroup(existingGroup(state, id(params))), 200, requestId)),
    ),
    http.patch(
      `${base}/:id`,
      scimRoute(state, 'PatchGroup', 'write', async ({ params, request, requestId }) => {
        const group = existingGroup(state, id(params));
        const plan = planGroupPatch(state, group, readPatchOperations(await readJsonObject(request), group.id));
        if (!scimThrottle(state).admitMemberOperations(plan.memberChanges.length)) throw new ScimError(429);
        // Uniqueness is checked before any membership changes, so a 409 leaves the group as it was.
        if (plan.fieldsChanged) state.directory.replaceGroup(group.id, plan.fields);
        for (const change of plan.memberChanges) {
          if (change.add) state.directory.addMember(group.id, change.userId);
          else state.directory.removeMember(group.id, change.userId);
        }
        if (!plan.fieldsChanged && plan.memberChanges.length > 0) state.directory.touchGroup(group.id);
        return scimEmpty(requestId);
      }),
    ),
    http.delete(
      `${base}/:id`,
      scimRoute(state, 'DeleteGroup', 'write', ({ params, requestId }) => {
        state.directory.deleteGroup(existingGroup(state, id(params)).id);
        return scimEmpty(requestId);
      }),
    ),
  ];
}
