import type { RequestHandler } from 'msw';
import { awsJsonHandler, Operation } from '../awsjson/handler';
import { SSO_ADMIN_THROTTLE } from '../awsjson/throttle';
import type { EmulatorState } from '../store';
import * as assignments from './assignments';
import * as inline from './inline-and-boundary';
import * as instances from './instances';
import * as policies from './managed-policies';
import * as permissionSets from './permission-sets';
import * as provisioning from './provisioning';
import * as tags from './tags';
import { TARGET_PREFIX } from './urn';

/** X-Amz-Target operation name → resolver. Anything else is UnknownOperationException, as in AWS. */
export const SSO_ADMIN_OPERATIONS: Readonly<Record<string, Operation>> = {
  ListInstances: instances.listInstances,
  DescribeInstance: instances.describeInstance,
  CreatePermissionSet: permissionSets.createPermissionSet,
  DescribePermissionSet: permissionSets.describePermissionSet,
  UpdatePermissionSet: permissionSets.updatePermissionSet,
  DeletePermissionSet: permissionSets.deletePermissionSet,
  ListPermissionSets: permissionSets.listPermissionSets,
  AttachManagedPolicyToPermissionSet: policies.attachManagedPolicyToPermissionSet,
  DetachManagedPolicyFromPermissionSet: policies.detachManagedPolicyFromPermissionSet,
  ListManagedPoliciesInPermissionSet: policies.listManagedPoliciesInPermissionSet,
  AttachCustomerManagedPolicyReferenceToPermissionSet: policies.attachCustomerManagedPolicyReferenceToPermissionSet,
  DetachCustomerManagedPolicyReferenceFromPermissionSet: policies.detachCustomerManagedPolicyReferenceFromPermissionSet,
  ListCustomerManagedPolicyReferencesInPermissionSet: policies.listCustomerManagedPolicyReferencesInPermissionSet,
  PutInlinePolicyToPermissionSet: inline.putInlinePolicyToPermissionSet,
  GetInlinePolicyForPermissionSet: inline.getInlinePolicyForPermissionSet,
  DeleteInlinePolicyFromPermissionSet: inline.deleteInlinePolicyFromPermissionSet,
  PutPermissionsBoundaryToPermissionSet: inline.putPermissionsBoundaryToPermissionSet,
  GetPermissionsBoundaryForPermissionSet: inline.getPermissionsBoundaryForPermissionSet,
  DeletePermissionsBoundaryFromPermissionSet: inline.deletePermissionsBoundaryFromPermissionSet,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  ListTagsForResource: tags.listTagsForResource,
  ProvisionPermissionSet: provisioning.provisionPermissionSet,
  DescribePermissionSetProvisioningStatus: provisioning.describePermissionSetProvisioningStatus,
  ListPermissionSetProvisioningStatus: provisioning.listPermissionSetProvisioningStatus,
  ListAccountsForProvisionedPermissionSet: provisioning.listAccountsForProvisionedPermissionSet,
  ListPermissionSetsProvisionedToAccount: provisioning.listPermissionSetsProvisionedToAccount,
  CreateAccountAssignment: assignments.createAccountAssignment,
  DeleteAccountAssignment: assignments.deleteAccountAssignment,
  DescribeAccountAssignmentCreationStatus: assignments.describeAccountAssignmentCreationStatus,
  DescribeAccountAssignmentDeletionStatus: assignments.describeAccountAssignmentDeletionStatus,
  ListAccountAssignmentCreationStatus: assignments.listAccountAssignmentCreationStatus,
  ListAccountAssignmentDeletionStatus: assignments.listAccountAssignmentDeletionStatus,
  ListAccountAssignments: assignments.listAccountAssignments,
  ListAccountAssignmentsForPrincipal: assignments.listAccountAssignmentsForPrincipal,
};

/** SSO Admin (`SWBExternalService.*`, awsJson 1.1) on any host. */
export function ssoAdminHandlers(state: EmulatorState): RequestHandler[] {
  return [
    awsJsonHandler(state, {
      targetPrefix: TARGET_PREFIX,
      operations: SSO_ADMIN_OPERATIONS,
      throttle: SSO_ADMIN_THROTTLE,
      // Asynchronous requests that are due settle before any call can observe the state.
      before: ({ state: s }) => s.sso.settleDue(s.clock.now().getTime(), s.directory),
    }),
  ];
}
