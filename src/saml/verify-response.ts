import type { Element } from '@xmldom/xmldom';
import { childElements, descendants, firstChild, parseSignedDocument, textOf } from './dom';
import { SamlResponseError } from './errors';
import { AWS_ACCESS_CONTROL_ATTRIBUTE_PREFIX, LIMITS, NAME_ID_FORMAT, NS, STATUS, SUBJECT_CONFIRMATION_BEARER } from './urn';
import { verifySignatures } from './verify-signature';

/** What the ACS expects, from its own configuration and the uploaded IdP metadata. */
export interface AcsExpectations {
  /** SP entity id: the Audience. */
  readonly spEntityId: string;
  /** The ACS URL the response was posted to: Destination and Recipient. */
  readonly acsUrl: string;
  readonly idpEntityId: string;
  readonly idpCertificatePem: string;
  readonly now: Date;
  /** @default 300000 (±5 minutes; AWS documents none, aws-behavior §2.4) */
  readonly clockSkewMs?: number;
  /** @default false */
  readonly allowSha1?: boolean;
}

export interface VerifiedAssertion {
  readonly assertionId: string;
  readonly nameId: string;
  readonly nameIdFormat: string;
  /** When the assertion stops being presentable: how long its id must stay in the replay cache. */
  readonly notOnOrAfter: Date;
  readonly sessionNotOnOrAfter?: Date;
  /** AccessControl attributes by tag key. */
  readonly accessControl: Readonly<Record<string, string>>;
  readonly signed: readonly ('assertion' | 'response')[];
}

const ADDR_SPEC = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Decodes the SAMLResponse form field (base64) and applies the checks IAM Identity Center applies. */
/**
 * The longest base64 that can decode to LIMITS.assertionChars characters (UTF-8 needs at most 3
 * bytes per UTF-16 unit), doubled for line breaks IdPs wrap base64 with. Longer fields are refused
 * before decoding, so an oversized post costs no decode.
 */
const MAX_FIELD_CHARS = Math.ceil((LIMITS.assertionChars * 3) / 3) * 4 * 2;

export function verifySamlResponseField(samlResponse: string, expect: AcsExpectations): VerifiedAssertion {
  if (samlResponse.length > MAX_FIELD_CHARS) {
    throw new SamlResponseError(
      'too-large',
      `the SAMLResponse field is ${samlResponse.length} characters of base64, more than a ${LIMITS.assertionChars}-character response can take; AWS accepts at most ${LIMITS.assertionChars}`,
    );
  }
  const compact = samlResponse.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length === 0) {
    throw new SamlResponseError('malformed', 'SAMLResponse is not base64');
  }
  return verifySamlResponse(Buffer.from(compact, 'base64').toString('utf8'), expect);
}

export function verifySamlResponse(xml: string, expect: AcsExpectations): VerifiedAssertion {
  if (xml.length > LIMITS.assertionChars) {
    throw new SamlResponseError('too-large', `the SAML response is ${xml.length} characters; AWS accepts at most ${LIMITS.assertionChars}`);
  }
  const doc = parseSignedDocument(xml, 'the SAML response');
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== NS.protocol || root.localName !== 'Response') {
    throw new SamlResponseError('wrong-root', `expected a samlp:Response (got <${root?.localName ?? 'nothing'}>)`);
  }
  if (descendants(doc, NS.assertion, 'EncryptedAssertion').length > 0) {
    throw new SamlResponseError('encrypted-assertion', 'encrypted assertions are not supported by IAM Identity Center; send the assertion signed but unencrypted');
  }
  const statusCode = firstChild(firstChild(root, NS.protocol, 'Status') ?? root, NS.protocol, 'StatusCode')?.getAttribute('Value');
  if (statusCode !== STATUS.success) {
    throw new SamlResponseError('status', `the Response status is ${statusCode ?? '(missing)'}, not Success`);
  }

  const parts = verifySignatures(doc, xml, { certificatePem: expect.idpCertificatePem, allowSha1: expect.allowSha1 ?? false });
  const response = parts.response ?? root;
  const assertion = parts.assertion;
  const now = expect.now.getTime();
  const skew = expect.clockSkewMs ?? 300_000;

  const destination = response.getAttribute('Destination');
  if (destination !== expect.acsUrl) {
    throw new SamlResponseError('destination', `the Response Destination is "${destination ?? ''}"; this ACS is ${expect.acsUrl}`);
  }
  // The Response Issuer is optional in SAML; the Assertion Issuer is not. Both must name the identity source.
  const responseIssuer = firstChild(response, NS.assertion, 'Issuer');
  for (const issuerEl of [responseIssuer, firstChild(assertion, NS.assertion, 'Issuer') ?? null]) {
    if (issuerEl === undefined) continue;
    const issuer = textOf(issuerEl ?? undefined);
    if (issuer !== expect.idpEntityId) {
      throw new SamlResponseError('issuer', `the Issuer is "${issuer}"; the identity source's entity id is ${expect.idpEntityId}`);
    }
  }

  const conditions = firstChild(assertion, NS.assertion, 'Conditions');
  if (!conditions) throw new SamlResponseError('audience', 'the Assertion has no Conditions (Audience restriction required)');
  checkWindow(conditions, now, skew, 'the Assertion');
  const restrictions = childElements(conditions, NS.assertion, 'AudienceRestriction');
  if (restrictions.length === 0) throw new SamlResponseError('audience', `the Assertion has no AudienceRestriction; set Audience ${expect.spEntityId}`);
  for (const r of restrictions) {
    const audiences = childElements(r, NS.assertion, 'Audience').map((a) => textOf(a));
    if (!audiences.includes(expect.spEntityId)) {
      throw new SamlResponseError('audience', `the Audience is ${audiences.join(', ') || '(empty)'}; IAM Identity Center's entity id is ${expect.spEntityId}`);
    }
  }

  const subject = firstChild(assertion, NS.assertion, 'Subject');
  const nameIdEl = subject && firstChild(subject, NS.assertion, 'NameID');
  if (!subject || !nameIdEl) throw new SamlResponseError('name-id', 'the Assertion has no Subject/NameID');
  const confirmations = childElements(subject, NS.assertion, 'SubjectConfirmation').filter(
    (c) => c.getAttribute('Method') === SUBJECT_CONFIRMATION_BEARER,
  );
  const data = confirmations.map((c) => firstChild(c, NS.assertion, 'SubjectConfirmationData')).filter((d): d is Element => !!d);
  const forUs = data.filter((d) => d.getAttribute('Recipient') === expect.acsUrl);
  if (forUs.length === 0) {
    const seen = data.map((d) => d.getAttribute('Recipient') ?? '(none)').join(', ') || '(no bearer confirmation)';
    throw new SamlResponseError('recipient', `the SubjectConfirmationData Recipient is ${seen}; this ACS is ${expect.acsUrl}`);
  }
  const confirmationEnd = forUs[0].getAttribute('NotOnOrAfter');
  if (!confirmationEnd) throw new SamlResponseError('expired', 'the bearer SubjectConfirmationData has no NotOnOrAfter');
  if (now - skew >= parseTime(confirmationEnd, 'SubjectConfirmationData NotOnOrAfter')) {
    throw new SamlResponseError('expired', `the bearer confirmation expired at ${confirmationEnd}`);
  }

  const nameIdFormat = nameIdEl.getAttribute('Format') ?? '';
  if (nameIdFormat !== NAME_ID_FORMAT.emailAddress) {
    throw new SamlResponseError('name-id-format', `the NameID Format is "${nameIdFormat || '(none)'}"; IAM Identity Center requires ${NAME_ID_FORMAT.emailAddress}`);
  }
  const nameId = textOf(nameIdEl);
  if (!ADDR_SPEC.test(nameId)) throw new SamlResponseError('name-id', `the NameID "${nameId}" is not an email address`);

  // The replay cache is keyed on the assertion ID, which SAML requires; without one a replay could not be told apart.
  const assertionId = assertion.getAttribute('ID') ?? '';
  if (!assertionId) throw new SamlResponseError('malformed', 'the Assertion has no ID attribute; SAML requires one');
  const authn = firstChild(assertion, NS.assertion, 'AuthnStatement');
  const sessionEnd = authn?.getAttribute('SessionNotOnOrAfter');
  const conditionsEnd = conditions.getAttribute('NotOnOrAfter');
  const notOnOrAfter = new Date(
    Math.min(parseTime(confirmationEnd, 'NotOnOrAfter'), conditionsEnd ? parseTime(conditionsEnd, 'NotOnOrAfter') : Infinity),
  );
  return {
    assertionId,
    nameId,
    nameIdFormat,
    notOnOrAfter,
    ...(sessionEnd ? { sessionNotOnOrAfter: new Date(parseTime(sessionEnd, 'SessionNotOnOrAfter')) } : {}),
    accessControl: accessControlOf(assertion),
    signed: parts.signed,
  };
}

function checkWindow(el: Element, now: number, skew: number, what: string): void {
  const notBefore = el.getAttribute('NotBefore');
  const notOnOrAfter = el.getAttribute('NotOnOrAfter');
  if (notBefore && now + skew < parseTime(notBefore, 'NotBefore')) {
    throw new SamlResponseError('not-yet-valid', `${what} is not valid before ${notBefore}; check the IdP clock`);
  }
  if (notOnOrAfter && now - skew >= parseTime(notOnOrAfter, 'NotOnOrAfter')) {
    throw new SamlResponseError('expired', `${what} expired at ${notOnOrAfter}`);
  }
}

function parseTime(value: string, what: string): number {
  const t = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) || Number.isNaN(t)) {
    throw new SamlResponseError('malformed', `${what} "${value}" is not a UTC xs:dateTime`);
  }
  return t;
}

function accessControlOf(assertion: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const statement of childElements(assertion, NS.assertion, 'AttributeStatement')) {
    for (const attr of childElements(statement, NS.assertion, 'Attribute')) {
      const name = attr.getAttribute('Name') ?? '';
      if (!name.startsWith(AWS_ACCESS_CONTROL_ATTRIBUTE_PREFIX)) continue;
      const values = childElements(attr, NS.assertion, 'AttributeValue');
      if (values.length === 1) out[name.slice(AWS_ACCESS_CONTROL_ATTRIBUTE_PREFIX.length)] = textOf(values[0]);
    }
  }
  return out;
}
