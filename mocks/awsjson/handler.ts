import { http, HttpResponse, RequestHandler } from 'msw';
import type { EmulatorState } from '../store';
import { AwsJsonError, SerializationException, ThrottlingException, UnknownOperationException } from './errors';
import { admitCall, type ApiThrottle } from './throttle';

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export type JsonObject = Record<string, unknown>;

export interface OperationContext {
  readonly state: EmulatorState;
  /** The x-amzn-RequestId of this call (Identity Store errors repeat it as `RequestId`). */
  readonly requestId: string;
}

/** One resolver per AWS operation: input JSON in, output JSON out, or a thrown AwsJsonError. */
export type Operation = (input: JsonObject, ctx: OperationContext) => JsonObject | Promise<JsonObject>;

export interface AwsJsonServiceSpec {
  /** The X-Amz-Target prefix, e.g. `SWBExternalService`. */
  readonly targetPrefix: string;
  readonly operations: Readonly<Record<string, Operation>>;
  /** Runs before every operation (e.g. settling asynchronous requests that are due). */
  readonly before?: (ctx: OperationContext) => void;
  /** The service's request-rate limit (see ./throttle.ts); checked before the input is read. */
  readonly throttle?: ApiThrottle;
  /** Adds service-specific members to every error body (Identity Store adds RequestId). */
  readonly decorateError?: (err: AwsJsonError, ctx: OperationContext) => Record<string, string>;
}

/**
 * An MSW handler for one awsJson 1.1 service. It matches `POST /` on any host and only when the
 * X-Amz-Target belongs to the service, returning undefined otherwise so the next handler can match.
 */
export function awsJsonHandler(state: EmulatorState, spec: AwsJsonServiceSpec): RequestHandler {
  const prefix = `${spec.targetPrefix}.`;
  return http.post('*', async ({ request }) => {
    if (new URL(request.url).pathname !== '/') return undefined;
    const target = request.headers.get('x-amz-target');
    if (!target?.startsWith(prefix)) return undefined;
    const ctx: OperationContext = { state, requestId: state.ids.uuid() };
    try {
      const name = target.slice(prefix.length);
      const operation = Object.hasOwn(spec.operations, name) ? spec.operations[name] : undefined;
      if (!operation) throw new UnknownOperationException(`The operation ${name} is not supported by ${spec.targetPrefix}.`);
      const contentType = request.headers.get('content-type') ?? '';
      if (!contentType.toLowerCase().startsWith(AWS_JSON_CONTENT_TYPE)) {
        throw new UnknownOperationException(`Expected content-type ${AWS_JSON_CONTENT_TYPE}, got '${contentType}'.`);
      }
      if (spec.throttle && !admitCall(state, spec.throttle, name)) throw new ThrottlingException();
      const input = parseBody(await request.text());
      spec.before?.(ctx);
      return jsonResponse(200, await operation(input, ctx), ctx.requestId);
    } catch (err) {
      if (!(err instanceof AwsJsonError)) throw err;
      const body = { __type: err.type, Message: err.message, ...err.fields, ...spec.decorateError?.(err, ctx) };
      return jsonResponse(err.status, body, ctx.requestId, { 'x-amzn-errortype': err.type });
    }
  });
}

function parseBody(text: string): JsonObject {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SerializationException('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SerializationException('The request body must be a JSON object.');
  }
  return parsed as JsonObject;
}

function jsonResponse(status: number, body: unknown, requestId: string, extra: Record<string, string> = {}): Response {
  return new HttpResponse(JSON.stringify(body), {
    status,
    headers: { 'content-type': AWS_JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId, ...extra },
  });
}

/** awsJson timestamps are epoch seconds with a fraction (aws-behavior.md §3.1). */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
