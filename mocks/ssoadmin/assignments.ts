import { ResourceNotFoundException, ServiceQuotaExceededException, ThrottlingException } from '../awsjson/errors';
import { epochSeconds, JsonObject, Operation, OperationContext } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { obj, optStr, str, validate } from '../awsjson/validate';
import type { AsyncRequest, PrincipalType, StoredAssignment } from '../store';
import { FIELDS, findPermissionSet, findRequest, PAGED, renderStatusSummary, requireInstance, startRequest, statusFilter } from './common';
import { LIMITS, LIMITS_URL, PATTERNS, PRINCIPAL_TYPES, STATUS_VALUES, TARGET_TYPES } from './urn';

const ASSIGNMENT = {
  InstanceArn: FIELDS.InstanceArn,
  TargetId: { kind: 'string', required: true, pattern: PATTERNS.accountId },
  TargetType: { kind: 'string', required: true, enum: TARGET_TYPES },
  PermissionSetArn: FIELDS.PermissionSetArn,
  PrincipalType: { kind: 'string', required: true, enum: PRINCIPAL_TYPES },
  PrincipalId: { kind: 'string', required: true, min: 1, max: 47, pattern: PATTERNS.principalId },
} as const;

function assignmentOf(input: JsonObject): StoredAssignment {
  return {
    accountId: str(input, 'TargetId'),
    permissionSetArn: str(input, 'PermissionSetArn'),
    principalType: str(input, 'PrincipalType') as PrincipalType,
    principalId: str(input, 'PrincipalId'),
  };
}

function renderStatus(request: AsyncRequest): JsonObject {
  const { assignment } = request.work as Extract<AsyncRequest['work'], { assignment: StoredAssignment }>;
  return {
    Status: request.status,
    RequestId: request.requestId,
    ...(request.failureReason !== undefined && { FailureReason: request.failureReason }),
    TargetId: assignment.accountId,
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: assignment.permissionSetArn,
    PrincipalType: assignment.principalType,
    PrincipalId: assignment.principalId,
    CreatedDate: epochSeconds(request.createdDate),
  };
}

function renderAssignment(a: StoredAssignment): JsonObject {
  return { AccountId: a.accountId, PermissionSetArn: a.permissionSetArn, PrincipalType: a.principalType, PrincipalId: a.principalId };
}

function outstandingCreates(ctx: OperationContext): number {
  return [...ctx.state.sso.requests.values()].filter((r) => r.status === 'IN_PROGRESS' && r.work.kind === 'assignment-create').length;
}

/** Groups holding (or about to hold) the permission set in the account, counting in-flight creations. */
function groupsAssigned(ctx: OperationContext, accountId: string, permissionSetArn: string): Set<string> {
  const { sso } = ctx.state;
  const same = (a: StoredAssignment) => a.principalType === 'GROUP' && a.accountId === accountId && a.permissionSetArn === permissionSetArn;
  const groups = new Set(sso.assignments.filter(same).map((a) => a.principalId));
  for (const r of sso.requests.values()) {
    if (r.status === 'IN_PROGRESS' && r.work.kind === 'assignment-create' && same(r.work.assignment)) groups.add(r.work.assignment.principalId);
  }
  return groups;
}

function requireGroupQuota(ctx: OperationContext, wanted: StoredAssignment): void {
  if (wanted.principalType !== 'GROUP') return;
  const groups = groupsAssigned(ctx, wanted.accountId, wanted.permissionSetArn);
  if (groups.has(wanted.principalId) || groups.size < LIMITS.groupsPerPermissionSetPerAccount) return;
  throw new ServiceQuotaExceededException(
    `You have exceeded AWS SSO limits: a permission set can be assigned to at most ${LIMITS.groupsPerPermissionSetPerAccount} groups in account ${wanted.accountId}. Please refer to ${LIMITS_URL}`,
  );
}

/**
 * Whether the principal exists and the account is in the organization is decided when the request
 * settles, reported as FAILED with a FailureReason, as AWS reports problems found while provisioning.
 */
export const createAccountAssignment: Operation = (input, ctx) => {
  validate(input, ASSIGNMENT);
  findPermissionSet(ctx, input);
  // The quota is published; the error for exceeding it is not ([U]). Throttling makes SDKs back off and retry.
  if (outstandingCreates(ctx) >= LIMITS.outstandingAssignmentCreates) {
    throw new ThrottlingException(
      `Rate exceeded: at most ${LIMITS.outstandingAssignmentCreates} CreateAccountAssignment requests may be IN_PROGRESS; wait for one to finish.`,
    );
  }
  const wanted = assignmentOf(input);
  requireGroupQuota(ctx, wanted);
  const request = startRequest(ctx, { kind: 'assignment-create', assignment: wanted });
  return { AccountAssignmentCreationStatus: renderStatus(request) };
};

export const deleteAccountAssignment: Operation = (input, ctx) => {
  validate(input, ASSIGNMENT);
  findPermissionSet(ctx, input);
  const assignment = assignmentOf(input);
  const { sso } = ctx.state;
  const pendingCreate = sso.pendingFor(assignment).some((r) => r.work.kind === 'assignment-create');
  if (!sso.findAssignment(assignment) && !pendingCreate) {
    throw new ResourceNotFoundException(
      `Account assignment not found: ${assignment.principalType} ${assignment.principalId} has no assignment of ${assignment.permissionSetArn} in account ${assignment.accountId}.`,
    );
  }
  const request = startRequest(ctx, { kind: 'assignment-delete', assignment });
  return { AccountAssignmentDeletionStatus: renderStatus(request) };
};

export const describeAccountAssignmentCreationStatus: Operation = (input, ctx) => {
  validate(input, {
    InstanceArn: FIELDS.InstanceArn,
    AccountAssignmentCreationRequestId: { kind: 'string', required: true, pattern: PATTERNS.requestId },
  });
  requireInstance(ctx, input);
  const request = findRequest(ctx, str(input, 'AccountAssignmentCreationRequestId'), 'assignment-create');
  return { AccountAssignmentCreationStatus: renderStatus(request) };
};

export const describeAccountAssignmentDeletionStatus: Operation = (input, ctx) => {
  validate(input, {
    InstanceArn: FIELDS.InstanceArn,
    AccountAssignmentDeletionRequestId: { kind: 'string', required: true, pattern: PATTERNS.requestId },
  });
  requireInstance(ctx, input);
  const request = findRequest(ctx, str(input, 'AccountAssignmentDeletionRequestId'), 'assignment-delete');
  return { AccountAssignmentDeletionStatus: renderStatus(request) };
};

const STATUS_FILTER = { kind: 'structure', fields: { Status: { kind: 'string', enum: STATUS_VALUES } } } as const;

function listStatus(kind: 'assignment-create' | 'assignment-delete', member: string, operation: string): Operation {
  return (input, ctx) => {
    validate(input, { InstanceArn: FIELDS.InstanceArn, Filter: STATUS_FILTER, ...PAGED });
    requireInstance(ctx, input);
    const matching = [...ctx.state.sso.requests.values()].filter((r) => r.work.kind === kind).filter(statusFilter(input));
    const page = paginate(matching.map(renderStatusSummary), input, operation);
    return withToken({ [member]: page.items }, page.nextToken);
  };
}

export const listAccountAssignmentCreationStatus = listStatus(
  'assignment-create', 'AccountAssignmentsCreationStatus', 'ListAccountAssignmentCreationStatus',
);
export const listAccountAssignmentDeletionStatus = listStatus(
  'assignment-delete', 'AccountAssignmentsDeletionStatus', 'ListAccountAssignmentDeletionStatus',
);

export const listAccountAssignments: Operation = (input, ctx) => {
  validate(input, { InstanceArn: FIELDS.InstanceArn, AccountId: FIELDS.AccountId, PermissionSetArn: FIELDS.PermissionSetArn, ...PAGED });
  const ps = findPermissionSet(ctx, input);
  const accountId = str(input, 'AccountId');
  const matching = ctx.state.sso.assignments.filter((a) => a.accountId === accountId && a.permissionSetArn === ps.arn);
  const page = paginate(matching.map(renderAssignment), input, 'ListAccountAssignments');
  return withToken({ AccountAssignments: page.items }, page.nextToken);
};

export const listAccountAssignmentsForPrincipal: Operation = (input, ctx) => {
  validate(input, {
    InstanceArn: FIELDS.InstanceArn,
    PrincipalId: ASSIGNMENT.PrincipalId,
    PrincipalType: ASSIGNMENT.PrincipalType,
    Filter: { kind: 'structure', fields: { AccountId: { kind: 'string', pattern: PATTERNS.accountId } } },
    ...PAGED,
  });
  requireInstance(ctx, input);
  const accountId = optStr(obj(input, 'Filter') ?? {}, 'AccountId');
  const matching = ctx.state.sso
    .assignmentsFor(str(input, 'PrincipalType') as PrincipalType, str(input, 'PrincipalId'))
    .filter((a) => accountId === undefined || a.accountId === accountId);
  const page = paginate(matching.map(renderAssignment), input, 'ListAccountAssignmentsForPrincipal');
  return withToken({ AccountAssignments: page.items }, page.nextToken);
};
