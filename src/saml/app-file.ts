import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Entitlements, IdpUser } from './entitlement';
import { SamlConfigError } from './errors';
import { loadSigningMaterial } from './keys';
import type { IdpSettings } from './response';
import { SIGN_MODES, SignMode } from './sign';

/**
 * The idemeum side of the AWS application as a JSON file, for the CLI (`saml response`, `login`):
 * the same settings as `idemeum_aws_application`, plus idemeum's users with their AWS ids.
 *
 * { "entityId", "ssoUrl", "keyFile", "certFile", "sign"?, "sessionDuration"?, "attributeMappings"?,
 *   "entitledUserIds"?: [], "entitledGroupIds"?: [], "users": [{ "id", "userName", "displayName"?, "groupIds"?, "fields"? }] }
 * keyFile/certFile are relative to the app file.
 */
export interface AppFile {
  readonly idp: IdpSettings;
  readonly ssoUrl: string;
  readonly entitlements: Entitlements;
  readonly attributeMappings: Readonly<Record<string, string>>;
  readonly users: readonly IdpUser[];
}

export function loadAppFile(path: string): AppFile {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new SamlConfigError('app', `cannot read the app file ${path}: ${(err as Error).message}`);
  }
  const str = (k: string): string => {
    if (typeof raw[k] !== 'string' || !raw[k]) throw new SamlConfigError(k, `the app file ${path} needs a string "${k}"`);
    return raw[k] as string;
  };
  const list = (k: string): string[] => (Array.isArray(raw[k]) ? (raw[k] as unknown[]).map(String) : []);
  const base = dirname(path);
  const signing = loadSigningMaterial(readFileSync(resolve(base, str('keyFile')), 'utf8'), readFileSync(resolve(base, str('certFile')), 'utf8'));
  const sign = (raw.sign ?? 'assertion') as SignMode;
  if (!SIGN_MODES.includes(sign)) throw new SamlConfigError('sign', `"sign" must be one of ${SIGN_MODES.join(', ')} (got "${String(raw.sign)}")`);
  const users = (Array.isArray(raw.users) ? raw.users : []) as Record<string, unknown>[];
  return {
    idp: { entityId: str('entityId'), signing, sign, ...(typeof raw.sessionDuration === 'string' ? { sessionDuration: raw.sessionDuration } : {}) },
    ssoUrl: str('ssoUrl'),
    entitlements: { userIds: list('entitledUserIds'), groupIds: list('entitledGroupIds') },
    attributeMappings: (raw.attributeMappings ?? {}) as Record<string, string>,
    users: users.map((u) => ({
      id: String(u.id),
      userName: String(u.userName),
      ...(typeof u.displayName === 'string' ? { displayName: u.displayName } : {}),
      groupIds: Array.isArray(u.groupIds) ? u.groupIds.map(String) : [],
      ...(u.fields ? { fields: u.fields as Record<string, string> } : {}),
    })),
  };
}

export function findAppUser(app: AppFile, userName: string): IdpUser {
  const user = app.users.find((u) => u.userName.toLowerCase() === userName.toLowerCase());
  if (!user) throw new SamlConfigError('user', `${userName} is not a user of this idemeum app file; add it under "users" with its AWS id and group ids`);
  return user;
}
