import type { EmulatorState } from '../store';

/**
 * Where the emulated SAML surface lives. In-process the URLs use AWS's hostnames; on the loopback
 * server (`state.endpoint` set) every URL is on the emulator's own address so a browser-less
 * client can follow them.
 */

/** IAM Identity Center's SAML issuer: the Audience an IdP must send (aws-behavior §2.1). */
export function spEntityId(state: EmulatorState): string {
  return `https://${state.options.region}.signin.aws.amazon.com/platform/saml/${state.identityStoreId}`;
}

/** The ACS path; the tenant id in it is opaque (aws-behavior §2.1), the emulator reuses its SCIM tenant id. */
export function acsPath(state: EmulatorState): string {
  return `/platform/saml/acs/${state.tenantId}`;
}

/** ACS URLs in the SP metadata; the first is the default. */
export function acsUrls(state: EmulatorState): string[] {
  if (state.endpoint) return [`${state.endpoint}${acsPath(state)}`];
  const region = state.options.region;
  return [`https://${region}.signin.aws.amazon.com${acsPath(state)}`, `https://${region}.sso.signin.aws${acsPath(state)}`];
}

/** The console's "Download metadata file" link, relative to the emulator endpoint. */
export function samlMetadataPath(state: EmulatorState): string {
  return `/saml/metadata/${state.identityStoreId}`;
}

export function samlMetadataUrl(state: EmulatorState): string {
  return `${state.endpoint ?? `https://portal.sso.${state.options.region}.amazonaws.com`}${samlMetadataPath(state)}`;
}

export const PORTAL_PATH = '/start';
export const SIGN_OUT_PATH = `${PORTAL_PATH}/sign-out`;

export function portalUrl(state: EmulatorState): string {
  return state.endpoint ? `${state.endpoint}${PORTAL_PATH}` : `https://${state.identityStoreId}.awsapps.com${PORTAL_PATH}`;
}

export const IDP_METADATA_PATH = '/_fake/saml/idp-metadata';
export const SESSION_COOKIE = 'aws-portal-session';
