import type { JsonObject } from '../awsjson/handler';
import type { FieldSpec, Schema } from '../awsjson/validate';
import type { Address, MultiValue, StoredUser, UserFields } from '../store';
import { PATTERNS } from './urn';

/**
 * The Identity Store User shape (M-IDS) and its mapping to the shared directory. Input and stored
 * users meet in one "input form" (PascalCase, as CreateUser takes it), so UpdateUser can apply its
 * operations to the input form of the stored user and re-check the whole result.
 */

const SENSITIVE = { kind: 'string', min: 1, max: 1024, pattern: PATTERNS.sensitiveString } as const satisfies FieldSpec;
const PRIMARY = { kind: 'boolean' } as const satisfies FieldSpec;

export const NAME_FIELDS = {
  Formatted: SENSITIVE, FamilyName: SENSITIVE, GivenName: SENSITIVE,
  MiddleName: SENSITIVE, HonorificPrefix: SENSITIVE, HonorificSuffix: SENSITIVE,
} as const satisfies Schema;
export const EMAIL_FIELDS = { Value: SENSITIVE, Type: SENSITIVE, Primary: PRIMARY } as const satisfies Schema;
export const PHONE_FIELDS = EMAIL_FIELDS;
export const ADDRESS_FIELDS = {
  StreetAddress: SENSITIVE, Locality: SENSITIVE, Region: SENSITIVE, PostalCode: SENSITIVE,
  Country: SENSITIVE, Formatted: SENSITIVE, Type: SENSITIVE, Primary: PRIMARY,
} as const satisfies Schema;

/** Top-level string attributes, input name → StoredUser key. */
export const USER_STRINGS = {
  DisplayName: 'displayName', NickName: 'nickName', ProfileUrl: 'profileUrl', UserType: 'userType',
  Title: 'title', PreferredLanguage: 'preferredLanguage', Locale: 'locale', Timezone: 'timezone',
} as const satisfies Record<string, keyof StoredUser>;

/** Multi-valued attributes: at most one element each, as in SCIM. */
export const USER_LISTS = { Emails: EMAIL_FIELDS, Addresses: ADDRESS_FIELDS, PhoneNumbers: PHONE_FIELDS } as const;

const list = (fields: Schema): FieldSpec => ({ kind: 'list', min: 1, max: 1, item: { kind: 'structure', fields } });

/** The user members of CreateUserRequest (everything but IdentityStoreId). */
export const USER_SCHEMA: Schema = {
  UserName: { kind: 'string', min: 1, max: 128, pattern: PATTERNS.userName },
  Name: { kind: 'structure', fields: NAME_FIELDS },
  ...Object.fromEntries(Object.keys(USER_STRINGS).map((k) => [k, SENSITIVE])),
  Emails: list(EMAIL_FIELDS),
  Addresses: list(ADDRESS_FIELDS),
  PhoneNumbers: list(PHONE_FIELDS),
};

/**
 * What IAM Identity Center needs for a user although the model marks it optional: the console and
 * SCIM both refuse a user without these, and every surface shows them ([I] from SCIM/console).
 */
export const REQUIRED_USER_PATHS = ['UserName', 'DisplayName', 'Name.GivenName', 'Name.FamilyName'] as const;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** PascalCase input member → camelCase stored key (`PostalCode` → `postalCode`). */
function toStored(o: JsonObject, fields: Schema): Record<string, unknown> {
  return Object.fromEntries(Object.keys(fields).filter((k) => o[k] !== undefined && o[k] !== null).map((k) => [lowerFirst(k), o[k]]));
}

function toInput(o: object, fields: Schema): JsonObject {
  const source = o as Record<string, unknown>;
  return Object.fromEntries(Object.keys(fields).filter((k) => source[lowerFirst(k)] !== undefined).map((k) => [k, source[lowerFirst(k)]]));
}

/** A stored user in CreateUser's input form (SCIM-only attributes are kept aside by `toUserFields`). */
export function userInput(user: StoredUser): JsonObject {
  const out: JsonObject = { UserName: user.userName, Name: toInput(user.name, NAME_FIELDS) };
  for (const [input, key] of Object.entries(USER_STRINGS)) if (user[key] !== undefined) out[input] = user[key];
  if (user.emails.length) out.Emails = user.emails.map((e) => toInput(e, EMAIL_FIELDS));
  if (user.addresses.length) out.Addresses = user.addresses.map((a) => toInput(a, ADDRESS_FIELDS));
  if (user.phoneNumbers.length) out.PhoneNumbers = user.phoneNumbers.map((p) => toInput(p, PHONE_FIELDS));
  return out;
}

/**
 * A validated input-form user as directory fields. Attributes Identity Store cannot see or set
 * (SCIM externalId, active, roles, enterprise extension) come from `base`, so an UpdateUser keeps them.
 */
export function toUserFields(input: JsonObject, base?: StoredUser): UserFields {
  const items = (name: keyof typeof USER_LISTS) => ((input[name] as JsonObject[] | undefined) ?? []).map((o) => toStored(o, USER_LISTS[name]));
  const fields: UserFields = {
    userName: input.UserName as string,
    name: toStored(input.Name as JsonObject, NAME_FIELDS) as unknown as StoredUser['name'],
    displayName: input.DisplayName as string,
    active: base?.active ?? true,
    emails: items('Emails') as MultiValue[],
    addresses: items('Addresses') as Address[],
    phoneNumbers: items('PhoneNumbers') as MultiValue[],
    roles: base?.roles ?? [],
    ...(base?.externalId !== undefined && { externalId: base.externalId }),
    ...(base?.enterprise !== undefined && { enterprise: base.enterprise }),
  };
  for (const [inputName, key] of Object.entries(USER_STRINGS)) {
    if (key !== 'displayName' && typeof input[inputName] === 'string') (fields as unknown as Record<string, unknown>)[key] = input[inputName];
  }
  return fields;
}
