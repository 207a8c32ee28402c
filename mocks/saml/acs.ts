import { http, HttpResponse } from 'msw';
import { SamlResponseError } from '../../src/saml/errors';
import { verifySamlResponseField } from '../../src/saml/verify-response';
import type { EmulatorState } from '../store';
import { htmlResponse, wantsJson } from './negotiate';
import { acsErrorPage } from './pages';
import { acsPath, acsUrls, portalUrl, SESSION_COOKIE, spEntityId } from './urls';

/**
 * The Assertion Consumer Service: an IdP-initiated SAMLResponse is POSTed here (HTTP-POST
 * binding). Everything IAM Identity Center checks is checked (see src/saml/verify-response.ts);
 * then one-time use of the assertion id, and a user with that userName who is active. Success:
 * 302 to the access portal with a session cookie. Failure: 400/403 naming the failed check
 * (AWS shows a generic page; the emulator says why so tests and people can fix it).
 */
export function acsHandler(state: EmulatorState) {
  return http.post('*/platform/saml/acs/:acsId', async ({ request }) => {
    const url = new URL(request.url);
    const acsUrl = `${url.origin}${url.pathname}`;
    if (url.pathname !== acsPath(state) || !acsUrls(state).includes(acsUrl)) {
      return HttpResponse.json({ message: `No ACS at ${acsUrl}` }, { status: 404 });
    }
    try {
      const { sessionCookie, location } = consume(state, acsUrl, await request.text(), request.headers.get('content-type'));
      const secure = acsUrl.startsWith('https:') ? '; Secure' : '';
      return new HttpResponse(null, {
        status: 302,
        headers: { location, 'set-cookie': `${SESSION_COOKIE}=${sessionCookie}; Path=/; HttpOnly; SameSite=Lax${secure}` },
      });
    } catch (err) {
      if (!(err instanceof SamlResponseError)) throw err;
      const status = ['malformed', 'too-large', 'doctype', 'wrong-root'].includes(err.reason) ? 400 : 403;
      if (wantsJson(request)) return HttpResponse.json({ error: err.reason, message: err.message }, { status });
      return htmlResponse(acsErrorPage(err.reason, err.message), status);
    }
  });
}

function consume(state: EmulatorState, acsUrl: string, body: string, contentType: string | null): { sessionCookie: string; location: string } {
  if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new SamlResponseError('malformed', 'the ACS takes an HTTP-POST form (application/x-www-form-urlencoded) with a SAMLResponse field');
  }
  const form = new URLSearchParams(body);
  const field = form.get('SAMLResponse');
  if (!field) throw new SamlResponseError('malformed', 'the form has no SAMLResponse field');
  const source = state.saml.identitySource;
  if (!source) {
    throw new SamlResponseError('no-identity-source', 'no external identity provider is configured: upload IdP metadata (PUT /_fake/saml/idp-metadata) first');
  }
  const now = state.clock.now();
  const settings = state.saml.settings;
  const verified = verifySamlResponseField(field, {
    spEntityId: spEntityId(state),
    acsUrl,
    idpEntityId: source.entityId,
    idpCertificatePem: source.certificatePem,
    now,
    clockSkewMs: settings.clockSkewMs,
    allowSha1: settings.allowSha1,
  });
  if (!state.saml.consume(verified.assertionId, verified.notOnOrAfter.getTime() + settings.clockSkewMs, now.getTime())) {
    throw new SamlResponseError('replayed', `assertion ${verified.assertionId} was already used; every sign-in needs a fresh response`);
  }
  const user = state.directory.findUserByUserName(verified.nameId);
  if (!user) {
    throw new SamlResponseError('unknown-user', `no IAM Identity Center user has userName ${verified.nameId}; provision the user (SCIM) before signing in`);
  }
  if (!user.active) throw new SamlResponseError('inactive-user', `the user ${verified.nameId} is disabled in IAM Identity Center`);

  const expiresAt = Math.min(now.getTime() + settings.sessionDurationMs, verified.sessionNotOnOrAfter?.getTime() ?? Infinity);
  const id = state.ids.uuid();
  state.saml.sessions.set(id, { id, userId: user.id, createdAt: now, expiresAt: new Date(expiresAt) });
  const relayState = new URLSearchParams(body).get('RelayState');
  // RelayState is honoured only when it points into the portal: no open redirect.
  const location = relayState && relayState.startsWith(portalUrl(state)) ? relayState : portalUrl(state);
  return { sessionCookie: id, location };
}
