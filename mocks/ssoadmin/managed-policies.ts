import { ConflictException, ResourceNotFoundException, ServiceQuotaExceededException } from '../awsjson/errors';
import type { Operation } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { str, validate } from '../awsjson/validate';
import type { CustomerManagedPolicyReference, StoredPermissionSet } from '../store';
import { FIELDS, findPermissionSet, markOutdated, PAGED, permissionSetId } from './common';
import { LIMITS, LIMITS_URL, PATTERNS } from './urn';

const TARGET = { InstanceArn: FIELDS.InstanceArn, PermissionSetArn: FIELDS.PermissionSetArn } as const;
const MANAGED_POLICY_ARN = { kind: 'string', required: true, min: 20, max: 2048, pattern: PATTERNS.managedPolicyArn } as const;

export const CUSTOMER_POLICY_REFERENCE = {
  kind: 'structure',
  required: true,
  fields: {
    Name: { kind: 'string', required: true, min: 1, max: 128, pattern: PATTERNS.customerPolicyName },
    Path: { kind: 'string', min: 1, max: 512, pattern: PATTERNS.customerPolicyPath },
  },
} as const;

/** AWS-managed and customer-managed policies share one quota per permission set. */
function requireRoom(ps: StoredPermissionSet): void {
  if (ps.managedPolicies.size + ps.customerManagedPolicies.size >= LIMITS.policiesPerPermissionSet) {
    throw new ServiceQuotaExceededException(
      `You have exceeded AWS SSO limits. Cannot attach more than ${LIMITS.policiesPerPermissionSet} managed and customer managed policies to ${permissionSetId(ps.arn)}. Please refer to ${LIMITS_URL}`,
    );
  }
}

export function customerPolicyReference(value: unknown): CustomerManagedPolicyReference {
  const ref = value as { Name: string; Path?: string };
  return { Name: ref.Name, Path: ref.Path ?? '/' };
}

const customerKey = (ref: CustomerManagedPolicyReference) => `${ref.Path}${ref.Name}`;

export const attachManagedPolicyToPermissionSet: Operation = (input, ctx) => {
  validate(input, { ...TARGET, ManagedPolicyArn: MANAGED_POLICY_ARN });
  const ps = findPermissionSet(ctx, input);
  const arn = str(input, 'ManagedPolicyArn');
  if (ps.managedPolicies.has(arn)) {
    throw new ConflictException(`Permission set ${permissionSetId(ps.arn)} already has managed policy ${arn} attached.`);
  }
  requireRoom(ps);
  ps.managedPolicies.set(arn, { Name: arn.slice(arn.lastIndexOf('/') + 1), Arn: arn });
  markOutdated(ps);
  return {};
};

export const detachManagedPolicyFromPermissionSet: Operation = (input, ctx) => {
  validate(input, { ...TARGET, ManagedPolicyArn: MANAGED_POLICY_ARN });
  const ps = findPermissionSet(ctx, input);
  const arn = str(input, 'ManagedPolicyArn');
  if (!ps.managedPolicies.delete(arn)) {
    throw new ResourceNotFoundException(`Managed policy ${arn} is not attached to permission set ${permissionSetId(ps.arn)}.`);
  }
  markOutdated(ps);
  return {};
};

export const listManagedPoliciesInPermissionSet: Operation = (input, ctx) => {
  validate(input, { ...TARGET, ...PAGED });
  const ps = findPermissionSet(ctx, input);
  const page = paginate([...ps.managedPolicies.values()], input, 'ListManagedPoliciesInPermissionSet');
  return withToken({ AttachedManagedPolicies: page.items }, page.nextToken);
};

export const attachCustomerManagedPolicyReferenceToPermissionSet: Operation = (input, ctx) => {
  validate(input, { ...TARGET, CustomerManagedPolicyReference: CUSTOMER_POLICY_REFERENCE });
  const ps = findPermissionSet(ctx, input);
  const ref = customerPolicyReference(input.CustomerManagedPolicyReference);
  if (ps.customerManagedPolicies.has(customerKey(ref))) {
    throw new ConflictException(`Permission set ${permissionSetId(ps.arn)} already references customer managed policy ${customerKey(ref)}.`);
  }
  requireRoom(ps);
  ps.customerManagedPolicies.set(customerKey(ref), ref);
  markOutdated(ps);
  return {};
};

export const detachCustomerManagedPolicyReferenceFromPermissionSet: Operation = (input, ctx) => {
  validate(input, { ...TARGET, CustomerManagedPolicyReference: CUSTOMER_POLICY_REFERENCE });
  const ps = findPermissionSet(ctx, input);
  const ref = customerPolicyReference(input.CustomerManagedPolicyReference);
  if (!ps.customerManagedPolicies.delete(customerKey(ref))) {
    throw new ResourceNotFoundException(`Customer managed policy ${customerKey(ref)} is not attached to permission set ${permissionSetId(ps.arn)}.`);
  }
  markOutdated(ps);
  return {};
};

export const listCustomerManagedPolicyReferencesInPermissionSet: Operation = (input, ctx) => {
  validate(input, { ...TARGET, ...PAGED });
  const ps = findPermissionSet(ctx, input);
  const page = paginate([...ps.customerManagedPolicies.values()], input, 'ListCustomerManagedPolicyReferencesInPermissionSet');
  return withToken({ CustomerManagedPolicyReferences: page.items }, page.nextToken);
};
