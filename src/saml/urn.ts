/** SAML 2.0 / XML-DSig constants used by the IdP side and the emulated ACS (saml-core, saml-metadata, xmldsig-core). */

export const NS = {
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xmlns: 'http://www.w3.org/2000/xmlns/',
} as const;

export const PROTOCOL_SUPPORT = NS.protocol;

export const BINDING = {
  httpPost: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  httpRedirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
} as const;

export const NAME_ID_FORMAT = {
  /** The only format IAM Identity Center accepts (aws-behavior §2.4). */
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
} as const;

export const STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
} as const;

export const SUBJECT_CONFIRMATION_BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export const AUTHN_CONTEXT = {
  passwordProtectedTransport: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  /** idemeum is passwordless: the user proved possession of a device-bound key. */
  x509: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509',
} as const;

export const ATTRIBUTE_NAME_FORMAT = {
  uri: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
  basic: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
  unspecified: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified',
} as const;

/** ABAC attributes (aws-behavior §2.6). */
export const AWS_ACCESS_CONTROL_ATTRIBUTE_PREFIX = 'https://aws.amazon.com/SAML/Attributes/AccessControl:';

export const ALGORITHM = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  exclusiveC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const;

/** AWS limits (aws-behavior §4). */
export const LIMITS = {
  assertionChars: 50_000,
  idpMetadataChars: 75_000,
  idpCertificateChars: 2_500,
  /** Not an AWS number: a downloaded SP metadata file is a few KB; anything this big is hostile. */
  spMetadataChars: 100_000,
  accessControlAttributes: 50,
} as const;
