/**
 * Effective access: who reaches which AWS account with which permission set. The inputs are plain
 * data (an Identity Center snapshot), so the same code explains real AWS, the emulator's state
 * dump and a plan's intended state.
 */

export interface SnapshotUser {
  readonly id: string;
  readonly userName: string;
  readonly displayName?: string;
  readonly active: boolean;
}

export interface SnapshotGroup {
  readonly id: string;
  readonly displayName: string;
  /** The snapshot does not hold this group's members (a group managed outside a plan's configuration). */
  readonly membersUnknown?: true;
}

export interface SnapshotMembership {
  readonly groupId: string;
  readonly userId: string;
}

export interface SnapshotPermissionSet {
  readonly arn: string;
  readonly name: string;
}

export interface SnapshotAssignment {
  readonly accountId: string;
  readonly permissionSetArn: string;
  readonly principalType: 'USER' | 'GROUP';
  readonly principalId: string;
}

export interface IdentityCenterSnapshot {
  readonly users: readonly SnapshotUser[];
  readonly groups: readonly SnapshotGroup[];
  readonly memberships: readonly SnapshotMembership[];
  readonly permissionSets: readonly SnapshotPermissionSet[];
  readonly assignments: readonly SnapshotAssignment[];
}

/** One (user, account, permission set) grant and the principals it comes through. */
export interface AccessGrant {
  readonly userId: string;
  readonly userName: string;
  readonly accountId: string;
  readonly permissionSet: string;
  /** 'direct' and/or group display names, sorted. */
  readonly via: readonly string[];
  /** The same paths unambiguously: `user` (a direct assignment) and `group:<display name>`, sorted. */
  readonly paths: readonly string[];
}

/** Why an assignment grants nothing (it references a principal or permission set that is gone). */
export interface DanglingAssignment {
  readonly assignment: SnapshotAssignment;
  readonly problem: string;
}

export interface AccessReport {
  readonly grants: readonly AccessGrant[];
  /** Users who exist but are disabled: they hold assignments that cannot be used. */
  readonly inactiveUsers: readonly string[];
  readonly dangling: readonly DanglingAssignment[];
}
