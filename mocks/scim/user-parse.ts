import type { Address, EnterpriseUser, MultiValue, UserFields, UserName } from '../store';
import { isObject, onlyKeys, Problems, requireSchemas, EXTERNAL_ID_PATTERN, USER_NAME_PATTERN } from './attributes';
import { ValidationError } from './errors';
import { ENTERPRISE_USER_SCHEMA, RESERVED_NAMES, USER_SCHEMA } from './urn';

const TOP_LEVEL = [
  'schemas', 'id', 'meta', 'externalId', 'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType',
  'preferredLanguage', 'locale', 'timezone', 'active', 'emails', 'addresses', 'phoneNumbers', 'roles', ENTERPRISE_USER_SCHEMA,
] as const;
/** Standard SCIM attributes AWS documents as unsupported, with the reason it gives. */
const UNSUPPORTED: Record<string, string> = {
  password: 'Attribute password is not supported.',
  ims: 'Attribute ims is not supported.',
  photos: 'Attribute photos is not supported.',
  x509Certificates: 'Attribute x509Certificates is not supported.',
  entitlements: 'Attribute entitlements is not supported.',
  groups: 'The groups field cannot be specified with the createUser request.',
};
const NAME_KEYS = ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'] as const;
const ADDRESS_KEYS = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type', 'primary'] as const;
const ENTERPRISE_KEYS = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'] as const;
const SIMPLE_STRINGS = ['nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'] as const;

export interface UserParseMode {
  /** Create and PUT insist the one email is `primary: true`; a PATCH that edits an email does not. */
  readonly requirePrimaryEmail: boolean;
}

/** Validates a SCIM User body (create, PUT, or a PATCH result) into directory fields. */
export function parseUser(body: Record<string, unknown>, mode: UserParseMode): UserFields {
  for (const key of Object.keys(body)) if (UNSUPPORTED[key]) throw new ValidationError(UNSUPPORTED[key]);
  onlyKeys('', body, TOP_LEVEL);
  requireSchemas(body, USER_SCHEMA, [USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);

  const p = new Problems();
  const userName = p.string('userName', body.userName, { required: true, max: 128, pattern: USER_NAME_PATTERN });
  if (userName && RESERVED_NAMES.some((r) => r.toLowerCase() === userName.toLowerCase())) {
    throw new ValidationError(`userName ${userName} is reserved by IAM Identity Center; choose another userName.`);
  }
  const name = parseName(p, body.name);
  const displayName = p.string('displayName', body.displayName, { required: true });
  const externalId = p.string('externalId', body.externalId, { max: 256, pattern: EXTERNAL_ID_PATTERN });
  const active = p.boolean('active', body.active);
  const fields: Partial<UserFields> = {};
  for (const key of SIMPLE_STRINGS) {
    const value = p.string(key, body[key]);
    if (value !== undefined) fields[key] = value;
  }
  const emails = multiValue(p, 'emails', body.emails, ['value', 'type', 'primary']) as MultiValue[];
  const phoneNumbers = multiValue(p, 'phoneNumbers', body.phoneNumbers, ['value', 'type', 'primary']) as MultiValue[];
  const roles = multiValue(p, 'roles', body.roles, ['value', 'type', 'primary']) as MultiValue[];
  const addresses = multiValue(p, 'addresses', body.addresses, ADDRESS_KEYS) as Address[];
  if (emails[0] && emails[0].value === undefined) p.add('emails.value', 'Member must not be null');
  if (phoneNumbers[0] && phoneNumbers[0].value === undefined) p.add('phoneNumbers.value', 'Member must not be null');
  const enterprise = parseEnterprise(p, body[ENTERPRISE_USER_SCHEMA]);
  p.throwIfAny();
  if (mode.requirePrimaryEmail && emails[0] && emails[0].primary !== true) {
    throw new ValidationError('The emails attribute value must be marked as primary.');
  }
  return {
    userName: userName!,
    ...(externalId !== undefined && { externalId }),
    name: name!,
    displayName: displayName!,
    ...fields,
    active: active ?? true,
    emails,
    addresses,
    phoneNumbers,
    roles,
    ...(enterprise && { enterprise }),
  };
}

function parseName(p: Problems, value: unknown): UserName | undefined {
  if (value === undefined || value === null) {
    p.add('name.givenName', 'Member must not be null');
    p.add('name.familyName', 'Member must not be null');
    return undefined;
  }
  if (!isObject(value)) throw new ValidationError('name must be an object.');
  onlyKeys('name', value, NAME_KEYS);
  const out: Partial<UserName> = {};
  for (const key of NAME_KEYS) {
    const v = p.string(`name.${key}`, value[key], { required: key === 'givenName' || key === 'familyName' });
    if (v !== undefined) out[key] = v;
  }
  return out as UserName;
}

/** AWS keeps every multi-valued attribute to a single element. */
function multiValue(p: Problems, attr: string, value: unknown, keys: readonly string[]): Array<Record<string, unknown>> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ValidationError(`${attr} must be a list.`);
  if (value.length > 1) throw new ValidationError(`List attribute ${attr} exceeds allowed limit of 1`);
  return value.map((item) => {
    if (!isObject(item)) throw new ValidationError(`${attr} elements must be objects.`);
    onlyKeys(attr, item, keys);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const v = key === 'primary' ? p.boolean(`${attr}.primary`, item[key]) : p.string(`${attr}.${key}`, item[key]);
      if (v !== undefined) out[key] = v;
    }
    return out;
  });
}

function parseEnterprise(p: Problems, value: unknown): EnterpriseUser | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new ValidationError(`${ENTERPRISE_USER_SCHEMA} must be an object.`);
  onlyKeys(ENTERPRISE_USER_SCHEMA, value, ENTERPRISE_KEYS);
  const out: EnterpriseUser = {};
  for (const key of ENTERPRISE_KEYS) {
    if (key === 'manager') continue;
    const v = p.string(`${ENTERPRISE_USER_SCHEMA}:${key}`, value[key]);
    if (v !== undefined) out[key] = v;
  }
  const manager = value.manager;
  if (manager !== undefined && manager !== null) {
    if (!isObject(manager)) throw new ValidationError('manager must be an object.');
    onlyKeys(`${ENTERPRISE_USER_SCHEMA}:manager`, manager, ['value', '$ref']);
    const m: { value?: string; $ref?: string } = {};
    const v = p.string('manager.value', manager.value);
    const ref = p.string('manager.$ref', manager.$ref);
    if (v !== undefined) m.value = v;
    if (ref !== undefined) m.$ref = ref;
    out.manager = m;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
