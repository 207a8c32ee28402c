import { ConflictException } from '../awsjson/errors';
import type { JsonObject, Operation, OperationContext } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { str, validate } from '../awsjson/validate';
import type { Membership } from '../store';
import { FIELDS, notFound, PAGED, requireStore } from './common';
import { renderMembership } from './render';
import { CONFLICT_REASONS } from './urn';

function memberUserId(input: JsonObject): string {
  return (input.MemberId as { UserId: string }).UserId;
}

function requireGroup(ctx: OperationContext, groupId: string): void {
  if (!ctx.state.directory.getGroup(groupId)) throw notFound('GROUP', groupId);
}

function requireUser(ctx: OperationContext, userId: string): void {
  if (!ctx.state.directory.getUser(userId)) throw notFound('USER', userId);
}

function findMembership(ctx: OperationContext, membershipId: string): Membership {
  for (const members of ctx.state.directory.memberships.values()) {
    for (const m of members.values()) if (m.membershipId === membershipId) return m;
  }
  throw notFound('GROUP_MEMBERSHIP', membershipId);
}

export const listGroupMemberships: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, GroupId: FIELDS.ResourceId, ...PAGED });
  requireStore(ctx, input);
  const groupId = str(input, 'GroupId');
  requireGroup(ctx, groupId);
  const page = paginate(ctx.state.directory.membersOfGroup(groupId), input, 'ListGroupMemberships');
  return withToken({ GroupMemberships: page.items.map((m) => renderMembership(ctx.state, m)) }, page.nextToken);
};

export const listGroupMembershipsForMember: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, MemberId: FIELDS.MemberId, ...PAGED });
  requireStore(ctx, input);
  const userId = memberUserId(input);
  requireUser(ctx, userId);
  const { directory } = ctx.state;
  const memberships = directory.groupsOfUser(userId).map((groupId) => directory.memberships.get(groupId)!.get(userId)!);
  const page = paginate(memberships, input, 'ListGroupMembershipsForMember');
  return withToken({ GroupMemberships: page.items.map((m) => renderMembership(ctx.state, m)) }, page.nextToken);
};

export const getGroupMembershipId: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, GroupId: FIELDS.ResourceId, MemberId: FIELDS.MemberId });
  requireStore(ctx, input);
  const groupId = str(input, 'GroupId');
  const membership = ctx.state.directory.memberships.get(groupId)?.get(memberUserId(input));
  if (!membership) throw notFound('GROUP_MEMBERSHIP');
  return { MembershipId: membership.membershipId, IdentityStoreId: ctx.state.identityStoreId };
};

export const describeGroupMembership: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, MembershipId: FIELDS.ResourceId });
  requireStore(ctx, input);
  return renderMembership(ctx.state, findMembership(ctx, str(input, 'MembershipId')));
};

export const isMemberInGroups: Operation = (input, ctx) => {
  validate(input, {
    IdentityStoreId: FIELDS.IdentityStoreId,
    MemberId: FIELDS.MemberId,
    GroupIds: { kind: 'list', required: true, min: 1, max: 100, item: FIELDS.ResourceId },
  });
  requireStore(ctx, input);
  const userId = memberUserId(input);
  const results = (input.GroupIds as string[]).map((groupId) => ({
    GroupId: groupId,
    MemberId: { UserId: userId },
    MembershipExists: ctx.state.directory.isMember(groupId, userId),
  }));
  return { Results: results };
};

export const createGroupMembership: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, GroupId: FIELDS.ResourceId, MemberId: FIELDS.MemberId });
  requireStore(ctx, input);
  const groupId = str(input, 'GroupId');
  const userId = memberUserId(input);
  requireGroup(ctx, groupId);
  requireUser(ctx, userId);
  if (ctx.state.directory.isMember(groupId, userId)) {
    throw new ConflictException('Member already exists in group', { Reason: CONFLICT_REASONS.unique });
  }
  const membership = ctx.state.directory.addMember(groupId, userId);
  ctx.state.directory.touchGroup(groupId);
  return { MembershipId: membership.membershipId, IdentityStoreId: ctx.state.identityStoreId };
};

export const deleteGroupMembership: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, MembershipId: FIELDS.ResourceId });
  requireStore(ctx, input);
  const membership = findMembership(ctx, str(input, 'MembershipId'));
  ctx.state.directory.removeMember(membership.groupId, membership.userId);
  ctx.state.directory.touchGroup(membership.groupId);
  return {};
};
