import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, SCHEMA_SCHEMA, USER_SCHEMA } from './urn';

/** Attribute definition shorthand: AWS's /Schemas advertise RFC 7643 attribute metadata. */
interface AttrSpec {
  type?: 'string' | 'boolean' | 'complex' | 'reference';
  multi?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable';
  uniqueness?: 'none' | 'server';
  sub?: Record<string, AttrSpec>;
}

function attributes(specs: Record<string, AttrSpec>): unknown[] {
  return Object.entries(specs).map(([name, s]) => ({
    name,
    type: s.type ?? (s.sub ? 'complex' : 'string'),
    multiValued: s.multi ?? false,
    description: '',
    required: s.required ?? false,
    ...(s.sub ? { subAttributes: attributes(s.sub) } : { caseExact: s.caseExact ?? false }),
    mutability: s.mutability ?? 'readWrite',
    returned: 'default',
    uniqueness: s.uniqueness ?? 'none',
  }));
}

const multi = (sub: Record<string, AttrSpec>): AttrSpec => ({ multi: true, sub });
const valueTypePrimary = { value: {}, type: {}, primary: { type: 'boolean' } } satisfies Record<string, AttrSpec>;

const USER_ATTRIBUTES: Record<string, AttrSpec> = {
  userName: { required: true, uniqueness: 'server' },
  name: {
    sub: { formatted: {}, familyName: { required: true }, givenName: { required: true }, middleName: {}, honorificPrefix: {}, honorificSuffix: {} },
  },
  // Required by CreateUser, yet AWS's schema says not required: kept as AWS publishes it.
  displayName: {},
  nickName: {},
  profileUrl: { type: 'reference' },
  title: {},
  userType: {},
  preferredLanguage: {},
  locale: {},
  timezone: {},
  active: { type: 'boolean' },
  emails: multi(valueTypePrimary),
  phoneNumbers: multi(valueTypePrimary),
  addresses: multi({
    formatted: {}, streetAddress: {}, locality: {}, region: {}, postalCode: {}, country: {}, type: {}, primary: { type: 'boolean' },
  }),
  roles: multi(valueTypePrimary),
  groups: { multi: true, mutability: 'readOnly', sub: { value: { mutability: 'readOnly' }, $ref: { type: 'reference', mutability: 'readOnly' } } },
};

const GROUP_ATTRIBUTES: Record<string, AttrSpec> = {
  displayName: { required: true, uniqueness: 'server' },
  members: multi({ value: { mutability: 'immutable' }, $ref: { type: 'reference', mutability: 'immutable' }, type: { mutability: 'immutable' } }),
};

const ENTERPRISE_ATTRIBUTES: Record<string, AttrSpec> = {
  employeeNumber: {},
  costCenter: {},
  organization: {},
  division: {},
  department: {},
  manager: { sub: { value: {}, $ref: { type: 'reference' } } },
};

function schema(id: string, name: string, specs: Record<string, AttrSpec>): Record<string, unknown> {
  return {
    id,
    name,
    description: `${name} schema`,
    schemas: [SCHEMA_SCHEMA],
    attributes: attributes(specs),
    meta: { resourceType: 'Schema', location: `/v2/Schemas/${id}` },
  };
}

export const SCHEMAS: ReadonlyArray<Record<string, unknown>> = [
  schema(USER_SCHEMA, 'User', USER_ATTRIBUTES),
  schema(GROUP_SCHEMA, 'Group', GROUP_ATTRIBUTES),
  schema(ENTERPRISE_USER_SCHEMA, 'EnterpriseUser', ENTERPRISE_ATTRIBUTES),
];
