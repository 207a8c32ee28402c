import { http, HttpResponse, type RequestHandler } from 'msw';
import { TokenLimitError, TokenNotFoundError, type EmulatorState } from '../store';
import { scimThrottle } from '../scim/throttle';
import { addFault, clearFaults, FaultInputError, faultsOf } from './faults';
import { dumpState, saveStateFile } from './snapshot';

/** Control API errors: plain JSON, since /_fake is ours and not an AWS surface. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type ControlResolver = (args: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => Promise<Response> | Response;

function control(resolve: ControlResolver): ControlResolver {
  return async (args) => {
    try {
      return await resolve(args);
    } catch (err) {
      if (err instanceof ControlError) return HttpResponse.json({ error: err.message }, { status: err.status });
      if (err instanceof FaultInputError) return HttpResponse.json({ error: err.message }, { status: 400 });
      if (err instanceof TokenLimitError) return HttpResponse.json({ error: err.message }, { status: 409 });
      if (err instanceof TokenNotFoundError) return HttpResponse.json({ error: err.message }, { status: 404 });
      throw err;
    }
  };
}

/** An optional JSON object body; an empty body is `{}`. */
async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ControlError(400, 'the body must be JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ControlError(400, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

const ACCOUNT_ID = /^\d{12}$/;

/** Where `mock-aws --state-file` saves; set by the CLI so `POST /_fake/state/save` can checkpoint. */
export const stateFiles = new WeakMap<EmulatorState, string>();

export function controlRoutes(state: EmulatorState): RequestHandler[] {
  const base = '*/_fake';
  return [
    http.post(
      `${base}/reset`,
      control(async ({ request }) => {
        const body = await jsonBody(request);
        if (body.tokens !== undefined && typeof body.tokens !== 'boolean') throw new ControlError(400, '"tokens" must be true or false');
        // Tokens survive a reset unless asked, so the token mock-aws printed stays valid.
        const keep = body.tokens === true ? [] : [...state.directory.tokens.values()];
        state.reset();
        for (const t of keep) state.directory.scimTokens.restore(t);
        clearFaults(state);
        scimThrottle(state).reset();
        return HttpResponse.json({ reset: true, tokensKept: keep.length });
      }),
    ),
    http.get(`${base}/state`, control(() => HttpResponse.json(dumpState(state) as Record<string, unknown>))),
    http.post(
      `${base}/state/save`,
      control(() => {
        const file = stateFiles.get(state);
        if (!file) throw new ControlError(409, 'this emulator was started without --state-file; nothing to save to');
        saveStateFile(state, file);
        return HttpResponse.json({ saved: file });
      }),
    ),

    http.get(`${base}/faults`, control(() => HttpResponse.json({ faults: faultsOf(state).map((f) => ({ ...f })) }))),
    http.post(
      `${base}/faults`,
      control(async ({ request }) => HttpResponse.json({ ...addFault(state, await jsonBody(request)) }, { status: 201 })),
    ),
    http.delete(
      `${base}/faults`,
      control(() => {
        clearFaults(state);
        return new HttpResponse(null, { status: 204 });
      }),
    ),

    http.get(`${base}/scim/tokens`, control(() => HttpResponse.json({ tokens: state.directory.scimTokens.describe() }))),
    http.post(
      `${base}/scim/tokens`,
      control(async ({ request }) => {
        const { validityDays, ...rest } = await jsonBody(request);
        if (Object.keys(rest).length > 0) throw new ControlError(400, `unknown field "${Object.keys(rest)[0]}"; allowed: validityDays`);
        if (validityDays !== undefined && (typeof validityDays !== 'number' || !(validityDays > 0))) {
          throw new ControlError(400, '"validityDays" must be a positive number');
        }
        const t = state.directory.scimTokens.issue(validityDays as number | undefined);
        // The only response that carries a secret, as the console shows a new token once.
        return HttpResponse.json(
          { tokenId: t.tokenId, token: t.secret, createdAt: t.createdAt.toISOString(), expiresAt: t.expiresAt.toISOString() },
          { status: 201 },
        );
      }),
    ),
    http.delete(
      `${base}/scim/tokens/:tokenId`,
      control(({ params }) => {
        state.directory.scimTokens.revoke(String(params.tokenId));
        return new HttpResponse(null, { status: 204 });
      }),
    ),
    http.post(
      `${base}/scim/tokens/:tokenId/expire`,
      control(({ params }) => {
        const t = state.directory.scimTokens.expire(String(params.tokenId));
        return HttpResponse.json({ tokenId: t.tokenId, expiresAt: t.expiresAt.toISOString() });
      }),
    ),

    http.get(`${base}/accounts`, control(() => HttpResponse.json({ accountIds: [...state.sso.accounts].sort() }))),
    http.post(
      `${base}/accounts`,
      control(async ({ request }) => {
        const { accountIds, ...rest } = await jsonBody(request);
        if (Object.keys(rest).length > 0) throw new ControlError(400, `unknown field "${Object.keys(rest)[0]}"; allowed: accountIds`);
        if (!Array.isArray(accountIds) || accountIds.length === 0) {
          throw new ControlError(400, '"accountIds" must be a non-empty list of 12-digit AWS account ids, e.g. ["111111111111"]');
        }
        const bad = accountIds.filter((id) => typeof id !== 'string' || !ACCOUNT_ID.test(id));
        if (bad.length > 0) throw new ControlError(400, `accountIds must be 12-digit AWS account ids; not valid: ${JSON.stringify(bad)}. Nothing was registered`);
        for (const id of accountIds as string[]) state.sso.accounts.add(id);
        return HttpResponse.json({ accountIds: [...state.sso.accounts].sort() });
      }),
    ),
    http.delete(
      `${base}/accounts/:accountId`,
      control(({ params }) => {
        if (!state.sso.accounts.delete(String(params.accountId))) throw new ControlError(404, `account ${String(params.accountId)} is not registered`);
        return new HttpResponse(null, { status: 204 });
      }),
    ),
  ];
}
