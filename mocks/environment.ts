import { EMULATOR_ACCESS_KEY_ID, EMULATOR_SECRET_ACCESS_KEY } from '../src/emulator-credentials';
import type { EmulatorEndpoints } from './ready';

/**
 * Variables inherited from the caller that would point an AWS client somewhere else (a profile,
 * a session, a proxy of endpoints) and are therefore removed before pointing it at the emulator.
 */
export const AWS_VARIABLES_REMOVED = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] as const;

/**
 * The environment that sends a stack written for real AWS to the emulator, unchanged: the AWS
 * provider (and any AWS SDK or CLI) sends every service to `AWS_ENDPOINT_URL` with fake static
 * credentials and no instance metadata; the idemeum provider reads its SCIM endpoint and token.
 */
export function emulatorEnvironment(e: EmulatorEndpoints, scimTokenIssuedAt?: Date): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: e.endpoint,
    AWS_ACCESS_KEY_ID: EMULATOR_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: EMULATOR_SECRET_ACCESS_KEY,
    AWS_REGION: e.region,
    AWS_DEFAULT_REGION: e.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    IDEMEUM_SCIM_ENDPOINT: e.scimUrl,
    IDEMEUM_SCIM_TOKEN: e.scimToken,
    // What a stack passes to ScimLink's tokenIssuedAt, and where Identity Center's SP metadata is.
    ...(scimTokenIssuedAt && { IDEMEUM_SCIM_TOKEN_ISSUED_AT: scimTokenIssuedAt.toISOString() }),
    IDEMEUM_AWS_SAML_METADATA_URL: e.samlMetadataUrl,
  };
}

/** `base` without the variables above, plus the emulator's: what a child process pointed at the emulator gets. */
export function withEmulatorEnvironment(base: NodeJS.ProcessEnv, e: EmulatorEndpoints, scimTokenIssuedAt?: Date): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of AWS_VARIABLES_REMOVED) delete env[name];
  return { ...env, ...emulatorEnvironment(e, scimTokenIssuedAt) };
}

/** The same as a POSIX shell file (`. ./emulator.env`), for `mock-aws --write-env`. */
export function emulatorEnvironmentScript(e: EmulatorEndpoints, scimTokenIssuedAt?: Date): string {
  const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  return [
    '# Written by `idemeum-aws mock-aws --write-env`: points terraform, cdktf and AWS SDKs at the local emulator.',
    '# Holds the emulator SCIM token (a secret of the emulator only). Source it: . ./<this file>',
    `unset ${AWS_VARIABLES_REMOVED.join(' ')}`,
    ...Object.entries(emulatorEnvironment(e, scimTokenIssuedAt)).map(([k, v]) => `export ${k}=${quote(v)}`),
    '',
  ].join('\n');
}
