import { http, type RequestHandler } from 'msw';
import type { EmulatorState, StoredUser } from '../store';
import { NotFoundError, ValidationError } from './errors';
import { matchShape, parseFilter } from './filter';
import { listPage, readPageRequest } from './paging';
import { readPatchOperations } from './patch-ops';
import { renderUser, userAttributes } from './render';
import { readJsonObject, scimEmpty, scimJson, scimRoute } from './route';
import { applyUserPatch } from './user-patch';
import { parseUser } from './user-parse';
import { ENTERPRISE_USER_SCHEMA } from './urn';

/** Filter shapes ListUsers accepts (DG:listusers). */
const USER_FILTERS = ['userName', 'externalId', 'groups.value', 'id', ['id', 'manager']] as const;

function existingUser(state: EmulatorState, id: string): StoredUser {
  const user = state.directory.getUser(id);
  if (!user) throw new NotFoundError(`User ${id} not found.`);
  return user;
}

/** Users matching a ListUsers filter, in creation order. */
function* filteredUsers(state: EmulatorState, filter: string | null): Iterable<StoredUser> {
  const dir = state.directory;
  if (filter === null) {
    yield* dir.users.values();
    return;
  }
  const by = matchShape(parseFilter(filter), USER_FILTERS);
  const one = (u: StoredUser | undefined) => (u ? [u] : []);
  if (by.has('userName')) yield* one(dir.findUserByUserName(by.get('userName')!));
  else if (by.has('externalId')) yield* one(dir.findUserByExternalId(by.get('externalId')!));
  else if (by.has('groups.value')) {
    const members = dir.membersOfGroup(by.get('groups.value')!).map((m) => dir.getUser(m.userId)!);
    yield* members.sort((a, b) => dir.sequenceOf(a.id) - dir.sequenceOf(b.id));
  } else {
    const user = dir.getUser(by.get('id')!);
    if (user && (!by.has('manager') || user.enterprise?.manager?.value === by.get('manager'))) yield user;
  }
}

export function userHandlers(state: EmulatorState): RequestHandler[] {
  const base = '*/:tenant/scim/v2/Users';
  const render = (user: StoredUser) => renderUser(user, { echoProfileUrl: state.options.scimEchoProfileUrl });
  const id = (params: Record<string, unknown>) => String(params.id);

  return [
    http.post(
      base,
      scimRoute(state, 'CreateUser', 'write', async ({ request, requestId }) => {
        const fields = parseUser(await readJsonObject(request), { requirePrimaryEmail: true });
        return scimJson(render(state.directory.createUser(fields)), 201, requestId);
      }),
    ),
    http.get(
      base,
      scimRoute(state, 'ListUsers', 'read', ({ url, requestId }) => {
        const filter = url.searchParams.get('filter');
        const page = readPageRequest(url);
        const body = listPage(filteredUsers(state, filter), page, filter, (u) => state.directory.sequenceOf(u.id), render);
        return scimJson(body, 200, requestId);
      }),
    ),
    http.get(
      `${base}/:id`,
      scimRoute(state, 'GetUser', 'read', ({ params, requestId }) => scimJson(render(existingUser(state, id(params))), 200, requestId)),
    ),
    http.put(
      `${base}/:id`,
      scimRoute(state, 'PutUser', 'write', async ({ params, request, requestId }) => {
        const userId = id(params);
        existingUser(state, userId);
        const body = await readJsonObject(request);
        if (body.id !== undefined && body.id !== userId) throw new ValidationError('The id in the body does not match the id in the path.');
        const fields = parseUser(body, { requirePrimaryEmail: true });
        // [U] PutUser: the docs example answers 201; clients accept any 2xx.
        return scimJson(render(state.directory.replaceUser(userId, fields)), 201, requestId);
      }),
    ),
    http.patch(
      `${base}/:id`,
      scimRoute(state, 'PatchUser', 'write', async ({ params, request, requestId }) => {
        const user = existingUser(state, id(params));
        const ops = readPatchOperations(await readJsonObject(request), user.id);
        const patched = applyUserPatch(userAttributes(user), ops);
        if (patched[ENTERPRISE_USER_SCHEMA] !== undefined && Object.keys(patched[ENTERPRISE_USER_SCHEMA] as object).length === 0) {
          delete patched[ENTERPRISE_USER_SCHEMA];
        }
        const fields = parseUser(patched, { requirePrimaryEmail: false });
        return scimJson(render(state.directory.replaceUser(user.id, fields)), 200, requestId);
      }),
    ),
    http.delete(
      `${base}/:id`,
      scimRoute(state, 'DeleteUser', 'write', ({ params, requestId }) => {
        state.directory.deleteUser(existingUser(state, id(params)).id);
        return scimEmpty(requestId);
      }),
    ),
  ];
}
