import type { RequestHandler } from 'msw';
import type { EmulatorState } from '../store';
import { acsHandler } from './acs';
import { idpUploadHandler } from './idp-upload';
import { portalHandlers } from './portal';
import { spMetadataHandlers } from './sp-metadata';

export { acsUrls, portalUrl, samlMetadataPath, samlMetadataUrl, spEntityId, SESSION_COOKIE } from './urls';
export { spMetadataXml } from './sp-metadata';
export { portalView } from './portal-view';
export type { PortalView, PortalAccount, PortalPermissionSet } from './portal-view';

/**
 * The SAML side of IAM Identity Center: SP metadata download, IdP metadata upload (console step),
 * the ACS and the access portal (`GET /start`, `POST /start/sign-out`).
 */
export function samlHandlers(state: EmulatorState): RequestHandler[] {
  return [...spMetadataHandlers(state), idpUploadHandler(state), acsHandler(state), ...portalHandlers(state)];
}
