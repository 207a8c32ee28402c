import { DEFAULT_SESSION_DURATION, parseSessionDuration } from './duration';
import { SamlConfigError } from './errors';
import type { SigningMaterial } from './keys';
import { SignMode, signResponseXml } from './sign';
import {
  ATTRIBUTE_NAME_FORMAT,
  AUTHN_CONTEXT,
  AWS_ACCESS_CONTROL_ATTRIBUTE_PREFIX,
  LIMITS,
  NAME_ID_FORMAT,
  NS,
  STATUS,
  SUBJECT_CONFIRMATION_BEARER,
} from './urn';
import { esc, samlTime } from './xml-build';

/** idemeum's side of the AWS application: who it is and how it signs. */
export interface IdpSettings {
  readonly entityId: string;
  readonly signing: SigningMaterial;
  /** @default 'assertion' */
  readonly sign?: SignMode;
  /** ISO-8601, PT1H…PT12H. @default 'PT8H' */
  readonly sessionDuration?: string;
}

/** Where the response goes (from the SP metadata). */
export interface SpTarget {
  readonly entityId: string;
  readonly acsUrl: string;
}

export interface ResponseSubject {
  /** The user's AWS `userName` (an email address); sent as the emailAddress NameID. */
  readonly userName: string;
  /** ABAC values keyed by AccessControl tag key. */
  readonly accessControl?: Readonly<Record<string, string>>;
}

export interface ResponseContext {
  readonly now: Date;
  /** A fresh unique id (SAML IDs get an `_` prefix to be valid NCNames). */
  readonly newId: () => string;
  /** How long the assertion may be presented. @default 300000 (5 minutes) */
  readonly validityMs?: number;
}

export interface IssuedResponse {
  readonly xml: string;
  /** The value of the SAMLResponse form field. */
  readonly base64: string;
  readonly responseId: string;
  readonly assertionId: string;
  readonly relayState?: string;
  readonly sessionNotOnOrAfter: Date;
}

/** An AWS tag key, which is what an AccessControl attribute name must be (aws-behavior §2.6). */
export const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/** An IdP-initiated (unsolicited) SAMLResponse for AWS IAM Identity Center, signed per `idp.sign`. */
export function buildSamlResponse(
  idp: IdpSettings,
  sp: SpTarget,
  subject: ResponseSubject,
  ctx: ResponseContext,
  relayState?: string,
): IssuedResponse {
  const unsigned = composeUnsignedResponse(idp, sp, subject, ctx);
  const xml = signResponseXml(unsigned.xml, idp.sign ?? 'assertion', { response: unsigned.responseId, assertion: unsigned.assertionId }, idp.signing);
  return {
    ...unsigned,
    xml,
    base64: Buffer.from(xml, 'utf8').toString('base64'),
    ...(relayState !== undefined ? { relayState } : {}),
  };
}

export interface UnsignedResponse {
  readonly xml: string;
  readonly responseId: string;
  readonly assertionId: string;
  readonly sessionNotOnOrAfter: Date;
}

/** The Response before signing (tests craft hostile variants from it and sign them with signResponseXml). */
export function composeUnsignedResponse(
  idp: Pick<IdpSettings, 'entityId' | 'sessionDuration'>,
  sp: SpTarget,
  subject: ResponseSubject,
  ctx: ResponseContext,
): UnsignedResponse {
  const sessionMs = parseSessionDuration(idp.sessionDuration ?? DEFAULT_SESSION_DURATION);
  const attributes = Object.entries(subject.accessControl ?? {});
  if (attributes.length > LIMITS.accessControlAttributes) {
    throw new SamlConfigError('attribute_mappings', `${attributes.length} AccessControl attributes; AWS accepts at most ${LIMITS.accessControlAttributes}`);
  }
  for (const [key] of attributes) {
    if (!TAG_KEY.test(key)) throw new SamlConfigError('attribute_mappings', `AccessControl key "${key}" is not a valid AWS tag key (1–128 letters, digits, spaces, _.:/=+-@)`);
  }
  const responseId = `_${ctx.newId()}`;
  const assertionId = `_${ctx.newId()}`;
  const now = ctx.now;
  const issued = samlTime(now);
  const notOnOrAfter = samlTime(new Date(now.getTime() + (ctx.validityMs ?? 300_000)));
  const sessionNotOnOrAfter = new Date(now.getTime() + sessionMs);

  const attributeXml = attributes.length
    ? `<saml:AttributeStatement>` +
      attributes
        .map(
          ([key, value]) =>
            `<saml:Attribute Name="${esc(AWS_ACCESS_CONTROL_ATTRIBUTE_PREFIX + key)}" NameFormat="${ATTRIBUTE_NAME_FORMAT.uri}">` +
            `<saml:AttributeValue xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}" xsi:type="xs:string">${esc(value)}</saml:AttributeValue></saml:Attribute>`,
        )
        .join('') +
      `</saml:AttributeStatement>`
    : '';

  const assertion =
    `<saml:Assertion xmlns:saml="${NS.assertion}" ID="${assertionId}" Version="2.0" IssueInstant="${issued}">` +
    `<saml:Issuer>${esc(idp.entityId)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${NAME_ID_FORMAT.emailAddress}">${esc(subject.userName)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${SUBJECT_CONFIRMATION_BEARER}">` +
    `<saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${esc(sp.acsUrl)}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${esc(sp.entityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${assertionId}" SessionNotOnOrAfter="${samlTime(sessionNotOnOrAfter)}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>${AUTHN_CONTEXT.x509}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    attributeXml +
    `</saml:Assertion>`;

  const unsigned =
    `<samlp:Response xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${responseId}" Version="2.0" IssueInstant="${issued}" Destination="${esc(sp.acsUrl)}">` +
    `<saml:Issuer>${esc(idp.entityId)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${STATUS.success}"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`;

  return { xml: unsigned, responseId, assertionId, sessionNotOnOrAfter };
}
