import { SignedXml } from 'xml-crypto';
import type { EmulatorState, StoredUser } from '../../../mocks/store';
import { buildIdpMetadata } from '../../../src/saml/idp-metadata';
import type { SigningMaterial } from '../../../src/saml/keys';
import { composeUnsignedResponse } from '../../../src/saml/response';
import { SignMode, signResponseXml } from '../../../src/saml/sign';
import { ALGORITHM } from '../../../src/saml/urn';
import { counterIds, IDP_ENTITY_ID, IDP_SSO_URL } from '../../saml/fixtures';

export function addUser(state: EmulatorState, userName: string, active = true): StoredUser {
  return state.directory.createUser({
    userName,
    name: { givenName: userName.split('@')[0], familyName: 'Test' },
    displayName: userName,
    active,
    emails: [{ value: userName, type: 'work', primary: true }],
    addresses: [],
    phoneNumbers: [],
    roles: [],
  });
}

export function idpMetadataFor(m: SigningMaterial): string {
  return buildIdpMetadata({ entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificatePem: m.certificatePem });
}

export interface CraftOptions {
  readonly userName?: string;
  readonly now: Date;
  readonly sp: { entityId: string; acsUrl: string };
  readonly signing: SigningMaterial;
  readonly sign?: SignMode | 'none';
  /** Edits the XML before it is signed (a well-signed but wrong response). */
  readonly beforeSigning?: (xml: string) => string;
  /** Edits the XML after signing (tampering, wrapping). */
  readonly afterSigning?: (xml: string, ids: { response: string; assertion: string }) => string;
  readonly issuer?: string;
}

const ids = counterIds('crafted');

/** A SAMLResponse built the way idemeum builds it, with hooks to make it hostile. */
export function craft(o: CraftOptions): { xml: string; base64: string; assertionId: string } {
  const unsigned = composeUnsignedResponse(
    { entityId: o.issuer ?? IDP_ENTITY_ID },
    o.sp,
    { userName: o.userName ?? 'alice@example.com' },
    { now: o.now, newId: ids },
  );
  const idPair = { response: unsigned.responseId, assertion: unsigned.assertionId };
  let xml = o.beforeSigning ? o.beforeSigning(unsigned.xml) : unsigned.xml;
  if (o.sign !== 'none') xml = signResponseXml(xml, o.sign ?? 'assertion', idPair, o.signing);
  if (o.afterSigning) xml = o.afterSigning(xml, idPair);
  return { xml, base64: Buffer.from(xml).toString('base64'), assertionId: unsigned.assertionId };
}

/** A valid signature over some other element with an ID, placed where a Response signature goes. */
export function signOtherElement(xml: string, elementId: string, signing: SigningMaterial): string {
  const sig = new SignedXml({
    privateKey: signing.keyPem,
    publicCert: signing.certificatePem,
    signatureAlgorithm: ALGORITHM.rsaSha256,
    canonicalizationAlgorithm: ALGORITHM.exclusiveC14n,
  });
  sig.addReference({ xpath: `//*[@ID='${elementId}']`, digestAlgorithm: ALGORITHM.sha256, transforms: [ALGORITHM.envelopedSignature, ALGORITHM.exclusiveC14n] });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `/*/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

export function extractSignature(xml: string, inside: 'Assertion' | 'Response'): { signature: string; rest: string } {
  const all = [...xml.matchAll(/<ds:Signature\b.*?<\/ds:Signature>/g)];
  const assertionStart = xml.indexOf('<saml:Assertion');
  const match = all.find((m) => (inside === 'Assertion' ? m.index! > assertionStart : m.index! < assertionStart))!;
  return { signature: match[0], rest: xml.slice(0, match.index!) + xml.slice(match.index! + match[0].length) };
}

/**
 * Signs the Assertion (enveloped, placed after its Issuer) with the algorithms given, e.g. the
 * legacy RSA-SHA1 / SHA-1 pair some IdPs still default to.
 */
export function signAssertionWith(
  xml: string,
  assertionId: string,
  signing: SigningMaterial,
  algorithms: { signature: string; digest: string },
): string {
  const sig = new SignedXml({
    privateKey: signing.keyPem,
    publicCert: signing.certificatePem,
    signatureAlgorithm: algorithms.signature,
    canonicalizationAlgorithm: ALGORITHM.exclusiveC14n,
  });
  const at = `//*[local-name(.)='Assertion' and @ID='${assertionId}']`;
  sig.addReference({ xpath: at, digestAlgorithm: algorithms.digest, transforms: [ALGORITHM.envelopedSignature, ALGORITHM.exclusiveC14n] });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `${at}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}
