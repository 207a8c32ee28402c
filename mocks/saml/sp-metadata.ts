import { http, HttpResponse } from 'msw';
import { BINDING, NAME_ID_FORMAT, NS, PROTOCOL_SUPPORT } from '../../src/saml/urn';
import { esc } from '../../src/saml/xml-build';
import type { EmulatorState } from '../store';
import { acsUrls, samlMetadataPath, spEntityId } from './urls';

/**
 * The SP metadata of the emulated instance, in the layout aws-behavior §2.2 recommends (the real
 * XML is undocumented): unsigned AuthnRequests, signed assertions wanted, emailAddress NameID,
 * one HTTP-POST ACS per URL with the first as default, no encryption key.
 */
export function spMetadataXml(state: EmulatorState): string {
  const acs = acsUrls(state)
    .map(
      (url, i) =>
        `<md:AssertionConsumerService Binding="${BINDING.httpPost}" Location="${esc(url)}" index="${i}"${i === 0 ? ' isDefault="true"' : ''}/>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" entityID="${esc(spEntityId(state))}">` +
    `<md:SPSSODescriptor protocolSupportEnumeration="${PROTOCOL_SUPPORT}" AuthnRequestsSigned="false" WantAssertionsSigned="true">` +
    `<md:NameIDFormat>${NAME_ID_FORMAT.emailAddress}</md:NameIDFormat>` +
    acs +
    `</md:SPSSODescriptor></md:EntityDescriptor>`
  );
}

export function spMetadataHandlers(state: EmulatorState) {
  // Without an id: where the console's download link points, for clients that know only the endpoint.
  const latest = http.get('*/saml/metadata', ({ request }) =>
    HttpResponse.redirect(new URL(samlMetadataPath(state), request.url).toString(), 302),
  );
  return [latest, http.get('*/saml/metadata/:identityStoreId', ({ params }) => {
    if (params.identityStoreId !== state.identityStoreId) {
      return HttpResponse.json({ message: `No IAM Identity Center instance with identity store ${String(params.identityStoreId)}` }, { status: 404 });
    }
    return new HttpResponse(spMetadataXml(state), { headers: { 'content-type': 'application/samlmetadata+xml' } });
  })];
}
