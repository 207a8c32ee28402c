import { portalUrl, samlMetadataUrl } from './saml/urls';
import { scimBaseUrl } from './scim';
import type { EmulatorState } from './store';

/** What `mock-aws` prints once listening (DESIGN.md §5), and what `startEmulator()` returns. */
export interface EmulatorEndpoints {
  /** `http://127.0.0.1:<port>`: every surface (JSON APIs, SCIM, SAML, portal, /_fake) lives under it. */
  readonly endpoint: string;
  readonly region: string;
  /** `<endpoint>/<tenant>/scim/v2` */
  readonly scimUrl: string;
  /** A live SCIM bearer token (secret). */
  readonly scimToken: string;
  readonly identityStoreId: string;
  readonly instanceArn: string;
  readonly samlMetadataUrl: string;
  readonly portalUrl: string;
}

/** The fields of the ready line, in the contract's order; in-process (no endpoint) they carry AWS's own hostnames. */
export function emulatorEndpoints(state: EmulatorState, scimToken: string): EmulatorEndpoints {
  return {
    endpoint: state.endpoint ?? `https://sso.${state.options.region}.amazonaws.com`,
    region: state.options.region,
    scimUrl: scimBaseUrl(state),
    scimToken,
    identityStoreId: state.identityStoreId,
    instanceArn: state.instanceArn,
    samlMetadataUrl: samlMetadataUrl(state),
    portalUrl: portalUrl(state),
  };
}
