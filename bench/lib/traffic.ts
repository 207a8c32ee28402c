import type { IncomingMessage, ServerResponse } from 'node:http';
import { addBeforeDispatch } from '../../mocks/server';
import type { EmulatorState } from '../../mocks/store';

/** Requests and throttled answers per operation, as the emulator saw them. */
export interface Traffic {
  readonly requests: number;
  readonly throttled: number;
  readonly byOperation: Record<string, { readonly requests: number; readonly throttled: number }>;
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
  return `scim:${verb[req.method ?? 'GET'] ?? req.method}${kind}${verb[req.method ?? ''] === 'List' || (!one && req.method === 'GET') ? 's' : ''}`;
}

function throttledAnswer(res: ServerResponse): boolean {
  return res.statusCode === 429 || res.getHeader('x-amzn-errortype')?.toString().startsWith('ThrottlingException') === true;
}

/** Counts every request the emulator answers from now on; `take()` returns the counts so far and starts again. */
export class TrafficCounter {
  private counts = new Map<string, { requests: number; throttled: number }>();

  constructor(state: EmulatorState) {
    addBeforeDispatch(state, (req, res) => {
      const op = operationOf(req);
      res.once('finish', () => {
        const c = this.counts.get(op) ?? { requests: 0, throttled: 0 };
        c.requests++;
        if (throttledAnswer(res)) c.throttled++;
        this.counts.set(op, c);
      });
      return false;
    });
  }

  take(): Traffic {
    const byOperation = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
    this.counts = new Map();
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
