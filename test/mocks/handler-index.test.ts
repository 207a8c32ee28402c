import { getResponse } from 'msw';
import { handlerIndex } from '../../mocks/handler-index';
import { createHandlers } from '../../mocks/handlers';
import { scimBaseUrl } from '../../mocks/scim';
import { EmulatorState } from '../../mocks/store';

const BASE = 'http://127.0.0.1:4566';
const normalise = (text: string) =>
  text
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
    .replace(/\d{10}\.\d+/g, '<time>')
    .replace(/\d\d:\d\d:\d\d\.\d+/g, '<time>')
    .replace(/\b(r|ou|o)-[0-9a-z]{4,32}(-[0-9a-z]{8,32})?\b/g, '<org id>')
    .replace(/[0-9a-f-]{10,}/g, '<id>');

/** One request per surface, plus near misses (case, trailing slash, unknown paths). */
function requests(state: EmulatorState, token: string, userId: string): [string, string, Record<string, string>?, string?][] {
  const scim = new URL(scimBaseUrl(state)).pathname;
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
  const json = (target: string) => ({ 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' });
  return [
    ['GET', `${scim}/Users?filter=${encodeURIComponent('userName eq "ana@example.com"')}`, auth],
    ['GET', `${scim}/Users/${userId}`, auth],
    ['GET', `${scim}/users/${userId}`, auth],
    ['GET', `${scim}/Users/`, auth],
    ['DELETE', `${scim}/Groups/nope`, auth],
    ['PATCH', `${scim}/Users/${userId}`, auth, JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] })],
    ['GET', `${scim}/ServiceProviderConfig`, auth],
    ['GET', `${scim}/Nowhere`, auth],
    ['POST', '/', json('AWSIdentityStore.ListUsers'), JSON.stringify({ IdentityStoreId: state.identityStoreId })],
    ['POST', '/', json('SWBExternalService.ListInstances'), '{}'],
    ['POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=GetCallerIdentity&Version=2011-06-15'],
    ['GET', '/_fake/state'],
    ['GET', '/_fake/accounts'],
    ['POST', '/_fake/reset'],
    ['GET', '/saml/metadata'],
    ['GET', '/start'],
    ['GET', '/nowhere/at/all'],
  ];
}

describe('handler index (the loopback server narrows handlers before msw matches)', () => {
  test('answers every surface exactly as msw over all handlers does', async () => {
    // Two emulators in the same state: one answered through all handlers, one through the index.
    const answers: string[][] = [];
    for (const narrowed of [false, true]) {
      const state = new EmulatorState({ throttle: { enabled: false } });
      state.endpoint = BASE;
      const token = state.directory.scimTokens.issue().secret;
      const user = state.directory.createUser({ userName: 'ana@example.com', name: { givenName: 'Ana', familyName: 'Lee' }, displayName: 'Ana Lee', active: true, emails: [], addresses: [], phoneNumbers: [], roles: [] });
      const handlers = createHandlers(state);
      const select = handlerIndex(handlers);
      const out: string[] = [];
      for (const [method, path, headers, body] of requests(state, token, user.id)) {
        const url = new URL(path, BASE);
        const request = new Request(url, { method, headers, body });
        const response = await getResponse(narrowed ? select(method, url.pathname) : handlers, request, { baseUrl: BASE });
        // Ids and times differ between the two states; everything else must be the same.
        const text = response ? normalise(await response.text()) : '';
        out.push(`${method} ${normalise(path)} -> ${response?.status ?? 'no handler'} ${text.slice(0, 300)}`);
      }
      answers.push(out);
    }
    expect(answers[1]).toEqual(answers[0]);
    // Only the unknown path falls through to the server's own 404.
    expect(answers[0].filter((a) => a.includes('no handler'))).toEqual(['GET /nowhere/at/all -> no handler ']);
  });

  test('keeps handlers in their order and drops those whose method or literal path segments cannot match', () => {
    const state = new EmulatorState({});
    const handlers = createHandlers(state);
    const select = handlerIndex(handlers);
    const label = (h: (typeof handlers)[number]) => {
      const info = h.info as unknown as { method: unknown; path: unknown };
      return `${String(info.method)} ${String(info.path)}`;
    };
    const picked = select('GET', '/t/scim/v2/Users').map(label);
    expect(picked).not.toContain('/.+/ *'); // the fault handler passes every request through while no fault is injected
    expect(picked).toContain('GET */:tenant/scim/v2/Users');
    expect(picked).not.toContain('POST */:tenant/scim/v2/Users');
    expect(picked).not.toContain('GET */_fake/state');
    expect(picked.length).toBeLessThan(handlers.length / 4);
  });

  test('an injected fault brings the fault handler back, first, so it pre-empts the surface', async () => {
    const state = new EmulatorState({});
    state.endpoint = BASE;
    const handlers = createHandlers(state);
    const select = handlerIndex(handlers);
    const added = await getResponse(handlers, new Request(`${BASE}/_fake/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'GET', path: '/*/scim/v2/Users*', status: 503 }) }), { baseUrl: BASE });
    expect(added?.status).toBe(201);
    const picked = select('GET', '/t/scim/v2/Users');
    expect(String((picked[0].info as unknown as { path: unknown }).path)).toBe('*');
    const scim = new URL(scimBaseUrl(state)).pathname;
    const answer = await getResponse(picked, new Request(`${BASE}${scim}/Users`), { baseUrl: BASE });
    expect(answer?.status).toBe(503);
  });
});
