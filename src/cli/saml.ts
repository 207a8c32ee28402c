import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { findAppUser, loadAppFile } from '../saml/app-file';
import { issueResponseForUser } from '../saml/entitlement';
import { buildIdpMetadata } from '../saml/idp-metadata';
import { generateSigningMaterial, loadSigningMaterial } from '../saml/keys';
import { chooseAcs, parseSpMetadata } from '../saml/sp-metadata';
import type { Command } from './main';

const USAGE = `usage:
  idemeum-aws saml idp-metadata --entity-id URL --sso-url URL --key FILE --cert FILE [--generate]
      prints IdP metadata to upload to IAM Identity Center; --generate writes a new RSA-2048 key
      and self-signed certificate to FILE paths that do not exist yet
  idemeum-aws saml response --app FILE --user USERNAME --sp-metadata FILE|URL [--region R] [--relay-state S]
      prints the base64 SAMLResponse idemeum would post for the user (refused if not entitled)
`;

export const command: Command = {
  usage: USAGE,
  summary: 'IdP metadata and signed SAML responses for the AWS application',
  async run(args: string[]): Promise<number> {
    const [sub, ...rest] = args;
    try {
      if (sub === 'idp-metadata') return await idpMetadata(rest);
      if (sub === 'response') return await response(rest);
    } catch (err) {
      process.stderr.write(`idemeum-aws saml: ${(err as Error).message}\n`);
      return 1;
    }
    process.stderr.write(USAGE);
    return 2;
  },
};

async function idpMetadata(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'entity-id': { type: 'string' }, 'sso-url': { type: 'string' }, key: { type: 'string' }, cert: { type: 'string' }, generate: { type: 'boolean' } },
  });
  const { 'entity-id': entityId, 'sso-url': ssoUrl, key, cert } = values;
  if (!entityId || !ssoUrl || !key || !cert) throw new Error(`--entity-id, --sso-url, --key and --cert are required\n${USAGE}`);
  if (values.generate && !existsSync(key) && !existsSync(cert)) {
    const m = await generateSigningMaterial({ commonName: new URL(entityId).hostname, now: new Date() });
    writeFileSync(key, m.keyPem, { mode: 0o600 });
    writeFileSync(cert, m.certificatePem);
    process.stderr.write(`wrote a new signing key to ${key} (keep it secret) and its certificate to ${cert}\n`);
  } else if (values.generate) {
    throw new Error(`--generate will not overwrite: ${existsSync(key) ? key : cert} already exists`);
  }
  const m = loadSigningMaterial(readFileSync(key, 'utf8'), readFileSync(cert, 'utf8'));
  process.stdout.write(buildIdpMetadata({ entityId, ssoUrl, certificatePem: m.certificatePem }) + '\n');
  return 0;
}

async function response(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { app: { type: 'string' }, user: { type: 'string' }, 'sp-metadata': { type: 'string' }, region: { type: 'string' }, 'relay-state': { type: 'string' } },
  });
  if (!values.app || !values.user || !values['sp-metadata']) throw new Error(`--app, --user and --sp-metadata are required\n${USAGE}`);
  const source = values['sp-metadata'];
  const xml = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : readFileSync(source, 'utf8');
  const sp = parseSpMetadata(xml);
  const acs = chooseAcs(sp, values.region);
  const app = loadAppFile(values.app);
  const issued = issueResponseForUser(
    app.idp,
    { entityId: sp.entityId, acsUrl: acs.location },
    findAppUser(app, values.user),
    app,
    { now: new Date(), newId: () => randomUUID().replace(/-/g, '') },
    values['relay-state'],
  );
  process.stdout.write(issued.base64 + '\n');
  return 0;
}
