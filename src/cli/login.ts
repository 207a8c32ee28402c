import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { findAppUser, loadAppFile } from '../saml/app-file';
import { issueResponseForUser } from '../saml/entitlement';
import { buildIdpMetadata } from '../saml/idp-metadata';
import { chooseAcs, parseSpMetadata } from '../saml/sp-metadata';
import type { Command } from './main';

const USAGE = `usage: idemeum-aws login --app FILE --user USERNAME --endpoint URL [--upload-idp-metadata] [--json]
  Signs USERNAME in to the emulated IAM Identity Center at URL the way idemeum does (IdP-initiated
  SAML), follows to the access portal and prints the accounts and permission sets it shows.
  --app is the idemeum app file (entity id, SSO URL, key/cert files, entitlements, users; see
  src/saml/app-file.ts). --upload-idp-metadata first performs the console's "change identity source".
`;

export interface PortalListing {
  readonly user: { readonly userName: string };
  readonly accounts: readonly { readonly accountId: string; readonly permissionSets: readonly { readonly name: string }[] }[];
}

export interface LoginOptions {
  readonly appFile: string;
  readonly userName: string;
  readonly endpoint: string;
  readonly uploadIdpMetadata?: boolean;
}

export class LoginError extends Error {
  override readonly name = 'LoginError';
}

/** The sign-in a user's browser would do, with `fetch` injected. */
export async function login(options: LoginOptions, deps: { fetch: typeof fetch; now: () => Date } = { fetch, now: () => new Date() }): Promise<PortalListing> {
  const app = loadAppFile(options.appFile);
  const base = options.endpoint.replace(/\/+$/, '');
  if (options.uploadIdpMetadata) {
    const xml = buildIdpMetadata({ entityId: app.idp.entityId, ssoUrl: app.ssoUrl, certificatePem: app.idp.signing.certificatePem });
    const res = await deps.fetch(`${base}/_fake/saml/idp-metadata`, { method: 'PUT', body: xml });
    if (!res.ok) throw new LoginError(`uploading IdP metadata failed (${res.status}): ${await res.text()}`);
  }
  const mdRes = await deps.fetch(`${base}/saml/metadata`);
  if (!mdRes.ok) throw new LoginError(`downloading SP metadata from ${base} failed (${mdRes.status})`);
  const sp = parseSpMetadata(await mdRes.text());
  const acs = chooseAcs(sp);
  const issued = issueResponseForUser(app.idp, { entityId: sp.entityId, acsUrl: acs.location }, findAppUser(app, options.userName), app, {
    now: deps.now(),
    newId: () => randomUUID().replace(/-/g, ''),
  });
  const posted = await deps.fetch(acs.location, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ SAMLResponse: issued.base64 }).toString(),
  });
  if (posted.status !== 302) {
    const body = (await posted.json().catch(() => ({}))) as { message?: string };
    throw new LoginError(`IAM Identity Center refused the sign-in (${posted.status}): ${body.message ?? 'no reason given'}`);
  }
  const cookie = (posted.headers.get('set-cookie') ?? '').split(';')[0];
  const portal = await deps.fetch(posted.headers.get('location')!, { headers: { cookie, accept: 'application/json' } });
  if (!portal.ok) throw new LoginError(`the access portal answered ${portal.status}`);
  return (await portal.json()) as PortalListing;
}

export function renderListing(listing: PortalListing): string {
  const lines = [`signed in as ${listing.user.userName}`];
  if (listing.accounts.length === 0) lines.push('  (no AWS accounts)');
  for (const a of listing.accounts) lines.push(`  ${a.accountId}: ${a.permissionSets.map((p) => p.name).join(', ')}`);
  return lines.join('\n') + '\n';
}

export const command: Command = {
  usage: USAGE,
  summary: 'sign a user in to the emulator through SAML and print what the access portal shows',
  async run(args: string[]): Promise<number> {
    let values;
    try {
      values = parseArgs({
        args,
        options: { app: { type: 'string' }, user: { type: 'string' }, endpoint: { type: 'string' }, 'upload-idp-metadata': { type: 'boolean' }, json: { type: 'boolean' } },
      }).values;
    } catch (err) {
      process.stderr.write(`idemeum-aws login: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    if (!values.app || !values.user || !values.endpoint) {
      process.stderr.write(USAGE);
      return 2;
    }
    try {
      const listing = await login({ appFile: values.app, userName: values.user, endpoint: values.endpoint, uploadIdpMetadata: values['upload-idp-metadata'] ?? false });
      process.stdout.write(values.json ? JSON.stringify(listing) + '\n' : renderListing(listing));
      return 0;
    } catch (err) {
      process.stderr.write(`idemeum-aws login: ${(err as Error).message}\n`);
      return 1;
    }
  },
};
