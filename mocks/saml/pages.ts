import { escapeHtml as e, renderPage, type Page } from '../../src/html';
import { PORTAL_CSS } from './style';
import { PORTAL_PATH, SIGN_OUT_PATH } from './urls';
import type { PortalView } from './portal-view';

/**
 * Where a permission set's link lands when the permission set has no relay state: AWS federates
 * into the account and opens the console home ([I]; aws-behavior §2.7 separates this RelayState
 * from SAML's). The emulator cannot federate, so the link goes straight to the target.
 */
export const DEFAULT_CONSOLE_URL = 'https://console.aws.amazon.com/console/home';

function page(title: string, main: string, header = ''): Page {
  const body =
    `<a class="skip" href="#main">Skip to content</a>\n` +
    `<header><span class="brand">AWS access portal <b>·</b> emulated</span>${header}</header>\n` +
    `<main id="main">\n${main}\n</main>`;
  return renderPage({ title, css: PORTAL_CSS, body });
}

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "PT4H" → "4 hours"; AWS permission-set durations are ISO-8601 hours and minutes. */
export function readableDuration(iso: string): string {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso);
  if (!m || (!m[1] && !m[2])) return iso;
  return hoursAndMinutes(Number(m[1] ?? 0), Number(m[2] ?? 0));
}

function hoursAndMinutes(hours: number, minutes: number): string {
  return [hours ? plural(hours, 'hour') : '', minutes || !hours ? plural(minutes, 'minute') : ''].filter(Boolean).join(' ');
}

function remaining(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return hoursAndMinutes(Math.floor(minutes / 60), minutes % 60);
}

/** The signed-in portal: every account the user reaches, each with its permission sets. */
export function portalPage(view: PortalView, session: { readonly expiresAt: Date }, now: Date): Page {
  const signOut =
    `<p class="who">${e(view.user.displayName)} (${e(view.user.userName)})</p>` +
    `<form method="post" action="${SIGN_OUT_PATH}"><button type="submit">Sign out</button></form>`;
  const accounts = view.accounts
    .map((a) => {
      const roles = a.permissionSets
        .map((p) => {
          const target = p.relayState ?? DEFAULT_CONSOLE_URL;
          const id = `ps-${a.accountId}-${p.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
          return (
            `<li data-permission-set="${e(p.name)}"><a href="${e(target)}" aria-describedby="${id}">${e(p.name)}</a>` +
            `<span class="meta" id="${id}">session ${e(readableDuration(p.sessionDuration))} · opens <code>${e(target)}</code></span>` +
            (p.description ? `<span class="meta desc">${e(p.description)}</span>` : '') +
            `</li>`
          );
        })
        .join('');
      return (
        `<li class="account" data-account-id="${e(a.accountId)}"><section aria-labelledby="acct-${e(a.accountId)}">` +
        `<h3 id="acct-${e(a.accountId)}">AWS account <span class="id">${e(a.accountId)}</span></h3>` +
        `<ul class="roles" aria-label="Permission sets in ${e(a.accountId)}">${roles}</ul></section></li>`
      );
    })
    .join('\n');
  const main =
    `<h1>AWS access portal</h1>\n` +
    `<p class="session">Signed in as ${e(view.user.userName)}. This portal session ends at ` +
    `<time datetime="${session.expiresAt.toISOString()}">${e(session.expiresAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</time>` +
    ` (in ${e(remaining(session.expiresAt.getTime() - now.getTime()))}).</p>\n` +
    `<h2 id="accounts-heading">AWS accounts (${view.accounts.length})</h2>\n` +
    (view.accounts.length
      ? `<ul class="accounts" aria-labelledby="accounts-heading">\n${accounts}\n</ul>`
      : `<p>You do not have any applications.</p>`);
  return page('AWS access portal', main, signOut);
}

export function notSignedInPage(message: string): Page {
  return page('AWS access portal', `<h1>AWS access portal</h1>\n<p role="alert">${e(message)}</p>`);
}

export function signedOutPage(): Page {
  return page('Signed out · AWS access portal', `<h1>You have signed out</h1>\n<p>Your AWS access portal session has ended. Sign in again from your identity provider's catalog.</p>`);
}

/**
 * AWS shows a generic page for any refused SAML sign-in (aws-behavior §2.4); the emulator adds
 * which check failed so a person can fix it.
 */
export function acsErrorPage(reason: string, message: string): Page {
  const main =
    `<h1>An unexpected error has occurred</h1>\n` +
    `<p>IAM Identity Center did not accept the sign-in from your identity provider.</p>\n` +
    `<div class="alert" role="alert"><p>Reason (emulator): <code data-reason="${e(reason)}">${e(reason)}</code></p><p>${e(message)}</p></div>\n` +
    `<p><a href="${PORTAL_PATH}">AWS access portal</a></p>`;
  return page('Sign-in failed · AWS access portal', main);
}
