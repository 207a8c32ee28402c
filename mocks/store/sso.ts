/**
 * SSO Admin state: the Identity Center instance, permission sets, account assignments and
 * asynchronous request statuses. The AWS accounts assignments may target are the organization's
 * (mocks/store/organization.ts), seen here as `accounts`.
 *
 * Owned by the SSO Admin surface. Asynchronous requests change nothing until they settle:
 * callers run `settleDue` before reading (the SSO Admin handlers do it on every call), so an
 * assignment appears only once its creation request has SUCCEEDED, as in AWS.
 */

import type { AccountRegistry, OrganizationState } from './organization';

export interface CustomerManagedPolicyReference {
  Name: string;
  Path: string;
}

export interface PermissionsBoundary {
  ManagedPolicyArn?: string;
  CustomerManagedPolicyReference?: CustomerManagedPolicyReference;
}

export interface StoredPermissionSet {
  arn: string;
  name: string;
  description?: string;
  sessionDuration: string;
  relayState?: string;
  createdDate: Date;
  managedPolicies: Map<string, { Name: string; Arn: string }>;
  /** Keyed by `path + name`. */
  customerManagedPolicies: Map<string, CustomerManagedPolicyReference>;
  inlinePolicy?: string;
  permissionsBoundary?: PermissionsBoundary;
  tags: Map<string, string>;
  /** Accounts this permission set is provisioned to, with whether the latest version is there. */
  provisionedTo: Map<string, { latest: boolean }>;
}

export type PrincipalType = 'USER' | 'GROUP';

export interface StoredAssignment {
  accountId: string;
  permissionSetArn: string;
  principalType: PrincipalType;
  principalId: string;
}

export type AsyncStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

/** What an asynchronous request does when it settles. */
export type AsyncWork =
  | { readonly kind: 'assignment-create'; readonly assignment: StoredAssignment }
  | { readonly kind: 'assignment-delete'; readonly assignment: StoredAssignment }
  /** `accountId` undefined = ALL_PROVISIONED_ACCOUNTS. */
  | { readonly kind: 'provision'; readonly permissionSetArn: string; readonly accountId?: string };

export interface AsyncRequest {
  requestId: string;
  status: AsyncStatus;
  failureReason?: string;
  createdDate: Date;
  /** When the request leaves IN_PROGRESS (epoch ms). */
  settlesAt: number;
  work: AsyncWork;
}

/**
 * FailureReason texts of settled requests. The first is observed from AWS (aws-behavior.md §3.4);
 * the texts for an unknown principal and an account outside the organization are not published
 * ([U]) and follow AWS's "Received a 404 status error: …" form.
 */
export const FAILURE_REASONS = {
  internal: 'An unexpected internal service exception was encountered',
  principalNotFound: (type: PrincipalType, id: string) =>
    `Received a 404 status error: ${type === 'USER' ? 'User' : 'Group'} ${id} not found in the identity store.`,
  accountNotInOrganization: (accountId: string) =>
    `Received a 404 status error: AWS account ${accountId} is not a member of the organization.`,
  permissionSetNotFound: (arn: string) => `Received a 404 status error: Permission set ${arn} not found.`,
  /** Observed for suspended and pending-closure accounts (aws-behavior.md §6.5). */
  accountNotActive: (accountId: string) =>
    `AWS SSO is unable to complete your request at this time. Obtaining permissions to manage your AWS account '${accountId}' takes longer than usual. Please try again in a few minutes. If this problem continues, contact AWS Support.`,
} as const;

/** What settling needs to know about the rest of the emulator. */
export interface PrincipalLookup {
  principalExists(type: PrincipalType, id: string): boolean;
}

export function sameAssignment(a: StoredAssignment, b: StoredAssignment): boolean {
  return (
    a.accountId === b.accountId &&
    a.permissionSetArn === b.permissionSetArn &&
    a.principalType === b.principalType &&
    a.principalId === b.principalId
  );
}

export class SsoState {
  readonly permissionSets = new Map<string, StoredPermissionSet>();
  readonly assignments: StoredAssignment[] = [];
  readonly requests = new Map<string, AsyncRequest>();
  // Private, so the organization is not dumped or saved a second time as part of this section.
  readonly #organization: OrganizationState;

  constructor(organization: OrganizationState) {
    this.#organization = organization;
  }

  /** The organization's accounts (a Set of ids); `add` registers one at the root. */
  get accounts(): AccountRegistry {
    return this.#organization.registry;
  }

  /** Clears what SSO Admin owns; the organization is reset by its owner. */
  reset(): void {
    this.permissionSets.clear();
    this.assignments.length = 0;
    this.requests.clear();
  }

  /** Assignments that grant access to a principal directly (used by the portal and access views). */
  assignmentsFor(principalType: PrincipalType, principalId: string): StoredAssignment[] {
    return this.assignments.filter((a) => a.principalType === principalType && a.principalId === principalId);
  }

  findAssignment(wanted: StoredAssignment): StoredAssignment | undefined {
    return this.assignments.find((a) => sameAssignment(a, wanted));
  }

  /** Requests still IN_PROGRESS that will create or delete this assignment. */
  pendingFor(wanted: StoredAssignment): AsyncRequest[] {
    return [...this.requests.values()].filter(
      (r) => r.status === 'IN_PROGRESS' && r.work.kind !== 'provision' && sameAssignment(r.work.assignment, wanted),
    );
  }

  /** Settles, in creation order, every IN_PROGRESS request due at `now` (epoch ms). */
  settleDue(now: number, principals: PrincipalLookup): void {
    for (const request of this.requests.values()) {
      if (request.status !== 'IN_PROGRESS' || request.settlesAt > now) continue;
      const failure = this.apply(request.work, principals);
      request.status = failure === undefined ? 'SUCCEEDED' : 'FAILED';
      if (failure !== undefined) request.failureReason = failure;
    }
  }

  /** Carries out the work; returns a failure reason, or undefined on success. */
  private apply(work: AsyncWork, principals: PrincipalLookup): string | undefined {
    if (work.kind === 'provision') return this.provision(work.permissionSetArn, work.accountId);
    const { assignment } = work;
    const permissionSet = this.permissionSets.get(assignment.permissionSetArn);
    if (work.kind === 'assignment-delete') {
      const index = this.assignments.findIndex((a) => sameAssignment(a, assignment));
      if (index >= 0) this.assignments.splice(index, 1);
      // The last assignment of a permission set in an account takes its role out of the account.
      const stillUsed = this.assignments.some((a) => a.accountId === assignment.accountId && a.permissionSetArn === assignment.permissionSetArn);
      if (!stillUsed) permissionSet?.provisionedTo.delete(assignment.accountId);
      return undefined;
    }
    if (!permissionSet) return FAILURE_REASONS.permissionSetNotFound(assignment.permissionSetArn);
    const accountProblem = this.accountProblem(assignment.accountId);
    if (accountProblem) return accountProblem;
    if (!principals.principalExists(assignment.principalType, assignment.principalId)) {
      return FAILURE_REASONS.principalNotFound(assignment.principalType, assignment.principalId);
    }
    // AWS does not reject duplicates (aws-behavior.md §3.4); the assignment simply exists once.
    if (!this.findAssignment(assignment)) this.assignments.push({ ...assignment });
    permissionSet.provisionedTo.set(assignment.accountId, { latest: true });
    return undefined;
  }

  private provision(permissionSetArn: string, accountId: string | undefined): string | undefined {
    const permissionSet = this.permissionSets.get(permissionSetArn);
    if (!permissionSet) return FAILURE_REASONS.permissionSetNotFound(permissionSetArn);
    if (accountId === undefined) {
      // [U] whether AWS skips a suspended account here; failing is the stricter reading.
      const problem = [...permissionSet.provisionedTo.keys()].map((id) => this.accountProblem(id)).find((p) => p !== undefined);
      if (problem) return problem;
      for (const entry of permissionSet.provisionedTo.values()) entry.latest = true;
      return undefined;
    }
    const accountProblem = this.accountProblem(accountId);
    if (accountProblem) return accountProblem;
    permissionSet.provisionedTo.set(accountId, { latest: true });
    return undefined;
  }

  /** Why SSO Admin cannot provision into an account: not in the organization, or not ACTIVE. */
  private accountProblem(accountId: string): string | undefined {
    const status = this.accounts.statusOf(accountId);
    if (status === undefined) return FAILURE_REASONS.accountNotInOrganization(accountId);
    return status === 'ACTIVE' ? undefined : FAILURE_REASONS.accountNotActive(accountId);
  }
}
