import type { RequestHandler } from 'msw';
import { controlHandlers, faultHandler } from './control';
import { identityStoreHandlers } from './identitystore';
import { organizationsHandlers } from './organizations';
import { samlHandlers } from './saml';
import { scimHandlers } from './scim';
import { ssoAdminHandlers } from './ssoadmin';
import { stsHandlers } from './sts';
import type { EmulatorState } from './store';

/**
 * Every emulated AWS surface over one state. Handlers match on path (and X-Amz-Target for the
 * JSON APIs) whatever the host, so the same array serves AWS's real hostnames in-process and
 * 127.0.0.1 on the loopback server.
 */
export function createHandlers(state: EmulatorState): RequestHandler[] {
  return [
    // Injected faults come first so they can pre-empt any surface (never the control API itself).
    faultHandler(state),
    ...controlHandlers(state),
    ...scimHandlers(state),
    ...identityStoreHandlers(state),
    ...ssoAdminHandlers(state),
    ...organizationsHandlers(state),
    ...samlHandlers(state),
    ...stsHandlers(state),
  ];
}
