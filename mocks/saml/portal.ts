import { http, HttpResponse } from 'msw';
import type { EmulatorState, PortalSession } from '../store';
import { cookieValue, htmlResponse, wantsJson } from './negotiate';
import { notSignedInPage, portalPage, signedOutPage } from './pages';
import { portalView } from './portal-view';
import { SESSION_COOKIE } from './urls';

/**
 * `GET /start`, the AWS access portal, for the session the ACS opened; JSON with
 * `Accept: application/json`, a page for people otherwise. `POST /start/sign-out` ends the session.
 */
export function portalHandlers(state: EmulatorState) {
  return [
    http.get('*/start', ({ request }) => {
      const session = liveSession(state, cookieValue(request, SESSION_COOKIE));
      const user = session && state.directory.getUser(session.userId);
      if (!session || !user || !user.active) {
        const message = 'not signed in (no portal session, or it expired): sign in through your identity provider';
        if (wantsJson(request)) return HttpResponse.json({ error: 'not-signed-in', message }, { status: 401 });
        return htmlResponse(notSignedInPage(message), 401);
      }
      const view = portalView(state, user);
      if (wantsJson(request)) return HttpResponse.json(view);
      return htmlResponse(portalPage(view, session, state.clock.now()));
    }),
    http.post('*/start/sign-out', ({ request }) => {
      const id = cookieValue(request, SESSION_COOKIE);
      if (id) state.saml.sessions.delete(id);
      const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
      const clear = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
      if (wantsJson(request)) return HttpResponse.json({ signedOut: true }, { headers: { 'set-cookie': clear } });
      return htmlResponse(signedOutPage(), 200, { 'set-cookie': clear });
    }),
  ];
}

function liveSession(state: EmulatorState, id: string | undefined): PortalSession | undefined {
  const session = id ? state.saml.sessions.get(id) : undefined;
  if (session && session.expiresAt.getTime() <= state.clock.now().getTime()) {
    state.saml.sessions.delete(session.id);
    return undefined;
  }
  return session;
}
