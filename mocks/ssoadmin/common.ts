import { epochSeconds, JsonObject, OperationContext } from '../awsjson/handler';
import { ResourceNotFoundException, ValidationException } from '../awsjson/errors';
import type { FieldSpec } from '../awsjson/validate';
import type { AsyncRequest, StoredPermissionSet } from '../store';
import { LIMITS, PATTERNS } from './urn';

/** Schema members shared by many SSO Admin operations. */
export const FIELDS = {
  InstanceArn: { kind: 'string', required: true, min: 10, max: 1224, pattern: PATTERNS.instanceArn },
  PermissionSetArn: { kind: 'string', required: true, min: 10, max: 1224, pattern: PATTERNS.permissionSetArn },
  AccountId: { kind: 'string', required: true, pattern: PATTERNS.accountId },
  MaxResults: { kind: 'integer', min: 1, max: 100 },
  NextToken: { kind: 'string', max: 2048, pattern: PATTERNS.nextToken },
} as const satisfies Record<string, FieldSpec>;

export const PAGED = { MaxResults: FIELDS.MaxResults, NextToken: FIELDS.NextToken } as const;

/** The caller's InstanceArn must name this emulator's one instance (one instance per account). */
export function requireInstance(ctx: OperationContext, input: JsonObject): void {
  const arn = input.InstanceArn as string;
  if (arn !== ctx.state.instanceArn) throw new ResourceNotFoundException(`Instance ${arn} does not exist.`);
}

export function permissionSetId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The permission set, which must belong to the instance named in the same request. */
export function findPermissionSet(ctx: OperationContext, input: JsonObject, member = 'PermissionSetArn'): StoredPermissionSet {
  requireInstance(ctx, input);
  const arn = input[member] as string;
  const instanceId = ctx.state.instanceArn.slice(ctx.state.instanceArn.indexOf('/') + 1);
  const found = ctx.state.sso.permissionSets.get(arn);
  if (!found || !arn.includes(`/${instanceId}/`)) {
    throw new ResourceNotFoundException(`Could not find PermissionSet with id ${permissionSetId(arn)}`);
  }
  return found;
}

/** A change to what a permission set grants leaves every account on an older version until re-provisioned. */
export function markOutdated(permissionSet: StoredPermissionSet): void {
  for (const entry of permissionSet.provisionedTo.values()) entry.latest = false;
}

export function renderPermissionSet(ps: StoredPermissionSet): JsonObject {
  return {
    Name: ps.name,
    PermissionSetArn: ps.arn,
    ...(ps.description !== undefined && { Description: ps.description }),
    CreatedDate: epochSeconds(ps.createdDate),
    SessionDuration: ps.sessionDuration,
    ...(ps.relayState !== undefined && { RelayState: ps.relayState }),
  };
}

/** The short status entries of the List*Status calls. */
export function renderStatusSummary(request: AsyncRequest): JsonObject {
  return { Status: request.status, RequestId: request.requestId, CreatedDate: epochSeconds(request.createdDate) };
}

/** Starts an asynchronous request: IN_PROGRESS now, settling `asyncSettleMs` later. */
export function startRequest(ctx: OperationContext, work: AsyncRequest['work']): AsyncRequest {
  const created = ctx.state.clock.now();
  const request: AsyncRequest = {
    requestId: ctx.state.ids.uuid(),
    status: 'IN_PROGRESS',
    createdDate: created,
    settlesAt: created.getTime() + ctx.state.options.asyncSettleMs,
    work,
  };
  ctx.state.sso.requests.set(request.requestId, request);
  return request;
}

/** A request of the given kind, or the ResourceNotFoundException AWS gives for an unknown id. */
export function findRequest(ctx: OperationContext, requestId: string, kind: AsyncRequest['work']['kind']): AsyncRequest {
  const request = ctx.state.sso.requests.get(requestId);
  if (!request || request.work.kind !== kind) throw new ResourceNotFoundException(`Request ${requestId} not found.`);
  return request;
}

/** The `Filter: {Status}` of the List*Status calls. */
export function statusFilter(input: JsonObject): (r: AsyncRequest) => boolean {
  const filter = input.Filter as { Status?: string } | undefined;
  return (r) => filter?.Status === undefined || r.status === filter.Status;
}

/** Seconds in an ISO-8601 duration already matched by PATTERNS.sessionDuration (Y/M are not fixed lengths: NaN). */
export function durationSeconds(iso: string): number {
  const m = new RegExp(`^${PATTERNS.sessionDuration}$`).exec(iso);
  if (!m || m[1] === '-' || m[2] !== undefined || m[3] !== undefined) return Number.NaN;
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  const days = m[5] === 'W' ? n(m[4]) * 7 : n(m[4]);
  return days * 86_400 + n(m[6]) * 3_600 + n(m[7]) * 60 + n(m[8]);
}

export function requireSessionDuration(value: string): void {
  const seconds = durationSeconds(value);
  if (!(seconds >= LIMITS.sessionMinSeconds && seconds <= LIMITS.sessionMaxSeconds)) {
    throw new ValidationException(
      `Invalid SessionDuration '${value}': a permission set session lasts from 1 to 12 hours, as an ISO-8601 duration such as PT1H or PT12H.`,
    );
  }
}
