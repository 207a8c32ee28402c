import { http, HttpResponse, type RequestHandler } from 'msw';
import type { EmulatorState } from '../store';
import { scimThrottle } from '../scim/throttle';
import { addFault, clearFaults, faultsOf } from './faults';
import { ControlError, control, jsonBody } from './http';
import { organizationRoutes } from './organization-routes';
import { dumpState, saveStateFile } from './snapshot';

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

    ...organizationRoutes(state, base),
  ];
}
