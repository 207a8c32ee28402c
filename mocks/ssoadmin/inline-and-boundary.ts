import { ResourceNotFoundException, ValidationException } from '../awsjson/errors';
import type { Operation } from '../awsjson/handler';
import { obj, str, validate } from '../awsjson/validate';
import type { PermissionsBoundary } from '../store';
import { FIELDS, findPermissionSet, markOutdated, permissionSetId } from './common';
import { CUSTOMER_POLICY_REFERENCE, customerPolicyReference } from './managed-policies';
import { LIMITS, PATTERNS } from './urn';

const TARGET = { InstanceArn: FIELDS.InstanceArn, PermissionSetArn: FIELDS.PermissionSetArn } as const;

/**
 * IAM would refuse a malformed policy when the permission set is provisioned; refusing it here
 * makes the mistake surface at the call that made it.
 */
function requirePolicyDocument(policy: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch (err) {
    throw new ValidationException(`The InlinePolicy is not valid JSON (${(err as Error).message}); send an IAM policy document.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !('Statement' in parsed)) {
    throw new ValidationException('The InlinePolicy must be an IAM policy document: a JSON object with a Statement.');
  }
  const significant = policy.replace(/\s/g, '').length;
  if (significant > LIMITS.inlinePolicyNonWhitespace) {
    throw new ValidationException(
      `The InlinePolicy has ${significant} non-whitespace characters; IAM allows at most ${LIMITS.inlinePolicyNonWhitespace}. Split it into customer managed policies.`,
    );
  }
}

export const putInlinePolicyToPermissionSet: Operation = (input, ctx) => {
  validate(input, {
    ...TARGET,
    InlinePolicy: { kind: 'string', required: true, min: 1, max: LIMITS.inlinePolicyChars, pattern: PATTERNS.inlinePolicy },
  });
  const ps = findPermissionSet(ctx, input);
  const policy = str(input, 'InlinePolicy');
  requirePolicyDocument(policy);
  ps.inlinePolicy = policy;
  markOutdated(ps);
  return {};
};

export const getInlinePolicyForPermissionSet: Operation = (input, ctx) => {
  validate(input, TARGET);
  const ps = findPermissionSet(ctx, input);
  // No inline policy: AWS answers without one rather than with an error.
  return ps.inlinePolicy === undefined ? {} : { InlinePolicy: ps.inlinePolicy };
};

export const deleteInlinePolicyFromPermissionSet: Operation = (input, ctx) => {
  validate(input, TARGET);
  const ps = findPermissionSet(ctx, input);
  if (ps.inlinePolicy !== undefined) {
    ps.inlinePolicy = undefined;
    markOutdated(ps);
  }
  return {};
};

export const putPermissionsBoundaryToPermissionSet: Operation = (input, ctx) => {
  validate(input, {
    ...TARGET,
    PermissionsBoundary: {
      kind: 'structure',
      required: true,
      fields: {
        ManagedPolicyArn: { kind: 'string', min: 20, max: 2048, pattern: PATTERNS.managedPolicyArn },
        CustomerManagedPolicyReference: { ...CUSTOMER_POLICY_REFERENCE, required: false },
      },
    },
  });
  const ps = findPermissionSet(ctx, input);
  const given = obj(input, 'PermissionsBoundary') ?? {};
  const hasManaged = typeof given.ManagedPolicyArn === 'string';
  const hasCustomer = given.CustomerManagedPolicyReference !== undefined && given.CustomerManagedPolicyReference !== null;
  if (hasManaged === hasCustomer) {
    throw new ValidationException(
      'A PermissionsBoundary takes exactly one of ManagedPolicyArn or CustomerManagedPolicyReference.',
    );
  }
  const boundary: PermissionsBoundary = hasManaged
    ? { ManagedPolicyArn: given.ManagedPolicyArn as string }
    : { CustomerManagedPolicyReference: customerPolicyReference(given.CustomerManagedPolicyReference) };
  ps.permissionsBoundary = boundary;
  markOutdated(ps);
  return {};
};

export const getPermissionsBoundaryForPermissionSet: Operation = (input, ctx) => {
  validate(input, TARGET);
  const ps = findPermissionSet(ctx, input);
  if (!ps.permissionsBoundary) {
    throw new ResourceNotFoundException(`Permission set ${permissionSetId(ps.arn)} has no permissions boundary.`);
  }
  return { PermissionsBoundary: ps.permissionsBoundary };
};

export const deletePermissionsBoundaryFromPermissionSet: Operation = (input, ctx) => {
  validate(input, TARGET);
  const ps = findPermissionSet(ctx, input);
  if (!ps.permissionsBoundary) {
    throw new ResourceNotFoundException(`Permission set ${permissionSetId(ps.arn)} has no permissions boundary.`);
  }
  ps.permissionsBoundary = undefined;
  markOutdated(ps);
  return {};
};
