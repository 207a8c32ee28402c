import { http, HttpResponse } from 'msw';
import { parseIdpMetadata } from '../../src/saml/idp-metadata';
import { SamlMetadataError } from '../../src/saml/errors';
import type { EmulatorState } from '../store';

/**
 * The console's "Change identity source → External identity provider → upload IdP metadata".
 * AWS's checks (aws-behavior §2.3) apply; a failure names the check and leaves the previous
 * identity source in place.
 */
export function idpUploadHandler(state: EmulatorState) {
  return http.put('*/_fake/saml/idp-metadata', async ({ request }) => {
    const body = await request.text();
    try {
      const idp = parseIdpMetadata(body);
      state.saml.identitySource = { ...idp, uploadedAt: state.clock.now() };
      state.saml.sessions.clear();
      return HttpResponse.json({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, nameIdFormats: idp.nameIdFormats });
    } catch (err) {
      if (err instanceof SamlMetadataError) {
        return HttpResponse.json({ error: err.reason, message: err.message }, { status: err.reason === 'too-large' ? 413 : 400 });
      }
      throw err;
    }
  });
}
