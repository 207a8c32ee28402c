/**
 * A plan's two sides as Identity Center snapshots: the prior state (before) and the planned values
 * with unknowns resolved (after), from the resource types that decide access, whether the idemeum
 * provider or hashicorp/aws manages them.
 */
import type { IdentityCenterSnapshot, SnapshotAssignment, SnapshotGroup, SnapshotMembership, SnapshotPermissionSet, SnapshotUser } from '../model';
import { changedAddresses, configurationIndex, instancesAfter, instancesBefore, type Instance, type PlanJson } from './plan-json';
import { PLANNED, PlanResolver, type Resolved } from './resolve';

/** `mode:type` → the attribute other resources reference as its id. */
const IDENTITY: Readonly<Record<string, string>> = {
  'managed:idemeum_pushed_user': 'id',
  'managed:aws_identitystore_user': 'user_id',
  'data:aws_identitystore_user': 'user_id',
  'managed:idemeum_pushed_group': 'id',
  'managed:aws_identitystore_group': 'group_id',
  'data:idemeum_aws_group': 'id',
  'data:aws_identitystore_group': 'group_id',
  'managed:aws_ssoadmin_permission_set': 'arn',
  'data:aws_ssoadmin_permission_set': 'arn',
};

const USERS = ['managed:idemeum_pushed_user', 'managed:aws_identitystore_user', 'data:aws_identitystore_user'];
const GROUPS = ['managed:idemeum_pushed_group', 'managed:aws_identitystore_group', 'data:idemeum_aws_group', 'data:aws_identitystore_group'];
/** Groups whose members are managed outside the configuration: the plan does not hold them. */
const GROUPS_WITHOUT_MEMBERS = ['data:idemeum_aws_group', 'data:aws_identitystore_group'];
const PERMISSION_SETS = ['managed:aws_ssoadmin_permission_set', 'data:aws_ssoadmin_permission_set'];
/** What a permission set grants: a change to any of these changes it for everyone who holds it. */
const POLICIES = [
  'aws_ssoadmin_managed_policy_attachment',
  'aws_ssoadmin_customer_managed_policy_attachment',
  'aws_ssoadmin_permission_set_inline_policy',
  'aws_ssoadmin_permissions_boundary_attachment',
];

const kindOf = (i: Instance) => `${i.mode}:${i.type}`;
const identity = (i: Instance) => IDENTITY[kindOf(i)];

export interface PlanSide {
  readonly snapshot: IdentityCenterSnapshot;
  /** Values this side depends on that the plan cannot tell. */
  readonly problems: readonly string[];
}

export interface PlanSides {
  readonly before: PlanSide;
  readonly after: PlanSide;
  /** Names of permission sets that exist on both sides and whose policies the plan changes. */
  readonly policyChanges: readonly string[];
}

export function planSides(plan: PlanJson): PlanSides {
  const config = configurationIndex(plan);
  const beforeInstances = instancesBefore(plan);
  const afterInstances = instancesAfter(plan);
  const before = side(beforeInstances, new PlanResolver(beforeInstances, config));
  const afterResolver = new PlanResolver(afterInstances, config);
  const after = side(afterInstances, afterResolver);
  return { before, after, policyChanges: policyChanges(plan, beforeInstances, afterInstances, afterResolver, before.snapshot, after.snapshot) };
}

function side(instances: readonly Instance[], resolver: PlanResolver): PlanSide {
  const problems: string[] = [];
  const of = (kinds: readonly string[]) => instances.filter((i) => kinds.includes(kindOf(i)));
  const scalar = (i: Instance, attribute: string): string | undefined => {
    const r: Resolved = resolver.scalar(i, attribute, identity);
    if ('value' in r) return r.value;
    problems.push(r.problem);
    return undefined;
  };
  const text = (i: Instance, attribute: string) => (typeof i.values[attribute] === 'string' ? (i.values[attribute] as string) : undefined);

  const users: SnapshotUser[] = [];
  for (const i of of(USERS)) {
    const userName = text(i, 'user_name');
    if (userName === undefined) {
      problems.push(`${i.address}: user_name is known only after apply; the user's access cannot be named`);
      continue;
    }
    users.push({ id: ownId(i), userName, displayName: text(i, 'display_name'), active: i.values.active !== false });
  }

  const groups: SnapshotGroup[] = [];
  const memberships: SnapshotMembership[] = [];
  for (const i of of(GROUPS)) {
    const displayName = text(i, 'display_name') ?? i.address;
    const id = ownId(i);
    groups.push({ id, displayName, ...(GROUPS_WITHOUT_MEMBERS.includes(kindOf(i)) && { membersUnknown: true }) });
    if (i.type !== 'idemeum_pushed_group') continue;
    const members = resolver.list(i, 'members', identity);
    if (members.problem) problems.push(`${members.problem}; some members of group ${displayName} are not known`);
    for (const userId of members.values) memberships.push({ groupId: id, userId });
  }
  for (const i of instances.filter((x) => kindOf(x) === 'managed:aws_identitystore_group_membership')) {
    const groupId = scalar(i, 'group_id');
    const userId = scalar(i, 'member_id');
    if (groupId !== undefined && userId !== undefined) memberships.push({ groupId, userId });
  }

  const permissionSets: SnapshotPermissionSet[] = of(PERMISSION_SETS).map((i) => ({ arn: ownId(i), name: text(i, 'name') ?? i.address }));

  const assignments: SnapshotAssignment[] = [];
  for (const i of instances.filter((x) => kindOf(x) === 'managed:aws_ssoadmin_account_assignment')) {
    const permissionSetArn = scalar(i, 'permission_set_arn');
    const principalId = scalar(i, 'principal_id');
    const accountId = scalar(i, 'target_id');
    const principalType = i.values.principal_type;
    if (permissionSetArn === undefined || principalId === undefined || accountId === undefined) continue;
    if (principalType !== 'USER' && principalType !== 'GROUP') {
      problems.push(`${i.address}: principal_type is ${JSON.stringify(principalType ?? null)}, not USER or GROUP`);
      continue;
    }
    assignments.push({ accountId, permissionSetArn, principalType, principalId });
  }
  return { snapshot: { users, groups, memberships, permissionSets, assignments }, problems };
}

/** The instance's own id, or the symbol other resources resolve to when it is known only after apply. */
function ownId(i: Instance): string {
  const attribute = identity(i)!;
  const value = i.values[attribute];
  return typeof value === 'string' ? value : `${PLANNED}${i.address}.${attribute}`;
}

function policyChanges(
  plan: PlanJson,
  before: readonly Instance[],
  after: readonly Instance[],
  resolver: PlanResolver,
  beforeSnapshot: IdentityCenterSnapshot,
  afterSnapshot: IdentityCenterSnapshot,
): string[] {
  const changed = changedAddresses(plan);
  const names = new Map([...beforeSnapshot.permissionSets, ...afterSnapshot.permissionSets].map((p) => [p.arn, p.name]));
  const existing = new Set(beforeSnapshot.permissionSets.map((p) => p.name));
  const out = new Set<string>();
  for (const i of [...before, ...after]) {
    if (!changed.has(i.address) || i.mode !== 'managed' || !POLICIES.includes(i.type)) continue;
    const arn = resolver.scalar(i, 'permission_set_arn', identity);
    const name = 'value' in arn ? names.get(arn.value) : undefined;
    // A permission set that is new has no holders yet; its grants show as gains instead.
    if (name !== undefined && existing.has(name) && afterSnapshot.permissionSets.some((p) => p.name === name)) out.add(name);
  }
  return [...out].sort();
}
