import { ConflictException, ServiceQuotaExceededException } from '../awsjson/errors';
import type { Operation } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { optStr, str, validate } from '../awsjson/validate';
import type { StoredPermissionSet } from '../store';
import {
  FIELDS, findPermissionSet, markOutdated, PAGED, permissionSetId, renderPermissionSet, requireInstance, requireSessionDuration,
} from './common';
import { applyTags, TAG_LIST } from './tag-shapes';
import { DEFAULT_SESSION_DURATION, LIMITS_URL, PATTERNS } from './urn';

const ATTRIBUTES = {
  Description: { kind: 'string', min: 1, max: 700, pattern: PATTERNS.description },
  SessionDuration: { kind: 'string', min: 1, max: 100, pattern: PATTERNS.sessionDuration },
  RelayState: { kind: 'string', min: 1, max: 240, pattern: PATTERNS.relayState },
} as const;

export const createPermissionSet: Operation = (input, ctx) => {
  validate(input, {
    Name: { kind: 'string', required: true, min: 1, max: 32, pattern: PATTERNS.permissionSetName },
    InstanceArn: FIELDS.InstanceArn,
    ...ATTRIBUTES,
    Tags: TAG_LIST,
  });
  requireInstance(ctx, input);
  const name = str(input, 'Name');
  const sessionDuration = optStr(input, 'SessionDuration') ?? DEFAULT_SESSION_DURATION;
  requireSessionDuration(sessionDuration);
  const { sso } = ctx.state;
  // Name comparison is exact: AWS's case rule is unpublished (aws-behavior.md §5.3).
  if ([...sso.permissionSets.values()].some((ps) => ps.name === name)) {
    throw new ConflictException(`PermissionSet with name ${name} already exists.`);
  }
  const quota = ctx.state.options.permissionSetsPerInstance;
  if (sso.permissionSets.size >= quota) {
    throw new ServiceQuotaExceededException(
      `You have exceeded AWS SSO limits: an instance holds at most ${quota} permission sets. Delete one, or ask AWS to raise the quota. Please refer to ${LIMITS_URL}`,
    );
  }
  const instanceId = ctx.state.instanceArn.slice(ctx.state.instanceArn.indexOf('/') + 1);
  const tags = new Map<string, string>();
  applyTags(tags, input.Tags);
  const permissionSet: StoredPermissionSet = {
    arn: `arn:aws:sso:::permissionSet/${instanceId}/ps-${ctx.state.ids.hex(16)}`,
    name,
    description: optStr(input, 'Description'),
    sessionDuration,
    relayState: optStr(input, 'RelayState'),
    createdDate: ctx.state.clock.now(),
    managedPolicies: new Map(),
    customerManagedPolicies: new Map(),
    tags,
    provisionedTo: new Map(),
  };
  sso.permissionSets.set(permissionSet.arn, permissionSet);
  return { PermissionSet: renderPermissionSet(permissionSet) };
};

export const describePermissionSet: Operation = (input, ctx) => {
  validate(input, { InstanceArn: FIELDS.InstanceArn, PermissionSetArn: FIELDS.PermissionSetArn });
  return { PermissionSet: renderPermissionSet(findPermissionSet(ctx, input)) };
};

export const updatePermissionSet: Operation = (input, ctx) => {
  validate(input, { InstanceArn: FIELDS.InstanceArn, PermissionSetArn: FIELDS.PermissionSetArn, ...ATTRIBUTES });
  const permissionSet = findPermissionSet(ctx, input);
  const sessionDuration = optStr(input, 'SessionDuration');
  if (sessionDuration !== undefined) requireSessionDuration(sessionDuration);
  const description = optStr(input, 'Description');
  if (description !== undefined) permissionSet.description = description;
  if (sessionDuration !== undefined) permissionSet.sessionDuration = sessionDuration;
  // AWS clears RelayState when an update omits it, which is why clients always resend it.
  permissionSet.relayState = optStr(input, 'RelayState');
  markOutdated(permissionSet);
  return {};
};

export const deletePermissionSet: Operation = (input, ctx) => {
  validate(input, { InstanceArn: FIELDS.InstanceArn, PermissionSetArn: FIELDS.PermissionSetArn });
  const permissionSet = findPermissionSet(ctx, input);
  const { sso } = ctx.state;
  const assigned = sso.assignments.some((a) => a.permissionSetArn === permissionSet.arn);
  const pending = [...sso.requests.values()].some(
    (r) => r.status === 'IN_PROGRESS' && (r.work.kind === 'provision' ? r.work.permissionSetArn : r.work.assignment.permissionSetArn) === permissionSet.arn,
  );
  if (assigned || pending || permissionSet.provisionedTo.size > 0) {
    // The head of this message is observed from AWS; its tail is not published.
    throw new ConflictException(
      `Could not delete because PermissionSet ${permissionSetId(permissionSet.arn)} has account assignments or is provisioned to ${permissionSet.provisionedTo.size} account(s). Delete its account assignments first.`,
    );
  }
  sso.permissionSets.delete(permissionSet.arn);
  return {};
};

export const listPermissionSets: Operation = (input, ctx) => {
  validate(input, { InstanceArn: FIELDS.InstanceArn, ...PAGED });
  requireInstance(ctx, input);
  const page = paginate([...ctx.state.sso.permissionSets.keys()], input, 'ListPermissionSets');
  return withToken({ PermissionSets: page.items }, page.nextToken);
};
