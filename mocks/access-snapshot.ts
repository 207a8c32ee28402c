import type { IdentityCenterSnapshot } from '../src/access/model';
import type { EmulatorState } from './store';

/** The emulator's directory and assignments as the plain snapshot src/access works on. */
export function accessSnapshot(state: EmulatorState): IdentityCenterSnapshot {
  const d = state.directory;
  return {
    users: [...d.users.values()].map((u) => ({ id: u.id, userName: u.userName, displayName: u.displayName, active: u.active })),
    groups: [...d.groups.values()].map((g) => ({ id: g.id, displayName: g.displayName })),
    memberships: [...d.groups.keys()].flatMap((groupId) => d.membersOfGroup(groupId).map((m) => ({ groupId, userId: m.userId }))),
    permissionSets: [...state.sso.permissionSets.values()].map((p) => ({ arn: p.arn, name: p.name })),
    assignments: state.sso.assignments.map((a) => ({ ...a })),
  };
}
