import type { StoredGroup, StoredUser } from '../store';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './urn';

/** ISO-8601 with seconds precision, as AWS's `meta` dates. */
function isoSeconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface RenderOptions {
  /** [U] AWS's documented responses drop profileUrl. */
  readonly echoProfileUrl: boolean;
}

/** The user's writable attributes in request shape (the base a PATCH is applied to). */
export function userAttributes(user: StoredUser): Record<string, unknown> {
  const out: Record<string, unknown> = {
    schemas: user.enterprise ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
    userName: user.userName,
  };
  if (user.externalId !== undefined) out.externalId = user.externalId;
  out.name = { ...user.name };
  out.displayName = user.displayName;
  for (const key of ['nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'] as const) {
    if (user[key] !== undefined) out[key] = user[key];
  }
  out.active = user.active;
  if (user.emails.length) out.emails = user.emails.map((e) => ({ ...e }));
  if (user.addresses.length) out.addresses = user.addresses.map((a) => ({ ...a }));
  if (user.phoneNumbers.length) out.phoneNumbers = user.phoneNumbers.map((ph) => ({ ...ph }));
  if (user.roles.length) out.roles = user.roles.map((r) => ({ ...r }));
  if (user.enterprise) {
    out[ENTERPRISE_USER_SCHEMA] = { ...user.enterprise, ...(user.enterprise.manager && { manager: { ...user.enterprise.manager } }) };
  }
  return out;
}

/** A user as AWS returns it: absent attributes omitted (never null), no meta.location/version. */
export function renderUser(user: StoredUser, options: RenderOptions): Record<string, unknown> {
  const attrs = userAttributes(user);
  if (!options.echoProfileUrl) delete attrs.profileUrl;
  const { schemas, externalId, ...rest } = attrs;
  return {
    id: user.id,
    ...(externalId !== undefined && { externalId }),
    meta: { resourceType: 'User', created: isoSeconds(user.created), lastModified: isoSeconds(user.lastModified) },
    schemas,
    ...rest,
  };
}

/**
 * A group as AWS returns it. Members are never readable: GetGroup omits the key, ListGroups
 * shows an empty list (`inList`).
 */
export function renderGroup(group: StoredGroup, inList = false): Record<string, unknown> {
  return {
    id: group.id,
    meta: { resourceType: 'Group', created: isoSeconds(group.created), lastModified: isoSeconds(group.lastModified) },
    schemas: [GROUP_SCHEMA],
    displayName: group.displayName,
    ...(group.externalId !== undefined && { externalId: group.externalId }),
    ...(inList && { members: [] }),
  };
}
