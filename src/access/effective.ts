import type { AccessGrant, AccessReport, DanglingAssignment, IdentityCenterSnapshot, SnapshotUser } from './model';

/**
 * Expands assignments to users: a GROUP assignment reaches every active member (Identity Center
 * has no nested groups), a USER assignment reaches that user if active. Assignments that point at
 * a deleted principal or permission set grant nothing and are reported, since AWS keeps listing
 * them after a SCIM delete-and-recreate.
 */
export function effectiveAccess(snapshot: IdentityCenterSnapshot): AccessReport {
  const users = new Map(snapshot.users.map((u) => [u.id, u]));
  const groups = new Map(snapshot.groups.map((g) => [g.id, g]));
  const permissionSets = new Map(snapshot.permissionSets.map((p) => [p.arn, p.name]));
  const membersOf = new Map<string, string[]>();
  for (const m of snapshot.memberships) {
    const list = membersOf.get(m.groupId) ?? [];
    list.push(m.userId);
    membersOf.set(m.groupId, list);
  }

  const grants = new Map<string, { user: SnapshotUser; accountId: string; permissionSet: string; via: Set<string>; paths: Set<string> }>();
  const dangling: DanglingAssignment[] = [];
  const inactive = new Set<string>();
  const grant = (user: SnapshotUser, accountId: string, permissionSet: string, group: string | undefined): void => {
    if (!user.active) {
      inactive.add(user.userName);
      return;
    }
    const key = `${user.id}\u0000${accountId}\u0000${permissionSet}`;
    const entry = grants.get(key) ?? { user, accountId, permissionSet, via: new Set<string>(), paths: new Set<string>() };
    entry.via.add(group ?? 'direct');
    entry.paths.add(group === undefined ? 'user' : `group:${group}`);
    grants.set(key, entry);
  };

  for (const a of snapshot.assignments) {
    const permissionSet = permissionSets.get(a.permissionSetArn);
    if (!permissionSet) {
      dangling.push({ assignment: a, problem: `permission set ${a.permissionSetArn} does not exist` });
      continue;
    }
    if (a.principalType === 'USER') {
      const user = users.get(a.principalId);
      if (!user) dangling.push({ assignment: a, problem: `user ${a.principalId} does not exist` });
      else grant(user, a.accountId, permissionSet, undefined);
      continue;
    }
    const group = groups.get(a.principalId);
    if (!group) {
      dangling.push({ assignment: a, problem: `group ${a.principalId} does not exist` });
      continue;
    }
    for (const userId of membersOf.get(group.id) ?? []) {
      const user = users.get(userId);
      if (user) grant(user, a.accountId, permissionSet, group.displayName);
    }
  }

  const list: AccessGrant[] = [...grants.values()].map((g) => ({
    userId: g.user.id,
    userName: g.user.userName,
    accountId: g.accountId,
    permissionSet: g.permissionSet,
    via: [...g.via].sort(),
    paths: [...g.paths].sort(),
  }));
  list.sort(compareGrants);
  return { grants: list, inactiveUsers: [...inactive].sort(), dangling };
}

export function compareGrants(a: AccessGrant, b: AccessGrant): number {
  return (
    a.userName.localeCompare(b.userName) ||
    a.accountId.localeCompare(b.accountId) ||
    a.permissionSet.localeCompare(b.permissionSet)
  );
}
