import { SamlMetadataError } from './errors';
import { certificateBase64, readCertificate } from './keys';
import { parseEntityDescriptor } from './metadata-document';
import { assertHttpsUrl } from './metadata-url';
import { BINDING, LIMITS, NAME_ID_FORMAT, NS, PROTOCOL_SUPPORT } from './urn';
import { esc } from './xml-build';
import { childrenOf, descendantsOf } from './xml-tree';

export interface IdpMetadataInput {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly certificatePem: string;
}

/**
 * IdP metadata in the shape IAM Identity Center accepts on "Change identity source": entityID,
 * one signing certificate (no encryption key: AWS does not support encrypted assertions),
 * emailAddress NameID format and an SSO service per binding.
 */
export function buildIdpMetadata(input: IdpMetadataInput): string {
  assertHttpsUrl(input.entityId, 'IdP entity id');
  assertHttpsUrl(input.ssoUrl, 'IdP SSO URL');
  const cert = certificateBase64(input.certificatePem);
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}" entityID="${esc(input.entityId)}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${PROTOCOL_SUPPORT}">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:NameIDFormat>${NAME_ID_FORMAT.emailAddress}</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="${BINDING.httpRedirect}" Location="${esc(input.ssoUrl)}"/>` +
    `<md:SingleSignOnService Binding="${BINDING.httpPost}" Location="${esc(input.ssoUrl)}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`;
  if (xml.length > LIMITS.idpMetadataChars) {
    throw new SamlMetadataError('too-large', `IdP metadata is ${xml.length} characters; AWS accepts at most ${LIMITS.idpMetadataChars}`);
  }
  return xml;
}

export interface IdpMetadata {
  readonly entityId: string;
  readonly ssoUrl: string;
  /** PEM of the signing certificate. */
  readonly certificatePem: string;
  readonly nameIdFormats: readonly string[];
}

/**
 * What AWS checks when IdP metadata is uploaded (aws-behavior §2.3): ≤ 75,000 characters, an
 * entityID URL, a signing certificate ≤ 2,500 characters that parses, a SingleSignOnService.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const { root, entityId } = parseEntityDescriptor(xml, LIMITS.idpMetadataChars, 'IdP metadata');
  try {
    assertHttpsUrl(entityId, 'IdP entityID');
  } catch {
    throw new SamlMetadataError('invalid-url', `Unable to build attributes from provided metadata object as url validation failed: entityID "${entityId}"`);
  }
  const idps = childrenOf(root, NS.metadata, 'IDPSSODescriptor');
  if (idps.length !== 1) throw new SamlMetadataError('no-idp-descriptor', `IdP metadata must contain exactly one IDPSSODescriptor (found ${idps.length})`);
  const idp = idps[0];
  const signingKeys = childrenOf(idp, NS.metadata, 'KeyDescriptor').filter((k) => k.attrs.use === undefined || k.attrs.use === 'signing');
  const certEl = signingKeys.flatMap((k) => descendantsOf(k, NS.dsig, 'X509Certificate'))[0];
  if (!certEl || !certEl.text.trim()) {
    throw new SamlMetadataError('no-certificate', 'IdP metadata has no signing certificate (KeyDescriptor use="signing" with ds:X509Certificate)');
  }
  const certB64 = certEl.text.replace(/\s+/g, '');
  const certificatePem = `-----BEGIN CERTIFICATE-----\n${certB64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  if (certificatePem.length > LIMITS.idpCertificateChars) {
    throw new SamlMetadataError(
      'certificate-too-large',
      `IdP signing certificate is ${certificatePem.length} characters; AWS accepts at most ${LIMITS.idpCertificateChars}`,
    );
  }
  try {
    readCertificate(certificatePem);
  } catch {
    throw new SamlMetadataError('certificate-unparseable', 'IdP signing certificate is not a valid X.509 certificate');
  }
  const sso = childrenOf(idp, NS.metadata, 'SingleSignOnService').find((s) => s.attrs.Location);
  if (!sso) throw new SamlMetadataError('no-sso-service', 'IdP metadata has no SingleSignOnService with a Location (the IdP sign-in URL)');
  assertHttpsUrl(sso.attrs.Location, 'IdP SingleSignOnService Location');
  const nameIdFormats = childrenOf(idp, NS.metadata, 'NameIDFormat').map((e) => e.text.trim());
  return { entityId, ssoUrl: sso.attrs.Location, certificatePem, nameIdFormats };
}
