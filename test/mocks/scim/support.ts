import { ManualClock, sequentialIds } from '../../../mocks/store';
import { setupScimEmulator, type InProcessScim } from '../../../mocks/testing';
import { scimBaseUrl } from '../../../mocks/scim';
import type { EmulatorState, EmulatorStateInit } from '../../../mocks/store';

/** A SCIM resource as parsed JSON (tests read arbitrary attributes from it). */
export type Resource = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ScimReply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ScimHarness {
  readonly emulator: InProcessScim;
  readonly clock: ManualClock;
  call(method: string, path: string, body?: unknown, options?: { token?: string | null; raw?: string }): Promise<ScimReply>;
  createUser(userName: string, extra?: Record<string, unknown>): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  createGroup(displayName: string, extra?: Record<string, unknown>): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export function userBody(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_URN],
    userName,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    displayName: 'Ada Lovelace',
    ...extra,
  };
}

export function patch(...Operations: unknown[]): Record<string, unknown> {
  return { schemas: [PATCH_URN], Operations };
}

/**
 * An in-process emulator on AWS's SCIM host with a manual clock, throttling off unless asked.
 * Call inside a describe: it wires listen/reset/close into the jest lifecycle.
 */
export function scimHarness(init: EmulatorStateInit = {}): ScimHarness {
  const clock = new ManualClock();
  const emulator = setupScimEmulator({ clock, ids: sequentialIds(), throttle: { enabled: false }, ...init });
  beforeAll(() => emulator.server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    emulator.server.resetHandlers();
    const tokens = [...emulator.state.directory.tokens.values()];
    emulator.state.reset();
    for (const t of tokens) emulator.state.directory.scimTokens.restore(t);
  });
  afterAll(() => emulator.server.close());

  const call: ScimHarness['call'] = async (method, path, body, options = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/scim+json' };
    const token = options.token === undefined ? emulator.scimToken : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const res = await fetch(path.startsWith('http') ? path : `${emulator.scimUrl}${path}`, {
      method,
      headers,
      body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const createUser: ScimHarness['createUser'] = async (userName, extra) => {
    const res = await call('POST', '/Users', userBody(userName, extra));
    if (res.status !== 201) throw new Error(`createUser ${userName}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const createGroup: ScimHarness['createGroup'] = async (displayName, extra) => {
    const res = await call('POST', '/Groups', { schemas: [GROUP_URN], displayName, ...extra });
    if (res.status !== 201) throw new Error(`createGroup ${displayName}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return { emulator, clock, call, createUser, createGroup };
}

/**
 * One SCIM call against an emulator another harness owns (e.g. the JSON API harness): a token
 * is issued for the call and revoked after it, since AWS allows at most two at a time.
 */
export async function scimWithFreshToken(state: EmulatorState, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const token = state.directory.scimTokens.issue();
  try {
    const res = await fetch(`${scimBaseUrl(state)}${path}`, {
      method,
      headers: { authorization: `Bearer ${token.secret}`, 'content-type': 'application/scim+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  } finally {
    state.directory.scimTokens.revoke(token.tokenId);
  }
}
