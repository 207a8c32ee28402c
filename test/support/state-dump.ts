import type { IdentityCenterSnapshot, SnapshotAssignment } from '../../src/access/model';

/** The parts of `GET /_fake/state` that effective access and the portal are made of. */
export interface StateDump {
  readonly directory: {
    readonly users: readonly { id: string; userName: string; displayName?: string; active: boolean }[];
    readonly groups: readonly { id: string; displayName: string }[];
    readonly memberships: readonly { groupId: string; userId: string }[];
  };
  readonly sso: {
    readonly permissionSets: Readonly<Record<string, { arn: string; name: string; sessionDuration: string; relayState?: string }>>;
    readonly assignments: readonly SnapshotAssignment[];
  };
}

/** A running emulator's state, read over its control API (it may live in another process). */
export async function fetchStateDump(endpoint: string): Promise<StateDump> {
  const res = await fetch(`${endpoint}/_fake/state`);
  if (!res.ok) throw new Error(`GET ${endpoint}/_fake/state answered ${res.status}`);
  return (await res.json()) as StateDump;
}

export function snapshotOfDump(dump: StateDump): IdentityCenterSnapshot {
  return {
    users: dump.directory.users.map((u) => ({ id: u.id, userName: u.userName, active: u.active })),
    groups: dump.directory.groups.map((g) => ({ id: g.id, displayName: g.displayName })),
    memberships: dump.directory.memberships.map((m) => ({ groupId: m.groupId, userId: m.userId })),
    permissionSets: Object.values(dump.sso.permissionSets).map((p) => ({ arn: p.arn, name: p.name })),
    assignments: dump.sso.assignments.map((a) => ({ accountId: a.accountId, permissionSetArn: a.permissionSetArn, principalType: a.principalType, principalId: a.principalId })),
  };
}
