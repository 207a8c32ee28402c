/**
 * The configurations the scale benchmark applies side by side, as Terraform JSON: the same users,
 * groups and memberships through the idemeum provider and through hashicorp/aws's identitystore
 * resources, and terraform_data with the idemeum configuration's resources and references
 * (Terraform's own cost, the floor under any provider).
 *
 * Written the way Terraform 1.11 stays close to linear at 10,000 users (bench/terraform-curve.ts
 * measures the alternatives). Terraform evaluates a resource's whole for_each value again for
 * every instance it plans (10,000 users in blocks of 1,000 cost 3 minutes of CPU per plan, in
 * blocks of 100 seconds), so each block's for_each holds at most `chunk` instances and only
 * small values: groups iterate over their names and read their member lists from a local (a
 * for_each of 1,000 groups × 50 member keys costs 50,000 values per group planned). Member ids
 * come from one local map built once, because `resource.x[k].id` inside a for expression makes
 * Terraform assemble every instance of `resource.x` for every reference.
 */
export interface Shape {
  readonly users: number;
  readonly groups: number;
  readonly memberships: number;
}

export interface Layout {
  /** Instances per resource block (for_each map size). @default 100 */
  readonly chunk?: number;
  /** 'local': member ids from one local map; 'resource': `idemeum_pushed_user.u[k].id` in each group. @default 'local' */
  readonly references?: 'local' | 'resource';
  /** A `terraform { backend {...} }` body; the local backend when absent. */
  readonly backend?: object;
}

/** Group g holds `memberships / groups` users, taken round-robin from the user list. */
export function membersOf(shape: Shape, g: number): number[] {
  const per = Math.floor(shape.memberships / shape.groups);
  return Array.from({ length: per }, (_, k) => (g * per + k) % shape.users);
}

export function membershipCount(shape: Shape): number {
  return shape.groups * Math.floor(shape.memberships / shape.groups);
}

type UserRow = { user_name: string; given_name: string; family_name: string };

/** Users keyed u<i> and groups keyed by name, each split into chunks of `chunk`. */
function data(shape: Shape, prefix: string, chunk: number): { users: Record<string, UserRow>[]; groups: Record<string, string[]>[] } {
  const users: Record<string, UserRow>[] = [];
  for (let i = 0; i < shape.users; i++) {
    (users[Math.floor(i / chunk)] ??= {})[`u${i}`] = { user_name: `${prefix}-user${i}@example.com`, given_name: 'User', family_name: `${prefix}${i}` };
  }
  const groups: Record<string, string[]>[] = [];
  for (let g = 0; g < shape.groups; g++) (groups[Math.floor(g / chunk)] ??= {})[`${prefix}-group-${g}`] = membersOf(shape, g).map((i) => `u${i}`);
  return { users, groups };
}

/** `block`, `block_1`, …: one resource block per chunk. */
const blockName = (base: string, i: number) => (i === 0 ? base : `${base}_${i}`);

/** A local map key => attribute over every chunk of a resource, and how a member expression reads it. */
function idMap(type: string, base: string, chunks: number, attribute: string, key: string, layout: Layout): { local: string; expr: string } {
  if ((layout.references ?? 'local') === 'resource') {
    if (chunks > 1) throw new RangeError("references: 'resource' needs a single chunk");
    return { local: '', expr: `${type}.${base}[${key}].${attribute}` };
  }
  const parts = Array.from({ length: chunks }, (_, i) => `{ for k, r in ${type}.${blockName(base, i)} : k => r.${attribute} }`);
  return { local: chunks === 1 ? `\${${parts[0]}}` : `\${merge(${parts.join(', ')})}`, expr: `local.${base}_${attribute}[${key}]` };
}

function wrap(layout: Layout, required: object | undefined, body: Record<string, unknown>): object {
  const terraform = { ...(required && { required_providers: required }), ...(layout.backend && { backend: layout.backend }) };
  return { ...(Object.keys(terraform).length > 0 && { terraform }), ...body };
}

/** idemeum_pushed_user / idemeum_pushed_group; endpoint and token come from the environment. */
export function idemeumConfig(shape: Shape, prefix: string, layout: Layout = {}): object {
  const chunk = layout.chunk ?? 100;
  const { users, groups } = data(shape, prefix, chunk);
  const ids = idMap('idemeum_pushed_user', 'u', users.length, 'id', 'k', layout);
  const locals: Record<string, unknown> = {};
  const userBlocks: Record<string, object> = {};
  users.forEach((chunkUsers, i) => {
    locals[`users_${i}`] = chunkUsers;
    userBlocks[blockName('u', i)] = {
      for_each: `\${local.users_${i}}`,
      user_name: '${each.value.user_name}',
      display_name: '${each.value.given_name} ${each.value.family_name}',
      given_name: '${each.value.given_name}',
      family_name: '${each.value.family_name}',
    };
  });
  const groupBlocks: Record<string, object> = {};
  locals.group_members = Object.assign({}, ...groups);
  groups.forEach((chunkGroups, i) => {
    locals[`groups_${i}`] = Object.keys(chunkGroups);
    groupBlocks[blockName('g', i)] = { for_each: `\${toset(local.groups_${i})}`, display_name: '${each.key}', members: `\${[for k in local.group_members[each.key] : ${ids.expr}]}` };
  });
  if (ids.local) locals.u_id = ids.local;
  return wrap(layout, { idemeum: { source: 'idemeum/idemeum' } }, {
    provider: { idemeum: {} },
    locals,
    resource: { idemeum_pushed_user: userBlocks, idemeum_pushed_group: groupBlocks },
  });
}

/** hashicorp/aws: one aws_identitystore_group_membership per membership, as that provider models it. */
export function awsConfig(shape: Shape, prefix: string, identityStoreId: string, layout: Layout = {}): object {
  const chunk = layout.chunk ?? 100;
  const { users, groups } = data(shape, prefix, chunk);
  const userIds = idMap('aws_identitystore_user', 'u', users.length, 'user_id', 'each.value.user', layout);
  const groupIds = idMap('aws_identitystore_group', 'g', groups.length, 'group_id', 'each.value.group', layout);
  const locals: Record<string, unknown> = { store: identityStoreId };
  const resource: Record<string, Record<string, object>> = { aws_identitystore_user: {}, aws_identitystore_group: {}, aws_identitystore_group_membership: {} };
  users.forEach((chunkUsers, i) => {
    locals[`users_${i}`] = chunkUsers;
    resource.aws_identitystore_user[blockName('u', i)] = {
      for_each: `\${local.users_${i}}`,
      identity_store_id: '${local.store}',
      user_name: '${each.value.user_name}',
      display_name: '${each.value.given_name} ${each.value.family_name}',
      name: { given_name: '${each.value.given_name}', family_name: '${each.value.family_name}' },
      emails: { value: '${each.value.user_name}', type: 'work', primary: true },
    };
  });
  const memberships: Record<string, { group: string; user: string }>[] = [];
  let n = 0;
  groups.forEach((chunkGroups, i) => {
    locals[`groups_${i}`] = Object.keys(chunkGroups);
    resource.aws_identitystore_group[blockName('g', i)] = { for_each: `\${toset(local.groups_${i})}`, identity_store_id: '${local.store}', display_name: '${each.key}' };
    for (const [group, members] of Object.entries(chunkGroups)) for (const user of members) (memberships[Math.floor(n++ / chunk)] ??= {})[`${group}/${user}`] = { group, user };
  });
  memberships.forEach((chunkMemberships, i) => {
    locals[`memberships_${i}`] = chunkMemberships;
    resource.aws_identitystore_group_membership[blockName('m', i)] = {
      for_each: `\${local.memberships_${i}}`,
      identity_store_id: '${local.store}',
      group_id: `\${${groupIds.expr}}`,
      member_id: `\${${userIds.expr}}`,
    };
  });
  if (userIds.local) locals.u_user_id = userIds.local;
  if (groupIds.local) locals.g_group_id = groupIds.local;
  return wrap(layout, { aws: { source: 'hashicorp/aws', version: '5.100.0' } }, { provider: { aws: {} }, locals, resource });
}

/** terraform_data with the idemeum configuration's resource blocks and references: Terraform's own cost. */
export function terraformDataConfig(shape: Shape, prefix: string, layout: Layout = {}): object {
  const chunk = layout.chunk ?? 100;
  const { users, groups } = data(shape, prefix, chunk);
  const ids = idMap('terraform_data', 'u', users.length, 'id', 'k', layout);
  const locals: Record<string, unknown> = {};
  const blocks: Record<string, object> = {};
  users.forEach((chunkUsers, i) => {
    locals[`users_${i}`] = chunkUsers;
    blocks[blockName('u', i)] = { for_each: `\${local.users_${i}}`, input: '${each.value}' };
  });
  locals.group_members = Object.assign({}, ...groups);
  groups.forEach((chunkGroups, i) => {
    locals[`groups_${i}`] = Object.keys(chunkGroups);
    blocks[blockName('g', i)] = { for_each: `\${toset(local.groups_${i})}`, input: { name: '${each.key}', members: `\${[for k in local.group_members[each.key] : ${ids.expr}]}` } };
  });
  if (ids.local) locals.u_id = ids.local;
  return wrap(layout, undefined, { locals, resource: { terraform_data: blocks } });
}

export function resourceCount(kind: 'idemeum' | 'aws' | 'terraform_data', shape: Shape): number {
  return kind === 'aws' ? shape.users + shape.groups + membershipCount(shape) : shape.users + shape.groups;
}
