import type { RequestHandler } from 'msw';
import { awsJsonHandler, type Operation } from '../awsjson/handler';
import type { EmulatorState } from '../store';
import { AwsOrganizationsNotInUseException } from './errors';
import * as ops from './operations';
import { TARGET_PREFIX } from './urn';

/**
 * X-Amz-Target operation name → resolver: what the AWS provider's Organizations data sources call
 * (aws-behavior.md §6.4), the parent/child lookups, and MoveAccount. Anything else is
 * UnknownOperationException.
 */
export const ORGANIZATIONS_OPERATIONS: Readonly<Record<string, Operation>> = {
  DescribeOrganization: ops.describeOrganization,
  ListRoots: ops.listRoots,
  ListAccounts: ops.listAccounts,
  ListAccountsForParent: ops.listAccountsForParent,
  ListOrganizationalUnitsForParent: ops.listOrganizationalUnitsForParent,
  ListChildren: ops.listChildren,
  ListParents: ops.listParents,
  DescribeAccount: ops.describeAccount,
  DescribeOrganizationalUnit: ops.describeOrganizationalUnit,
  ListAWSServiceAccessForOrganization: ops.listAwsServiceAccessForOrganization,
  MoveAccount: ops.moveAccount,
};

/** Organizations (`AWSOrganizationsV20161128.*`, awsJson 1.1) on any host. */
export function organizationsHandlers(state: EmulatorState): RequestHandler[] {
  return [
    awsJsonHandler(state, {
      targetPrefix: TARGET_PREFIX,
      operations: ORGANIZATIONS_OPERATIONS,
      before: ({ state: s }) => {
        if (!s.options.organizationEnabled) throw new AwsOrganizationsNotInUseException();
      },
    }),
  ];
}
