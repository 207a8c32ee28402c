import { escapeHtml as e, renderPage, type Page } from '../html';
import type { IdpUser } from '../saml/entitlement';
import type { IssuedResponse } from '../saml/response';
import { CATALOG_PATH, displayName, LAUNCH_PATH, type CatalogApplication } from './model';
import { AWS_ICON, CATALOG_CSS } from './style';

/** The one inline script: it submits the HTTP-POST binding form as soon as the page is parsed. */
export const AUTO_POST_SCRIPT = "document.getElementById('saml-post').submit();";

function layout(title: string, main: string, who?: IdpUser): string {
  const signedIn = who
    ? `<p class="who">${e(displayName(who))} <span aria-hidden="true">·</span> <a href="${CATALOG_PATH}">Switch user</a></p>`
    : '';
  return (
    `<a class="skip" href="#main">Skip to content</a>\n` +
    `<header><span class="brand">idemeum</span><span>User catalog</span>${signedIn}</header>\n` +
    `<main id="main">\n<h1>${e(title)}</h1>\n${main}\n</main>\n` +
    `<footer><p>Local simulation: the catalog signs in as whichever user you pick; idemeum itself would ask you to sign in first.</p></footer>`
  );
}

function page(title: string, body: string, extra: { script?: string; formTargets?: readonly string[] } = {}): Page {
  return renderPage({ title: `${title} · idemeum`, css: CATALOG_CSS, body, ...extra });
}

/** Who are you? A labelled picker that works without script (a GET form). */
export function pickerPage(users: readonly IdpUser[], problem?: string): Page {
  const options = users.map((u) => `<option value="${e(u.userName)}">${e(displayName(u))} (${e(u.userName)})</option>`).join('');
  const alert = problem ? `<p class="alert" role="alert">${e(problem)}</p>\n` : '';
  const main =
    alert +
    `<p>Pick the idemeum user whose catalog you want to open.</p>\n` +
    `<form method="get" action="${CATALOG_PATH}">\n<label for="user">User</label>\n` +
    `<div class="row"><select id="user" name="user">${options}</select> <button type="submit">Open catalog</button></div>\n</form>`;
  return page('Choose a user', layout('Choose a user', main));
}

/** A user's applications; a tile posts to the launch endpoint, as idemeum's tile click does. */
export function catalogPage(user: IdpUser, applications: readonly CatalogApplication[]): Page {
  const tiles = applications
    .map(
      (a) =>
        `<li><form method="post" action="${LAUNCH_PATH}"><input type="hidden" name="user" value="${e(user.userName)}">` +
        `<input type="hidden" name="app" value="${e(a.id)}">` +
        `<button type="submit" class="tile" aria-describedby="note-${e(a.id)}">${AWS_ICON}<span class="name">${e(a.name)}</span>` +
        `<span class="note" id="note-${e(a.id)}">${e(a.description)}</span></button></form></li>`,
    )
    .join('\n');
  const main = applications.length
    ? `<p>Signed in to idemeum as <strong>${e(user.userName)}</strong>. Open an application:</p>\n<ul class="tiles" aria-label="Applications">\n${tiles}\n</ul>`
    : `<p>Signed in to idemeum as <strong>${e(user.userName)}</strong>.</p>\n<p>No applications are assigned to you. Ask your administrator to entitle you (or one of your groups) to an application.</p>`;
  return page('Your applications', layout('Your applications', main, user));
}

/**
 * The HTTP-POST binding: a form carrying SAMLResponse and RelayState to the ACS, submitted by the
 * page's one script; without script the person presses the button.
 */
export function autoPostPage(user: IdpUser, application: CatalogApplication, acsUrl: string, issued: IssuedResponse): Page {
  const relay = issued.relayState !== undefined ? `<input type="hidden" name="RelayState" value="${e(issued.relayState)}">\n` : '';
  const main =
    `<p>idemeum is sending your sign-in to ${e(application.name)}.</p>\n` +
    `<form id="saml-post" method="post" action="${e(acsUrl)}">\n` +
    `<input type="hidden" name="SAMLResponse" value="${e(issued.base64)}">\n${relay}` +
    `<noscript><p>JavaScript is off, so press the button to continue.</p><button type="submit">Continue to ${e(application.name)}</button></noscript>\n` +
    `</form>`;
  return page(`Signing in to ${application.name}`, layout(`Signing in to ${application.name}…`, main, user), {
    script: AUTO_POST_SCRIPT,
    formTargets: [new URL(acsUrl).origin],
  });
}

/** idemeum would not issue a response (not entitled, or the application is misconfigured). */
export function refusalPage(user: IdpUser | undefined, reason: string, message: string): Page {
  const back = user ? `<p><a href="${CATALOG_PATH}?user=${encodeURIComponent(user.userName)}">Back to your applications</a></p>` : '';
  const main = `<div class="alert" role="alert"><p><strong>idemeum did not sign you in.</strong></p><p data-reason="${e(reason)}">${e(message)}</p></div>\n${back}`;
  return page('Sign-in refused', layout('Sign-in refused', main, user));
}

export function notFoundPage(path: string): Page {
  return page('Not found', layout('Not found', `<p>There is no catalog page at <code>${e(path)}</code>. <a href="${CATALOG_PATH}">Open the catalog</a>.</p>`));
}
