import type { IncomingMessage, ServerResponse } from 'node:http';
import { addBeforeDispatch } from '../../mocks/server';
import type { EmulatorState } from '../../mocks/store';

/** Requests and throttled answers per operation, as the emulator saw them. */
export interface Traffic {
  readonly requests: number;
  readonly throttled: number;
  /** Per operation, with when its first and last answer went out (ms since the phase began). */
  readonly byOperation: Record<string, OperationTraffic>;
}

export interface OperationTraffic {
  readonly requests: number;
  readonly throttled: number;
  readonly firstMs: number;
  readonly lastMs: number;
}

const SCIM_ID = /\/(Users|Groups)\/[^/?]+$/;

/** The AWS operation a request is: `SCIM CreateUser`, `identitystore:CreateGroupMembership`, `sso:ListAccountAssignments`. */
export function operationOf(req: IncomingMessage): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const [service, op] = target.split('.');
    return `${service.startsWith('SWBExternalService') ? 'sso' : service.startsWith('AWSIdentityStore') ? 'identitystore' : service}:${op}`;
  }
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname;
  // STS speaks the query protocol: the action is in the form body, which this hook does not read.
  if (req.method === 'POST' && path === '/') return 'sts:(query)';
  const kind = path.includes('/Groups') ? 'Group' : path.includes('/Users') ? 'User' : undefined;
  if (path.includes('/scim/v2/') && !kind) return `scim:${path.slice(path.indexOf('/scim/v2/') + 9).split('/')[0]}`;
  if (!path.includes('/scim/v2') || !kind) return `${req.method} ${path.replace(/\/[0-9a-f-]{20,}/g, '/{id}')}`;
  const one = SCIM_ID.test(path);
  const verb: Record<string, string> = { POST: 'Create', PUT: 'Put', PATCH: 'Patch', DELETE: 'Delete', GET: one ? 'Get' : 'List' };
  const op = `scim:${verb[req.method ?? 'GET'] ?? req.method}${kind}${verb[req.method ?? ''] === 'List' || (!one && req.method === 'GET') ? 's' : ''}`;
  // A group's member query is a ListUsers too (AWS's budget is per API), told apart for where the time goes.
  return op === 'scim:ListUsers' && /^groups\.value eq /i.test(url.searchParams.get('filter') ?? '') ? 'scim:ListUsers (member query)' : op;
}

function throttledAnswer(res: ServerResponse, errorType: string | undefined): boolean {
  return res.statusCode === 429 || errorType?.startsWith('ThrottlingException') === true;
}

/** The x-amzn-errortype the server writes: headers given to writeHead are not readable back through getHeader. */
function captureErrorType(res: ServerResponse): () => string | undefined {
  let errorType: string | undefined;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  (res as { writeHead: unknown }).writeHead = (...args: unknown[]) => {
    const headers = args.find((a): a is Record<string, unknown> => typeof a === 'object' && a !== null && !Array.isArray(a));
    const value = headers?.['x-amzn-errortype'];
    if (value !== undefined) errorType = String(value);
    return writeHead(...args);
  };
  return () => errorType;
}

/** Counts every request the emulator answers from now on; `take()` returns the counts so far and starts again. */
export class TrafficCounter {
  private counts = new Map<string, { requests: number; throttled: number; firstMs: number; lastMs: number }>();
  private since = performance.now();

  constructor(state: EmulatorState) {
    addBeforeDispatch(state, (req, res) => {
      const op = operationOf(req);
      const errorType = captureErrorType(res);
      res.once('finish', () => {
        const at = Math.round(performance.now() - this.since);
        const c = this.counts.get(op) ?? { requests: 0, throttled: 0, firstMs: at, lastMs: at };
        c.requests++;
        c.lastMs = at;
        if (throttledAnswer(res, errorType())) c.throttled++;
        this.counts.set(op, c);
      });
      return false;
    });
  }

  take(): Traffic {
    const byOperation = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
    this.counts = new Map();
    this.since = performance.now();
    const all = Object.values(byOperation);
    return { requests: all.reduce((n, c) => n + c.requests, 0), throttled: all.reduce((n, c) => n + c.throttled, 0), byOperation };
  }
}

/** `scim:ListUsers 110, scim:ListGroups 1` */
export function describeTraffic(t: Traffic): string {
  return Object.entries(t.byOperation)
    .map(([op, c]) => `${op} ${c.requests}${c.throttled ? ` (${c.throttled} throttled)` : ''}`)
    .join(', ');
}
