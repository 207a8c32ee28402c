import type { RequestHandler } from 'msw';
import { awsJsonHandler, Operation } from '../awsjson/handler';
import type { EmulatorState } from '../store';
import { decorateError } from './common';
import * as groups from './groups';
import * as memberships from './memberships';
import * as users from './users';
import { TARGET_PREFIX } from './urn';

/** X-Amz-Target operation name → resolver; ids are the SCIM ids of the shared directory. */
export const IDENTITY_STORE_OPERATIONS: Readonly<Record<string, Operation>> = {
  GetGroupId: groups.getGroupId,
  DescribeGroup: groups.describeGroup,
  ListGroups: groups.listGroups,
  CreateGroup: groups.createGroup,
  DeleteGroup: groups.deleteGroup,
  GetUserId: users.getUserId,
  DescribeUser: users.describeUser,
  ListUsers: users.listUsers,
  ListGroupMemberships: memberships.listGroupMemberships,
  ListGroupMembershipsForMember: memberships.listGroupMembershipsForMember,
  GetGroupMembershipId: memberships.getGroupMembershipId,
  DescribeGroupMembership: memberships.describeGroupMembership,
  IsMemberInGroups: memberships.isMemberInGroups,
  CreateGroupMembership: memberships.createGroupMembership,
  DeleteGroupMembership: memberships.deleteGroupMembership,
};

/** Identity Store (`AWSIdentityStore.*`, awsJson 1.1) on any host. */
export function identityStoreHandlers(state: EmulatorState): RequestHandler[] {
  return [awsJsonHandler(state, { targetPrefix: TARGET_PREFIX, operations: IDENTITY_STORE_OPERATIONS, decorateError })];
}
