import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import { passesThroughWhile } from '../handler-index';
import type { EmulatorState } from '../store';
import { SCIM_ERRORS, type ScimStatus } from '../scim/errors';
import { scimErrorBody } from '../scim/errors';

/** One injected fault: applies to the next `remaining` requests matching method and path. */
export interface Fault {
  readonly id: string;
  /** HTTP method, or undefined for any. */
  readonly method?: string;
  /** Glob over the URL path: `*` matches any run of characters, including `/`. */
  readonly path: string;
  /** Answer with this status instead of the real handler. */
  readonly status?: number;
  /** Body for `status` (JSON); the default is the surface's own error shape. */
  readonly body?: unknown;
  /** Wait this long first; without `status`/`reset` the request then proceeds normally. */
  readonly latencyMs?: number;
  /** Drop the connection (in-process: a network error). */
  readonly reset?: boolean;
  remaining: number;
}

export type FaultInput = Omit<Fault, 'id' | 'remaining'> & { readonly count?: number };

export class FaultInputError extends Error {}

const registries = new WeakMap<EmulatorState, Fault[]>();

export function faultsOf(state: EmulatorState): Fault[] {
  let faults = registries.get(state);
  if (!faults) registries.set(state, (faults = []));
  return faults;
}

export function clearFaults(state: EmulatorState): void {
  faultsOf(state).length = 0;
}

/** Validates and registers a fault; throws FaultInputError naming the bad field. */
export function addFault(state: EmulatorState, input: Record<string, unknown>): Fault {
  const allowed = ['method', 'path', 'status', 'body', 'latencyMs', 'reset', 'count'];
  for (const key of Object.keys(input)) if (!allowed.includes(key)) throw new FaultInputError(`unknown field "${key}"; allowed: ${allowed.join(', ')}`);
  const { method, path, status, latencyMs, reset, count = 1 } = input;
  if (typeof path !== 'string' || !path.startsWith('/') && !path.startsWith('*')) throw new FaultInputError('"path" must be a path glob such as "/*/scim/v2/Users*"');
  if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method))) throw new FaultInputError('"method" must be an HTTP method such as "POST"');
  if (status !== undefined && (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599)) throw new FaultInputError('"status" must be an HTTP status code (100-599)');
  if (latencyMs !== undefined && (!Number.isInteger(latencyMs) || (latencyMs as number) < 0 || (latencyMs as number) > 600_000)) throw new FaultInputError('"latencyMs" must be an integer from 0 to 600000');
  if (reset !== undefined && typeof reset !== 'boolean') throw new FaultInputError('"reset" must be true or false');
  if (!Number.isInteger(count) || (count as number) < 1) throw new FaultInputError('"count" must be a positive integer');
  if (status !== undefined && reset) throw new FaultInputError('give either "status" or "reset", not both');
  if (status === undefined && !reset && latencyMs === undefined) throw new FaultInputError('a fault needs "status", "reset" or "latencyMs"');
  const fault: Fault = {
    id: state.ids.uuid(),
    path,
    remaining: count as number,
    ...(method !== undefined && { method: (method as string).toUpperCase() }),
    ...(status !== undefined && { status: status as number }),
    ...(input.body !== undefined && { body: input.body }),
    ...(latencyMs !== undefined && { latencyMs: latencyMs as number }),
    ...(reset !== undefined && { reset }),
  };
  faultsOf(state).push(fault);
  return fault;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Takes one use of the first fault matching the request, if any. */
function takeFault(state: EmulatorState, method: string, path: string): Fault | undefined {
  const faults = faultsOf(state);
  const index = faults.findIndex((f) => (!f.method || f.method === method) && globToRegExp(f.path).test(path));
  if (index < 0) return undefined;
  const fault = faults[index];
  fault.remaining -= 1;
  if (fault.remaining <= 0) faults.splice(index, 1);
  return fault;
}

function defaultBody(state: EmulatorState, path: string, status: number, requestId: string): unknown {
  if (path.includes('/scim/v2')) {
    const known = (status in SCIM_ERRORS ? status : 500) as ScimStatus;
    return scimErrorBody(status as ScimStatus, SCIM_ERRORS[known].detail, requestId, state.clock.now());
  }
  const name = status === 429 ? 'ThrottlingException' : status >= 500 ? 'InternalServerException' : 'ValidationException';
  return { __type: name, message: status === 429 ? 'Rate exceeded' : `Injected fault (${status})` };
}

/**
 * First handler of the emulator: applies injected faults to every route except the control API.
 * Latency-only faults fall through to the real handler after the wait.
 */
export function faultHandler(state: EmulatorState): RequestHandler {
  const handler = http.all('*', async ({ request }) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/_fake/') || faultsOf(state).length === 0) return undefined;
    const fault = takeFault(state, request.method, path);
    if (!fault) return undefined;
    if (fault.latencyMs) await delay(fault.latencyMs);
    if (fault.reset) return HttpResponse.error();
    if (fault.status === undefined) return undefined;
    const requestId = state.ids.uuid();
    const body = fault.body ?? defaultBody(state, path, fault.status, requestId);
    return HttpResponse.json(body as Record<string, unknown>, { status: fault.status, headers: { 'x-amzn-RequestId': requestId } });
  });
  return passesThroughWhile(handler, () => faultsOf(state).length === 0);
}
