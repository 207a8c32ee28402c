import type { EmulatorState, StoredUser } from '../store';

export interface PortalPermissionSet {
  readonly name: string;
  readonly arn: string;
  readonly sessionDuration: string;
  readonly description?: string;
  /** Where the console opens after federating into the account (the permission set's RelayState). */
  readonly relayState?: string;
}

export interface PortalAccount {
  readonly accountId: string;
  readonly permissionSets: readonly PortalPermissionSet[];
}

export interface PortalView {
  readonly user: { readonly id: string; readonly userName: string; readonly displayName: string };
  readonly accounts: readonly PortalAccount[];
}

/**
 * What the access portal shows a user: the accounts and, per account, the permission sets that
 * assignments grant to the user directly or through a group.
 */
export function portalView(state: EmulatorState, user: StoredUser): PortalView {
  // Assignments still IN_PROGRESS grant nothing yet; settle the ones that are due first.
  state.sso.settleDue(state.clock.now().getTime(), state.directory);
  const principals = new Set([`USER:${user.id}`, ...state.directory.groupsOfUser(user.id).map((g) => `GROUP:${g}`)]);
  const byAccount = new Map<string, Map<string, PortalPermissionSet>>();
  for (const a of state.sso.assignments) {
    if (!principals.has(`${a.principalType}:${a.principalId}`)) continue;
    const ps = state.sso.permissionSets.get(a.permissionSetArn);
    if (!ps) continue;
    const sets = byAccount.get(a.accountId) ?? new Map<string, PortalPermissionSet>();
    sets.set(ps.arn, {
      name: ps.name,
      arn: ps.arn,
      sessionDuration: ps.sessionDuration,
      ...(ps.description !== undefined && { description: ps.description }),
      ...(ps.relayState !== undefined && { relayState: ps.relayState }),
    });
    byAccount.set(a.accountId, sets);
  }
  const accounts = [...byAccount.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([accountId, sets]) => ({ accountId, permissionSets: [...sets.values()].sort((x, y) => x.name.localeCompare(y.name)) }));
  return { user: { id: user.id, userName: user.userName, displayName: user.displayName }, accounts };
}
