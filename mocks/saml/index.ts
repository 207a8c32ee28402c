import type { RequestHandler } from 'msw';
import type { EmulatorState } from '../store';
import { acsHandler } from './acs';
import { idpUploadHandler } from './idp-upload';
import { portalHandler } from './portal';
import { spMetadataHandlers } from './sp-metadata';

export { acsUrls, portalUrl, samlMetadataPath, samlMetadataUrl, spEntityId, SESSION_COOKIE } from './urls';
export { spMetadataXml } from './sp-metadata';
export { portalView } from './portal';
export type { PortalView, PortalAccount, PortalPermissionSet } from './portal';

/**
 * The SAML side of IAM Identity Center: SP metadata download, IdP metadata upload (console step),
 * the ACS and the access portal (`GET /start`).
 */
export function samlHandlers(state: EmulatorState): RequestHandler[] {
  return [...spMetadataHandlers(state), idpUploadHandler(state), acsHandler(state), portalHandler(state)];
}
