import { HttpResponse, type HttpResponseResolver, type JsonBodyType, type PathParams } from 'msw';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryQuotaError, DIRECTORY_QUOTAS, type EmulatorState } from '../store';
import { ConflictError, NotFoundError, QuotaExceededError, SCIM_ERRORS, ScimError, scimErrorBody, ValidationError } from './errors';
import { scimThrottle, type ScimApiKind } from './throttle';

export interface ScimContext {
  readonly state: EmulatorState;
  readonly request: Request;
  readonly url: URL;
  readonly params: PathParams;
  readonly requestId: string;
}

export type ScimResolver = (ctx: ScimContext) => Promise<Response> | Response;

const CONFLICT_DETAIL = SCIM_ERRORS[409].detail;

/** Names the quota, its value and the way out; AWS's own wording is unpublished. */
function quotaDetail(err: DirectoryQuotaError): string {
  const q = DIRECTORY_QUOTAS[err.resource];
  return `Service quota exceeded: ${q.name} is ${err.quota}. Delete ${q.things} you no longer need or request a quota increase.`;
}

/** Maps directory errors to the SCIM statuses AWS answers with. */
function toScimError(err: unknown): ScimError {
  if (err instanceof ScimError) return err;
  if (err instanceof DirectoryConflictError) return new ConflictError(CONFLICT_DETAIL);
  if (err instanceof DirectoryQuotaError) return new QuotaExceededError(quotaDetail(err));
  if (err instanceof DirectoryNotFoundError) return new NotFoundError(`${err.resource === 'USER' ? 'User' : 'Group'} ${err.id} not found.`);
  return new ScimError(500);
}

export function scimJson(body: JsonBodyType, status = 200, requestId?: string): Response {
  return HttpResponse.json(body, { status, headers: requestId ? { 'x-amzn-RequestId': requestId } : {} });
}

export function scimEmpty(requestId: string): Response {
  return new HttpResponse(null, { status: 204, headers: { 'x-amzn-RequestId': requestId } });
}

export function scimErrorResponse(state: EmulatorState, err: ScimError, requestId: string): Response {
  const now = state.clock.now();
  const retryAfter = err.status === 429 ? state.options.throttle.scimRetryAfterSeconds : undefined;
  return HttpResponse.json(scimErrorBody(err.status, err.message, requestId, now), {
    status: err.status,
    headers: { 'x-amzn-RequestId': requestId, Date: now.toUTCString(), ...(retryAfter !== undefined && { 'Retry-After': String(retryAfter) }) },
  });
}

/**
 * Wraps one SCIM operation: tenant + bearer check (401 for either, as AWS does), the per-API
 * throttle, then the resolver, with every failure rendered in AWS's error envelope.
 */
export function scimRoute(state: EmulatorState, api: string, kind: ScimApiKind, resolve: ScimResolver): HttpResponseResolver {
  return async ({ request, params }) => {
    const requestId = state.ids.uuid();
    try {
      const auth = state.directory.scimTokens.check(request.headers.get('authorization'));
      if (params.tenant !== state.tenantId || !auth.ok) throw new ScimError(401);
      if (!scimThrottle(state).admit(api, kind)) throw new ScimError(429);
      const response = await resolve({ state, request, url: new URL(request.url), params, requestId });
      if (!response.headers.has('x-amzn-RequestId')) response.headers.set('x-amzn-RequestId', requestId);
      return response;
    } catch (err) {
      return scimErrorResponse(state, toScimError(err), requestId);
    }
  };
}

/** Parses a JSON request body; anything unparsable is AWS's generic 400. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    throw new ValidationError();
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}
