/**
 * An organization's tree as plain JSON: what `mock-aws --org-file F` loads, `PUT /_fake/organization`
 * replaces and `GET /_fake/organization` returns. The top level is the root's contents:
 *
 *   {"accounts": ["111111111111", {"id": "222222222222", "name": "staging", "status": "SUSPENDED"}],
 *    "organizationalUnits": [{"name": "Workloads", "accounts": [...], "organizationalUnits": [...]}]}
 *
 * OU ids are issued by the emulator (AWS's form, `ou-<root>-<8>`); read them back from the result.
 */
import {
  ACCOUNT_STATUSES,
  ORGANIZATION_PATTERNS,
  type AccountStatus,
  type OrganizationState,
  type StoredAccount,
} from './organization';

export interface AccountSpec {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
  readonly status?: AccountStatus;
}

export interface OrganizationalUnitSpec {
  readonly name: string;
  readonly accounts: readonly AccountSpec[];
  readonly organizationalUnits: readonly OrganizationalUnitSpec[];
}

export interface OrganizationTreeSpec {
  readonly accounts: readonly AccountSpec[];
  readonly organizationalUnits: readonly OrganizationalUnitSpec[];
}

/** What a caller writes (the JSON of `--org-file`): accounts may be bare ids, lists may be left out. */
export interface OrganizationalUnitInput {
  readonly name: string;
  readonly accounts?: readonly (string | AccountSpec)[];
  readonly organizationalUnits?: readonly OrganizationalUnitInput[];
}

export interface OrganizationTreeInput {
  readonly accounts?: readonly (string | AccountSpec)[];
  readonly organizationalUnits?: readonly OrganizationalUnitInput[];
}

/** Every problem of a tree description at once, each with its JSON path. */
export class OrganizationTreeError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the organization description is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OrganizationTreeError';
  }
}

const ACCOUNT_FIELDS = ['id', 'name', 'email', 'status'];
const CONTAINER_FIELDS = ['accounts', 'organizationalUnits'];

/** Checks a parsed JSON value and returns the tree it describes, or throws listing every problem. */
export function parseOrganizationTree(value: unknown): OrganizationTreeSpec {
  const problems: string[] = [];
  const seen = new Set<string>();
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

  const account = (v: unknown, path: string): AccountSpec | undefined => {
    const spec = typeof v === 'string' ? { id: v } : v;
    if (!isObject(spec)) {
      problems.push(`${path}: expected an account id string or {"id", "name", "email", "status"}`);
      return undefined;
    }
    for (const key of Object.keys(spec)) if (!ACCOUNT_FIELDS.includes(key)) problems.push(`${path}: unknown field "${key}"; allowed: ${ACCOUNT_FIELDS.join(', ')}`);
    const { id, name, email, status } = spec;
    if (typeof id !== 'string' || !ORGANIZATION_PATTERNS.accountId.test(id)) {
      problems.push(`${path}.id: ${JSON.stringify(id)} is not a 12-digit account id`);
      return undefined;
    }
    if (seen.has(id)) problems.push(`${path}: account ${id} is listed twice; an account sits in exactly one place`);
    seen.add(id);
    if (name !== undefined && (typeof name !== 'string' || name.length < 1 || name.length > 50)) problems.push(`${path}.name: expected 1 to 50 characters`);
    if (email !== undefined && (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) problems.push(`${path}.email: expected an email address`);
    if (status !== undefined && !ACCOUNT_STATUSES.includes(status as AccountStatus)) problems.push(`${path}.status: expected one of ${ACCOUNT_STATUSES.join(', ')}`);
    return { id, ...(typeof name === 'string' && { name }), ...(typeof email === 'string' && { email }), ...(typeof status === 'string' && { status: status as AccountStatus }) };
  };

  const container = (v: Record<string, unknown>, path: string): Omit<OrganizationalUnitSpec, 'name'> => {
    const list = (key: string): unknown[] => {
      const items = v[key] ?? [];
      if (Array.isArray(items)) return items;
      problems.push(`${path}${key}: expected a list`);
      return [];
    };
    const accounts = list('accounts').map((a, i) => account(a, `${path}accounts[${i}]`)).filter((a): a is AccountSpec => a !== undefined);
    const names = new Set<string>();
    const organizationalUnits = list('organizationalUnits').flatMap((ou, i): OrganizationalUnitSpec[] => {
      const at = `${path}organizationalUnits[${i}]`;
      if (!isObject(ou)) {
        problems.push(`${at}: expected {"name", "accounts", "organizationalUnits"}`);
        return [];
      }
      for (const key of Object.keys(ou)) if (key !== 'name' && !CONTAINER_FIELDS.includes(key)) problems.push(`${at}: unknown field "${key}"; allowed: name, ${CONTAINER_FIELDS.join(', ')}`);
      if (typeof ou.name !== 'string' || ou.name.length < 1 || ou.name.length > 128) {
        problems.push(`${at}.name: expected 1 to 128 characters`);
        return [];
      }
      if (names.has(ou.name)) problems.push(`${at}.name: "${ou.name}" is used twice under the same parent; OU names are unique per parent`);
      names.add(ou.name);
      return [{ name: ou.name, ...container(ou, `${at}.`) }];
    });
    return { accounts, organizationalUnits };
  };

  if (!isObject(value)) throw new OrganizationTreeError(['expected a JSON object {"accounts": [...], "organizationalUnits": [...]}']);
  for (const key of Object.keys(value)) if (!CONTAINER_FIELDS.includes(key)) problems.push(`unknown field "${key}"; allowed: ${CONTAINER_FIELDS.join(', ')}`);
  const tree = container(value, '');
  if (problems.length > 0) throw new OrganizationTreeError(problems);
  return tree;
}

/**
 * Replaces the organization's OUs and member accounts with the tree (the management account stays,
 * at the root unless the tree places it). Ids of the organization and root are kept.
 */
export function applyOrganizationTree(organization: OrganizationState, tree: OrganizationTreeSpec): void {
  organization.reset();
  const place = (spec: OrganizationTreeSpec, parentId: string): void => {
    for (const a of spec.accounts) organization.addAccount(a.id, { ...a, parentId });
    for (const ou of spec.organizationalUnits) place(ou, organization.createOrganizationalUnit(parentId, ou.name).id);
  };
  place(tree, organization.rootId);
}

export interface RenderedAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: AccountStatus;
}

export interface RenderedContainer {
  readonly id: string;
  readonly name: string;
  readonly accounts: RenderedAccount[];
  readonly organizationalUnits: RenderedContainer[];
}

export interface RenderedOrganization {
  readonly organizationId: string;
  readonly arn: string;
  readonly managementAccountId: string;
  readonly root: RenderedContainer;
}

export function renderAccount(a: StoredAccount): RenderedAccount {
  return { id: a.id, name: a.name, email: a.email, status: a.status };
}

/** The whole tree, OU ids included (what a stack needs to target an OU). */
export function renderOrganizationTree(organization: OrganizationState): RenderedOrganization {
  const container = (id: string, name: string): RenderedContainer => ({
    id,
    name,
    accounts: organization.accountsIn(id).map(renderAccount),
    organizationalUnits: organization.organizationalUnitsIn(id).map((ou) => container(ou.id, ou.name)),
  });
  return {
    organizationId: organization.organizationId,
    arn: organization.organizationArn,
    managementAccountId: organization.managementAccountId,
    root: container(organization.rootId, 'Root'),
  };
}
