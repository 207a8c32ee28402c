import { isObject } from './attributes';
import { ValidationError } from './errors';
import { parsePath, type PatchOperation } from './patch-ops';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './urn';

/** Attributes AWS lets PatchUser change (DG:patchuser). */
const PATCHABLE = new Set([
  'userName', 'active', 'externalId', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale',
  'timezone', 'name', ENTERPRISE_USER_SCHEMA, 'emails', 'addresses', 'phoneNumbers',
]);
const MULTI_VALUED = new Set(['emails', 'addresses', 'phoneNumbers']);
const COMPLEX = new Set(['name', ENTERPRISE_USER_SCHEMA]);

/**
 * Applies PatchUser operations to a copy of the user's attributes (request shape); the caller
 * validates the result as a whole, so a failing operation leaves the stored user untouched.
 */
export function applyUserPatch(current: Record<string, unknown>, ops: PatchOperation[]): Record<string, unknown> {
  const user = structuredClone(current);
  for (const attr of ['userName', 'active']) {
    const touching = ops.filter((o) => o.path !== undefined && parsePath(o.path, ENTERPRISE_USER_SCHEMA).attribute === attr);
    if (touching.length > 1) throw new ValidationError(`Multiple PATCH operations on ${attr} are not supported.`);
    if (touching.some((o) => o.op === 'remove')) throw new ValidationError(`The ${attr} attribute cannot be removed.`);
  }
  for (const op of ops) applyOne(user, op);
  user.schemas = user[ENTERPRISE_USER_SCHEMA] !== undefined ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA];
  return user;
}

function applyOne(user: Record<string, unknown>, op: PatchOperation): void {
  const path = parsePath(op.path!, ENTERPRISE_USER_SCHEMA);
  if (!PATCHABLE.has(path.attribute)) throw new ValidationError(`Attribute ${path.attribute} cannot be changed with PATCH.`);
  const value = path.attribute === 'active' && !path.sub ? coerceBoolean(op.value) : op.value;
  if (MULTI_VALUED.has(path.attribute)) return applyMulti(user, path.attribute, path, op.op, value);
  if (path.filter) throw new ValidationError(`Value filters apply only to multi-valued attributes, not ${path.attribute}.`);
  if (COMPLEX.has(path.attribute)) return applyComplex(user, path.attribute, path.sub, op.op, value);
  if (path.sub) throw new ValidationError(`Attribute ${path.attribute} has no sub-attribute ${path.sub}.`);
  if (op.op === 'remove') delete user[path.attribute];
  else user[path.attribute] = value;
}

/** The docs' own example sends `"value": "false"`; Entra sends "False". */
function coerceBoolean(value: unknown): unknown {
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}

function applyComplex(user: Record<string, unknown>, attr: string, sub: string | undefined, op: string, value: unknown): void {
  const existing = isObject(user[attr]) ? (user[attr] as Record<string, unknown>) : undefined;
  if (sub) {
    const [head, tail] = sub.split('.', 2);
    const target: Record<string, unknown> = existing ?? {};
    if (tail !== undefined) {
      // manager.value / manager.$ref inside the enterprise extension
      const inner: Record<string, unknown> = isObject(target[head]) ? (target[head] as Record<string, unknown>) : {};
      if (op === 'remove') delete inner[tail];
      else inner[tail] = value;
      target[head] = inner;
    } else if (op === 'remove') {
      delete target[head];
    } else {
      target[head] = value;
    }
    user[attr] = target;
    return;
  }
  if (op === 'remove') {
    delete user[attr];
    return;
  }
  if (!isObject(value)) throw new ValidationError(`value for ${attr} must be an object.`);
  // RFC 7644 §3.5.2: sub-attributes not named in value stay as they were.
  user[attr] = { ...(existing ?? {}), ...value };
}

function applyMulti(
  user: Record<string, unknown>,
  attr: string,
  path: ReturnType<typeof parsePath>,
  op: string,
  value: unknown,
): void {
  const list = Array.isArray(user[attr]) ? (user[attr] as Array<Record<string, unknown>>) : [];
  if (!path.filter && !path.sub) {
    if (op === 'remove') delete user[attr];
    else {
      const items = Array.isArray(value) ? value : [value];
      user[attr] = op === 'add' ? [...list, ...items] : items;
    }
    return;
  }
  const f = path.filter;
  const matches = list.filter((item) => !f || String(item[f.attribute]) === f.value);
  if (op === 'remove') {
    if (path.sub) for (const item of matches) delete item[path.sub];
    else user[attr] = list.filter((item) => !matches.includes(item));
    if ((user[attr] as unknown[]).length === 0) delete user[attr];
    return;
  }
  if (matches.length === 0) {
    const created: Record<string, unknown> = f ? { [f.attribute]: f.value } : {};
    if (path.sub) created[path.sub] = value;
    else if (isObject(value)) Object.assign(created, value);
    else throw new ValidationError(`value for ${attr} must be an object.`);
    user[attr] = [...list, created];
    return;
  }
  for (const item of matches) {
    if (path.sub) item[path.sub] = value;
    else if (isObject(value)) Object.assign(item, value);
    else throw new ValidationError(`value for ${attr} must be an object.`);
  }
}
