import { http, HttpResponse } from 'msw';
import type { EmulatorState, PortalSession, StoredUser } from '../store';
import { cookieValue, escapeHtml, wantsJson } from './negotiate';
import { SESSION_COOKIE } from './urls';

export interface PortalPermissionSet {
  readonly name: string;
  readonly arn: string;
  readonly sessionDuration: string;
}

export interface PortalAccount {
  readonly accountId: string;
  readonly permissionSets: readonly PortalPermissionSet[];
}

export interface PortalView {
  readonly user: { readonly id: string; readonly userName: string; readonly displayName: string };
  readonly accounts: readonly PortalAccount[];
}

/**
 * `GET /start`, the AWS access portal: the signed-in user's accounts and, per account, the
 * permission sets assignments grant to the user directly or through a group. Needs the session
 * cookie the ACS set; JSON with `Accept: application/json`, HTML otherwise.
 */
export function portalHandler(state: EmulatorState) {
  return http.get('*/start', ({ request }) => {
    const session = liveSession(state, cookieValue(request, SESSION_COOKIE));
    const user = session && state.directory.getUser(session.userId);
    if (!session || !user || !user.active) {
      const message = 'not signed in (no portal session, or it expired): sign in through your identity provider';
      if (wantsJson(request)) return HttpResponse.json({ error: 'not-signed-in', message }, { status: 401 });
      return HttpResponse.html(`<!doctype html><title>AWS access portal</title><p>${escapeHtml(message)}</p>`, { status: 401 });
    }
    const view = portalView(state, user);
    if (wantsJson(request)) return HttpResponse.json(view);
    return HttpResponse.html(renderHtml(view));
  });
}

function liveSession(state: EmulatorState, id: string | undefined): PortalSession | undefined {
  const session = id ? state.saml.sessions.get(id) : undefined;
  if (session && session.expiresAt.getTime() <= state.clock.now().getTime()) {
    state.saml.sessions.delete(session.id);
    return undefined;
  }
  return session;
}

export function portalView(state: EmulatorState, user: StoredUser): PortalView {
  // Assignments still IN_PROGRESS grant nothing yet; settle the ones that are due first.
  state.sso.settleDue(state.clock.now().getTime(), state.directory);
  const principals = new Set([`USER:${user.id}`, ...state.directory.groupsOfUser(user.id).map((g) => `GROUP:${g}`)]);
  const byAccount = new Map<string, Map<string, PortalPermissionSet>>();
  for (const a of state.sso.assignments) {
    if (!principals.has(`${a.principalType}:${a.principalId}`)) continue;
    const ps = state.sso.permissionSets.get(a.permissionSetArn);
    if (!ps) continue;
    const sets = byAccount.get(a.accountId) ?? new Map<string, PortalPermissionSet>();
    sets.set(ps.arn, { name: ps.name, arn: ps.arn, sessionDuration: ps.sessionDuration });
    byAccount.set(a.accountId, sets);
  }
  const accounts = [...byAccount.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([accountId, sets]) => ({ accountId, permissionSets: [...sets.values()].sort((x, y) => x.name.localeCompare(y.name)) }));
  return { user: { id: user.id, userName: user.userName, displayName: user.displayName }, accounts };
}

function renderHtml(view: PortalView): string {
  const rows = view.accounts
    .map((a) => `<li><strong>${a.accountId}</strong><ul>${a.permissionSets.map((p) => `<li>${escapeHtml(p.name)}</li>`).join('')}</ul></li>`)
    .join('');
  return (
    `<!doctype html><title>AWS access portal</title><h1>AWS access portal</h1>` +
    `<p>Signed in as ${escapeHtml(view.user.userName)}</p>` +
    (rows ? `<ul>${rows}</ul>` : '<p>You do not have any applications.</p>')
  );
}
