import { ValidationException } from '../awsjson/errors';
import { epochSeconds, JsonObject, Operation } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { optStr, str, validate } from '../awsjson/validate';
import type { AsyncRequest } from '../store';
import { FIELDS, findPermissionSet, findRequest, PAGED, renderStatusSummary, requireInstance, startRequest, statusFilter } from './common';
import { PATTERNS, PROVISION_TARGET_TYPES, PROVISIONING_STATUS, STATUS_VALUES } from './urn';

function render(request: AsyncRequest): JsonObject {
  const work = request.work as Extract<AsyncRequest['work'], { kind: 'provision' }>;
  return {
    Status: request.status,
    RequestId: request.requestId,
    ...(work.accountId !== undefined && { AccountId: work.accountId }),
    PermissionSetArn: work.permissionSetArn,
    ...(request.failureReason !== undefined && { FailureReason: request.failureReason }),
    CreatedDate: epochSeconds(request.createdDate),
  };
}

export const provisionPermissionSet: Operation = (input, ctx) => {
  validate(input, {
    InstanceArn: FIELDS.InstanceArn,
    PermissionSetArn: FIELDS.PermissionSetArn,
    TargetId: { kind: 'string', pattern: PATTERNS.accountId },
    TargetType: { kind: 'string', required: true, enum: PROVISION_TARGET_TYPES },
  });
  const ps = findPermissionSet(ctx, input);
  const targetId = optStr(input, 'TargetId');
  const all = str(input, 'TargetType') === 'ALL_PROVISIONED_ACCOUNTS';
  if (!all && targetId === undefined) {
    throw new ValidationException('TargetId is required when TargetType is AWS_ACCOUNT; give the 12-digit account id.');
  }
  if (all && targetId !== undefined) {
    throw new ValidationException('TargetId must be omitted when TargetType is ALL_PROVISIONED_ACCOUNTS.');
  }
  const request = startRequest(ctx, { kind: 'provision', permissionSetArn: ps.arn, ...(!all && { accountId: targetId }) });
  return { PermissionSetProvisioningStatus: render(request) };
};

export const describePermissionSetProvisioningStatus: Operation = (input, ctx) => {
  validate(input, {
    InstanceArn: FIELDS.InstanceArn,
    ProvisionPermissionSetRequestId: { kind: 'string', required: true, pattern: PATTERNS.requestId },
  });
  requireInstance(ctx, input);
  return { PermissionSetProvisioningStatus: render(findRequest(ctx, str(input, 'ProvisionPermissionSetRequestId'), 'provision')) };
};

const STATUS_FILTER = { kind: 'structure', fields: { Status: { kind: 'string', enum: STATUS_VALUES } } } as const;

export const listPermissionSetProvisioningStatus: Operation = (input, ctx) => {
  validate(input, { InstanceArn: FIELDS.InstanceArn, Filter: STATUS_FILTER, ...PAGED });
  requireInstance(ctx, input);
  const matching = [...ctx.state.sso.requests.values()].filter((r) => r.work.kind === 'provision').filter(statusFilter(input));
  const page = paginate(matching.map(renderStatusSummary), input, 'ListPermissionSetProvisioningStatus');
  return withToken({ PermissionSetsProvisioningStatus: page.items }, page.nextToken);
};

const PROVISIONING_FILTER = { kind: 'string', enum: PROVISIONING_STATUS } as const;

function matchesProvisioning(input: JsonObject, latest: boolean): boolean {
  const wanted = optStr(input, 'ProvisioningStatus');
  if (wanted === undefined) return true;
  return (wanted === 'LATEST_PERMISSION_SET_PROVISIONED') === latest;
}

export const listAccountsForProvisionedPermissionSet: Operation = (input, ctx) => {
  validate(input, { InstanceArn: FIELDS.InstanceArn, PermissionSetArn: FIELDS.PermissionSetArn, ProvisioningStatus: PROVISIONING_FILTER, ...PAGED });
  const ps = findPermissionSet(ctx, input);
  const accounts = [...ps.provisionedTo].filter(([, { latest }]) => matchesProvisioning(input, latest)).map(([id]) => id);
  const page = paginate(accounts, input, 'ListAccountsForProvisionedPermissionSet');
  return withToken({ AccountIds: page.items }, page.nextToken);
};

export const listPermissionSetsProvisionedToAccount: Operation = (input, ctx) => {
  validate(input, { InstanceArn: FIELDS.InstanceArn, AccountId: FIELDS.AccountId, ProvisioningStatus: PROVISIONING_FILTER, ...PAGED });
  requireInstance(ctx, input);
  const accountId = str(input, 'AccountId');
  const arns = [...ctx.state.sso.permissionSets.values()]
    .filter((ps) => {
      const entry = ps.provisionedTo.get(accountId);
      return entry !== undefined && matchesProvisioning(input, entry.latest);
    })
    .map((ps) => ps.arn);
  const page = paginate(arns, input, 'ListPermissionSetsProvisionedToAccount');
  return withToken({ PermissionSets: page.items }, page.nextToken);
};
