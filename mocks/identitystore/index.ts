import type { RequestHandler } from 'msw';
import { awsJsonHandler, Operation } from '../awsjson/handler';
import { IDENTITY_STORE_THROTTLE } from '../awsjson/throttle';
import type { EmulatorState } from '../store';
import { decorateError } from './common';
import * as groupMutations from './group-mutations';
import * as groups from './groups';
import * as memberships from './memberships';
import * as userMutations from './user-mutations';
import * as users from './users';
import { TARGET_PREFIX } from './urn';

/** X-Amz-Target operation name → resolver; ids are the SCIM ids of the shared directory. */
export const IDENTITY_STORE_OPERATIONS: Readonly<Record<string, Operation>> = {
  GetGroupId: groups.getGroupId,
  DescribeGroup: groups.describeGroup,
  ListGroups: groups.listGroups,
  CreateGroup: groupMutations.createGroup,
  UpdateGroup: groupMutations.updateGroup,
  DeleteGroup: groupMutations.deleteGroup,
  GetUserId: users.getUserId,
  DescribeUser: users.describeUser,
  ListUsers: users.listUsers,
  CreateUser: userMutations.createUser,
  UpdateUser: userMutations.updateUser,
  DeleteUser: userMutations.deleteUser,
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
  return [awsJsonHandler(state, { targetPrefix: TARGET_PREFIX, operations: IDENTITY_STORE_OPERATIONS, throttle: IDENTITY_STORE_THROTTLE, decorateError })];
}
