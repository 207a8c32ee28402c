/**
 * AWS Organizations state: the organization that owns the Identity Center instance, its root, its
 * organizational units and its accounts. The management account (EmulatorOptions.managementAccountId)
 * is always a member, at the root, as in AWS. Owned by the Organizations surface; SSO Admin reads it
 * through `SsoState.accounts` (assignments need an account in the organization).
 */
import type { Clock } from './clock';
import type { IdGenerator } from './ids';
import { OrganizationConflictError, OrganizationInputError, OrganizationNotFoundError } from './organization-errors';

export * from './organization-errors';

/** Account status in AWS's Account.Status (the State member adds lifecycle detail; see render). */
export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE'];

export interface StoredAccount {
  id: string;
  name: string;
  email: string;
  status: AccountStatus;
  /** The root or OU the account sits in. */
  parentId: string;
  joinedMethod: 'CREATED' | 'INVITED';
  joinedTimestamp: Date;
}

export interface StoredOrganizationalUnit {
  id: string;
  name: string;
  parentId: string;
}

export interface NewAccount {
  readonly name?: string;
  readonly email?: string;
  readonly status?: AccountStatus;
  /** @default the root */
  readonly parentId?: string;
}

/** Id forms from the Organizations API model (aws-behavior.md §6.2). */
export const ORGANIZATION_PATTERNS = {
  accountId: /^\d{12}$/,
  rootId: /^r-[0-9a-z]{4,32}$/,
  organizationalUnitId: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/,
} as const;

export interface OrganizationStateInit {
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly managementAccountId: string;
}

export class OrganizationState {
  organizationId: string;
  rootId: string;
  readonly accounts = new Map<string, StoredAccount>();
  readonly organizationalUnits = new Map<string, StoredOrganizationalUnit>();
  // Private fields stay out of the state dump and the state file (they enumerate own fields).
  readonly #ids: IdGenerator;
  readonly #clock: Clock;
  readonly #managementAccountId: string;
  readonly #registry: AccountRegistry;

  constructor(init: OrganizationStateInit) {
    this.#ids = init.ids;
    this.#clock = init.clock;
    this.#managementAccountId = init.managementAccountId;
    this.organizationId = `o-${init.ids.hex(10)}`;
    this.rootId = `r-${init.ids.hex(4)}`;
    this.#registry = new AccountRegistry(this);
    this.reset();
  }

  get managementAccountId(): string {
    return this.#managementAccountId;
  }

  /** The account registry as a Set of ids (what `POST /_fake/accounts` and SSO Admin see). */
  get registry(): AccountRegistry {
    return this.#registry;
  }

  /** Back to an organization holding only the management account; ids are kept. */
  reset(): void {
    this.accounts.clear();
    this.organizationalUnits.clear();
    this.addAccount(this.#managementAccountId, { name: 'Management', email: `management+${this.#managementAccountId}@example.com` });
    this.accounts.get(this.#managementAccountId)!.joinedMethod = 'CREATED';
  }

  // ---- ARNs: arn:aws:organizations::<management account>:<type>/<o-id>[/<id>]
  get organizationArn(): string {
    return `${this.arnPrefix()}:organization/${this.organizationId}`;
  }

  rootArn(): string {
    return `${this.arnPrefix()}:root/${this.organizationId}/${this.rootId}`;
  }

  organizationalUnitArn(id: string): string {
    return `${this.arnPrefix()}:ou/${this.organizationId}/${id}`;
  }

  accountArn(id: string): string {
    return `${this.arnPrefix()}:account/${this.organizationId}/${id}`;
  }

  // ---- lookups
  /** True for the root and for every OU: the things accounts and OUs can sit in. */
  isParent(id: string): boolean {
    return id === this.rootId || this.organizationalUnits.has(id);
  }

  requireParent(id: string): void {
    if (!this.isParent(id)) throw new OrganizationNotFoundError('PARENT', id);
  }

  requireAccount(id: string): StoredAccount {
    const account = this.accounts.get(id);
    if (!account) throw new OrganizationNotFoundError('ACCOUNT', id);
    return account;
  }

  requireOrganizationalUnit(id: string): StoredOrganizationalUnit {
    const ou = this.organizationalUnits.get(id);
    if (!ou) throw new OrganizationNotFoundError('ORGANIZATIONAL_UNIT', id);
    return ou;
  }

  accountsIn(parentId: string): StoredAccount[] {
    this.requireParent(parentId);
    return [...this.accounts.values()].filter((a) => a.parentId === parentId);
  }

  organizationalUnitsIn(parentId: string): StoredOrganizationalUnit[] {
    this.requireParent(parentId);
    return [...this.organizationalUnits.values()].filter((ou) => ou.parentId === parentId);
  }

  /** The root or OU that holds an account or OU (a child); the root has none. */
  parentOf(childId: string): string {
    const parent = this.accounts.get(childId)?.parentId ?? this.organizationalUnits.get(childId)?.parentId;
    if (parent === undefined) throw new OrganizationNotFoundError('CHILD', childId);
    return parent;
  }

  /** Accounts in a root or OU and in every OU below it, depth first in creation order. */
  descendantAccounts(parentId: string): StoredAccount[] {
    return [...this.accountsIn(parentId), ...this.organizationalUnitsIn(parentId).flatMap((ou) => this.descendantAccounts(ou.id))];
  }

  // ---- changes
  addAccount(id: string, init: NewAccount = {}): StoredAccount {
    if (!ORGANIZATION_PATTERNS.accountId.test(id)) throw new OrganizationInputError(`account id "${id}" is not 12 digits`);
    const parentId = init.parentId ?? this.rootId;
    this.requireParent(parentId);
    if (init.status !== undefined) requireStatus(init.status);
    const existing = this.accounts.get(id);
    if (existing) {
      // Registering again changes nothing but the details given (idempotent, as `POST /_fake/accounts` always was).
      Object.assign(existing, definedOnly({ name: init.name, email: init.email, status: init.status, parentId: init.parentId }));
      return existing;
    }
    const account: StoredAccount = {
      id,
      name: init.name ?? `Account ${id}`,
      email: init.email ?? `aws+${id}@example.com`,
      status: init.status ?? 'ACTIVE',
      parentId,
      joinedMethod: 'INVITED',
      joinedTimestamp: this.#clock.now(),
    };
    this.accounts.set(id, account);
    return account;
  }

  removeAccount(id: string): void {
    this.requireAccount(id);
    if (id === this.#managementAccountId) {
      throw new OrganizationConflictError('MANAGEMENT_ACCOUNT_CANNOT_LEAVE', `account ${id} is the management account; it cannot leave the organization`);
    }
    this.accounts.delete(id);
  }

  /** MoveAccount: source must be the account's current parent, destination a different root or OU. */
  moveAccount(id: string, destinationParentId: string, sourceParentId?: string): StoredAccount {
    const account = this.requireAccount(id);
    if (sourceParentId !== undefined && account.parentId !== sourceParentId) {
      throw new OrganizationConflictError('ACCOUNT_NOT_IN_SOURCE_PARENT', `account ${id} is in ${account.parentId}, not in ${sourceParentId}`);
    }
    this.requireParent(destinationParentId);
    if (account.parentId === destinationParentId) {
      throw new OrganizationConflictError('DUPLICATE_ACCOUNT', `account ${id} is already in ${destinationParentId}`);
    }
    account.parentId = destinationParentId;
    return account;
  }

  setStatus(id: string, status: AccountStatus): StoredAccount {
    requireStatus(status);
    const account = this.requireAccount(id);
    account.status = status;
    return account;
  }

  createOrganizationalUnit(parentId: string, name: string): StoredOrganizationalUnit {
    this.requireParent(parentId);
    if (name.length < 1 || name.length > 128) throw new OrganizationInputError(`OU name "${name}" must be 1 to 128 characters`);
    if (this.organizationalUnitsIn(parentId).some((ou) => ou.name === name)) {
      throw new OrganizationConflictError('DUPLICATE_ORGANIZATIONAL_UNIT', `${parentId} already has an OU named "${name}"`);
    }
    const ou: StoredOrganizationalUnit = { id: `ou-${this.rootId.slice(2)}-${this.#ids.hex(8)}`, name, parentId };
    this.organizationalUnits.set(ou.id, ou);
    return ou;
  }

  deleteOrganizationalUnit(id: string): void {
    this.requireOrganizationalUnit(id);
    if (this.accountsIn(id).length > 0 || this.organizationalUnitsIn(id).length > 0) {
      throw new OrganizationConflictError('ORGANIZATIONAL_UNIT_NOT_EMPTY', `OU ${id} still holds accounts or OUs; move or delete them first`);
    }
    this.organizationalUnits.delete(id);
  }

  private arnPrefix(): string {
    return `arn:aws:organizations::${this.#managementAccountId}`;
  }
}

/**
 * The organization's accounts seen as a Set of ids, so code written against the account registry
 * the emulator had before the organization (`state.sso.accounts.add(id)`) keeps working: `add`
 * puts an ACTIVE account at the root, `delete` removes it from the organization.
 */
export class AccountRegistry implements Iterable<string> {
  readonly #organization: OrganizationState;

  constructor(organization: OrganizationState) {
    this.#organization = organization;
  }

  add(id: string): this {
    this.#organization.addAccount(id);
    return this;
  }

  has(id: string): boolean {
    return this.#organization.accounts.has(id);
  }

  /** False when the account is not in the organization; the management account cannot be removed. */
  delete(id: string): boolean {
    if (!this.has(id)) return false;
    this.#organization.removeAccount(id);
    return true;
  }

  get size(): number {
    return this.#organization.accounts.size;
  }

  /** The account's status, for SSO Admin: assignments in suspended accounts fail. */
  statusOf(id: string): AccountStatus | undefined {
    return this.#organization.accounts.get(id)?.status;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.#organization.accounts.keys();
  }
}

function requireStatus(status: string): asserts status is AccountStatus {
  if (!ACCOUNT_STATUSES.includes(status as AccountStatus)) {
    throw new OrganizationInputError(`account status "${status}" is not one of ${ACCOUNT_STATUSES.join(', ')}`);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
