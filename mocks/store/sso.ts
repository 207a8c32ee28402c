/**
 * SSO Admin state: the Identity Center instance, permission sets, account assignments, the
 * registry of AWS accounts in the organization, and asynchronous request statuses.
 *
 * Owned by the SSO Admin surface.
 */

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

export interface AsyncRequest {
  requestId: string;
  kind: 'assignment-create' | 'assignment-delete' | 'provision';
  status: AsyncStatus;
  failureReason?: string;
  createdDate: Date;
  /** When the request leaves IN_PROGRESS (epoch ms). */
  settlesAt: number;
  detail: Record<string, unknown>;
}

export class SsoState {
  readonly permissionSets = new Map<string, StoredPermissionSet>();
  readonly assignments: StoredAssignment[] = [];
  readonly accounts = new Set<string>();
  readonly requests = new Map<string, AsyncRequest>();

  reset(): void {
    this.permissionSets.clear();
    this.assignments.length = 0;
    this.accounts.clear();
    this.requests.clear();
  }

  /** Assignments that grant access to a principal directly (used by the portal and access views). */
  assignmentsFor(principalType: PrincipalType, principalId: string): StoredAssignment[] {
    return this.assignments.filter((a) => a.principalType === principalType && a.principalId === principalId);
  }
}
