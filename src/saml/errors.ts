/**
 * Typed SAML errors. Callers branch on `reason`, never on message text; messages say what is
 * wrong and how to fix it, and never contain key material.
 */

export type MetadataRejection =
  | 'too-large'
  | 'doctype'
  | 'malformed'
  | 'wrong-root'
  | 'multiple-entities'
  | 'no-entity-id'
  | 'invalid-entity-id'
  | 'no-sp-descriptor'
  | 'no-post-acs'
  | 'no-idp-descriptor'
  | 'no-certificate'
  | 'certificate-too-large'
  | 'certificate-unparseable'
  | 'no-sso-service'
  | 'invalid-url';

export class SamlMetadataError extends Error {
  override readonly name = 'SamlMetadataError';
  constructor(
    readonly reason: MetadataRejection,
    message: string,
  ) {
    super(message);
  }
}

export type ResponseRejection =
  | 'too-large'
  | 'doctype'
  | 'malformed'
  | 'wrong-root'
  | 'status'
  | 'encrypted-assertion'
  | 'assertion-count'
  | 'unsigned'
  | 'bad-signature'
  | 'weak-algorithm'
  | 'signature-reference'
  | 'issuer'
  | 'audience'
  | 'recipient'
  | 'destination'
  | 'not-yet-valid'
  | 'expired'
  | 'name-id-format'
  | 'name-id'
  | 'replayed'
  | 'unknown-user'
  | 'inactive-user'
  | 'no-identity-source';

export class SamlResponseError extends Error {
  override readonly name = 'SamlResponseError';
  constructor(
    readonly reason: ResponseRejection,
    message: string,
  ) {
    super(message);
  }
}

/** Signing material that cannot be used (bad PEM, key/certificate mismatch, weak key). */
export class SigningMaterialError extends Error {
  override readonly name = 'SigningMaterialError';
}

/** A setting of the IdP application is out of range (session duration, sign mode, attributes). */
export class SamlConfigError extends Error {
  override readonly name = 'SamlConfigError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The user is not entitled to the AWS application: idemeum refuses to issue a response. */
export class NotEntitledError extends Error {
  override readonly name = 'NotEntitledError';
  constructor(readonly userName: string) {
    super(
      `${userName} is not entitled to the AWS application: entitle the user (entitled_user_ids) or one of their groups (entitled_group_ids) first`,
    );
  }
}
