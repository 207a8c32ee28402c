/**
 * Who gains or loses what between two Identity Center snapshots: the report `access-diff` prints
 * (its JSON is a contract, DESIGN.md §5). Users are matched by user name (ignoring case, as AWS
 * does), so a user re-created with a new id is the same person.
 */
import { effectiveAccess } from './effective';
import type { AccessGrant, AccessReport, IdentityCenterSnapshot, SnapshotAssignment } from './model';

export interface AccessChange {
  readonly user: string;
  readonly account: string;
  readonly permissionSet: string;
  readonly change: 'gain' | 'loss';
  /** `group:<display name>` and/or `user` (a direct assignment): through what the access comes or came. */
  readonly via: readonly string[];
}

export interface AccessChangeReport {
  readonly summary: { readonly gains: number; readonly losses: number; readonly usersAdded: number; readonly usersRemoved: number };
  readonly changes: readonly AccessChange[];
  /** Permission sets whose policies change, with every user that holds them afterwards. */
  readonly policyChanges: readonly { readonly permissionSet: string; readonly reaches: readonly string[] }[];
  /** What the diff cannot tell; never guessed. */
  readonly unresolved: readonly string[];
  readonly details: {
    readonly usersAdded: readonly string[];
    readonly usersRemoved: readonly string[];
    readonly membershipChanges: readonly { readonly user: string; readonly group: string; readonly change: 'added' | 'removed' }[];
    /** Accounts nobody could reach before and somebody can after. */
    readonly accountsNewlyReachable: readonly string[];
    /** Same access, through different groups or assignments. */
    readonly viaChanges: readonly { readonly user: string; readonly account: string; readonly permissionSet: string; readonly before: readonly string[]; readonly after: readonly string[] }[];
  };
}

export interface AccessChangeInput {
  readonly before: IdentityCenterSnapshot;
  readonly after: IdentityCenterSnapshot;
  /** Names of permission sets whose policies change. @default none */
  readonly policyChanges?: readonly string[];
  /** Problems found while building the snapshots. @default none */
  readonly unresolved?: readonly string[];
}

const lower = (s: string) => s.toLowerCase();
const grantKey = (g: AccessGrant) => `${lower(g.userName)}\u0000${g.accountId}\u0000${g.permissionSet}`;
const byText = (a: string, b: string) => a.localeCompare(b);

export function accessChanges(input: AccessChangeInput): AccessChangeReport {
  const { before, after } = input;
  const was = effectiveAccess(before);
  const now = effectiveAccess(after);
  const old = new Map(was.grants.map((g) => [grantKey(g), g]));
  const next = new Map(now.grants.map((g) => [grantKey(g), g]));

  const change = (g: AccessGrant, kind: AccessChange['change']): AccessChange => ({ user: g.userName, account: g.accountId, permissionSet: g.permissionSet, change: kind, via: g.paths });
  const changes = [
    ...now.grants.filter((g) => !old.has(grantKey(g))).map((g) => change(g, 'gain')),
    ...was.grants.filter((g) => !next.has(grantKey(g))).map((g) => change(g, 'loss')),
  ].sort((a, b) => byText(a.user, b.user) || byText(a.account, b.account) || byText(a.permissionSet, b.permissionSet) || byText(a.change, b.change));

  const viaChanges = now.grants
    .filter((g) => old.has(grantKey(g)) && old.get(grantKey(g))!.paths.join() !== g.paths.join())
    .map((g) => ({ user: g.userName, account: g.accountId, permissionSet: g.permissionSet, before: old.get(grantKey(g))!.paths, after: g.paths }));

  const names = (s: IdentityCenterSnapshot) => new Map(s.users.map((u) => [lower(u.userName), u.userName]));
  const beforeUsers = names(before);
  const afterUsers = names(after);
  const usersAdded = [...afterUsers].filter(([k]) => !beforeUsers.has(k)).map(([, v]) => v).sort(byText);
  const usersRemoved = [...beforeUsers].filter(([k]) => !afterUsers.has(k)).map(([, v]) => v).sort(byText);

  const reachable = (grants: readonly AccessGrant[]) => new Set(grants.map((g) => g.accountId));
  const wasReachable = reachable(was.grants);
  const accountsNewlyReachable = [...reachable(now.grants)].filter((a) => !wasReachable.has(a)).sort(byText);

  const policyChanges = (input.policyChanges ?? []).map((permissionSet) => ({
    permissionSet,
    reaches: [...new Set(now.grants.filter((g) => g.permissionSet === permissionSet).map((g) => g.userName))].sort(byText),
  }));

  const unresolved = [...(input.unresolved ?? []), ...newDangling(was, now), ...grantsToUnknownMembers(before, after)];

  return {
    summary: { gains: changes.filter((c) => c.change === 'gain').length, losses: changes.filter((c) => c.change === 'loss').length, usersAdded: usersAdded.length, usersRemoved: usersRemoved.length },
    changes,
    policyChanges,
    unresolved: [...new Set(unresolved)],
    details: { usersAdded, usersRemoved, membershipChanges: membershipChanges(before, after), accountsNewlyReachable, viaChanges },
  };
}

/** True when something may have changed who can reach what: what `access-diff` exits 2 for. */
export function hasAccessChanges(report: AccessChangeReport): boolean {
  return report.changes.length > 0 || report.policyChanges.length > 0 || report.unresolved.length > 0;
}

/** An assignment as names, so the two sides compare although new objects have no ids yet. */
function namedAssignments(s: IdentityCenterSnapshot): Map<string, { text: string; membersUnknown: boolean }> {
  const users = new Map(s.users.map((u) => [u.id, u.userName]));
  const groups = new Map(s.groups.map((g) => [g.id, g]));
  const sets = new Map(s.permissionSets.map((p) => [p.arn, p.name]));
  const out = new Map<string, { text: string; membersUnknown: boolean }>();
  for (const a of s.assignments) {
    const group = a.principalType === 'GROUP' ? groups.get(a.principalId) : undefined;
    const principal = a.principalType === 'USER' ? `user ${users.get(a.principalId) ?? a.principalId}` : `group ${group?.displayName ?? a.principalId}`;
    const text = `${sets.get(a.permissionSetArn) ?? a.permissionSetArn} on account ${a.accountId} to ${principal}`;
    out.set(text, { text, membersUnknown: group?.membersUnknown === true });
  }
  return out;
}

/** Assignments the plan adds or removes for groups whose members it does not hold. */
function grantsToUnknownMembers(before: IdentityCenterSnapshot, after: IdentityCenterSnapshot): string[] {
  const was = namedAssignments(before);
  const now = namedAssignments(after);
  const added = [...now.values()].filter((a) => a.membersUnknown && !was.has(a.text)).map((a) => `grant of ${a.text} is added, but that group is managed outside this configuration: the plan does not say who its members are`);
  const removed = [...was.values()].filter((a) => a.membersUnknown && !now.has(a.text)).map((a) => `grant of ${a.text} is removed, but that group is managed outside this configuration: the plan does not say who its members are`);
  return [...added, ...removed];
}

/** Assignments that point at nothing the after side knows, and did not before. */
function newDangling(was: AccessReport, now: AccessReport): string[] {
  const key = (a: SnapshotAssignment) => `${a.accountId}\u0000${a.permissionSetArn}\u0000${a.principalType}\u0000${a.principalId}`;
  const old = new Set(was.dangling.map((d) => key(d.assignment)));
  return now.dangling.filter((d) => !old.has(key(d.assignment))).map((d) => `an assignment on account ${d.assignment.accountId} grants nothing this plan can name: ${d.problem}`);
}

function membershipChanges(before: IdentityCenterSnapshot, after: IdentityCenterSnapshot): AccessChangeReport['details']['membershipChanges'] {
  const pairs = (s: IdentityCenterSnapshot) => {
    const users = new Map(s.users.map((u) => [u.id, u.userName]));
    const groups = new Map(s.groups.map((g) => [g.id, g.displayName]));
    const out = new Map<string, { user: string; group: string }>();
    for (const m of s.memberships) {
      const user = users.get(m.userId);
      const group = groups.get(m.groupId);
      if (user !== undefined && group !== undefined) out.set(`${lower(user)}\u0000${lower(group)}`, { user, group });
    }
    return out;
  };
  const was = pairs(before);
  const now = pairs(after);
  return [
    ...[...now].filter(([k]) => !was.has(k)).map(([, v]) => ({ ...v, change: 'added' as const })),
    ...[...was].filter(([k]) => !now.has(k)).map(([, v]) => ({ ...v, change: 'removed' as const })),
  ].sort((a, b) => byText(a.user, b.user) || byText(a.group, b.group));
}
