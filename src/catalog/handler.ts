import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageHeaders, type Page } from '../html';
import { issueResponseForUser } from '../saml/entitlement';
import { NotEntitledError, SamlConfigError } from '../saml/errors';
import { applicationsFor, AWS_APPLICATION, CATALOG_PATH, findCatalogUser, LAUNCH_PATH, sortedUsers, type CatalogOptions } from './model';
import { autoPostPage, catalogPage, notFoundPage, pickerPage, refusalPage } from './pages';

/** Answers a request under CATALOG_PATH and returns true, or returns false to let it through. */
export type CatalogHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** A launch form is two short fields; anything larger is not from the catalog. */
const MAX_FORM_BYTES = 8 * 1024;

/**
 * idemeum's user catalog as a plain node:http handler, so it mounts on any loopback server (the
 * simulation mounts it on the emulator's) without being one of the AWS surfaces.
 */
export function catalogHandler(options: CatalogOptions): CatalogHandler {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://catalog.invalid');
    if (url.pathname !== CATALOG_PATH && !url.pathname.startsWith(`${CATALOG_PATH}/`)) return false;
    if (url.pathname === CATALOG_PATH || url.pathname === `${CATALOG_PATH}/`) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
      send(res, 200, showCatalog(options, url.searchParams.get('user')), req.method === 'HEAD');
      return true;
    }
    if (url.pathname === LAUNCH_PATH) {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      const [status, page] = await launch(options, req);
      send(res, status, page);
      return true;
    }
    send(res, 404, notFoundPage(url.pathname));
    return true;
  };
}

function showCatalog(options: CatalogOptions, userName: string | null): Page {
  if (userName === null || userName === '') return pickerPage(sortedUsers(options.app));
  const user = findCatalogUser(options.app, userName);
  if (!user) return pickerPage(sortedUsers(options.app), `idemeum has no user "${userName}"; pick one of the users below.`);
  return catalogPage(user, applicationsFor(user, options.app));
}

async function launch(options: CatalogOptions, req: IncomingMessage): Promise<[number, Page]> {
  // The launch mints a signed assertion: only the catalog's own pages may ask for one. Browsers
  // send Origin "null" under our no-referrer policy, so Sec-Fetch-Site carries the decision.
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const crossSite = (site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin !== 'null' && origin !== `http://${req.headers.host ?? ''}`);
  if (crossSite) {
    return [403, refusalPage(undefined, 'cross-site', `a page at ${origin ?? 'another site'} asked for a sign-in; only the catalog's own tiles can launch an application`)];
  }
  const form = await readForm(req);
  if (!form) return [413, refusalPage(undefined, 'malformed', `the launch form is over ${MAX_FORM_BYTES} bytes; post only the tile's user and app fields`)];
  const userName = form.get('user') ?? '';
  const user = findCatalogUser(options.app, userName);
  if (!user) return [404, pickerPage(sortedUsers(options.app), `idemeum has no user "${userName}"; pick one of the users below.`)];
  if (form.get('app') !== AWS_APPLICATION.id) {
    return [404, refusalPage(user, 'unknown-application', `idemeum has no application "${form.get('app') ?? ''}"; the catalog offers "${AWS_APPLICATION.id}"`)];
  }
  try {
    const issued = issueResponseForUser(options.app.idp, options.sp, user, options.app, { now: options.now(), newId: options.newId }, options.relayState);
    return [200, autoPostPage(user, AWS_APPLICATION, options.sp.acsUrl, issued)];
  } catch (err) {
    if (err instanceof NotEntitledError) return [403, refusalPage(user, 'not-entitled', err.message)];
    if (err instanceof SamlConfigError) return [500, refusalPage(user, 'configuration', err.message)];
    throw err;
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, page: Page, headOnly = false): void {
  res.writeHead(status, pageHeaders(page));
  res.end(headOnly ? undefined : page.html);
}

function methodNotAllowed(res: ServerResponse, allow: string): true {
  res.writeHead(405, { allow, 'content-type': 'text/plain; charset=utf-8' });
  res.end(`use ${allow}\n`);
  return true;
}
