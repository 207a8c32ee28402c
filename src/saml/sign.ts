import { SignedXml } from 'xml-crypto';
import type { SigningMaterial } from './keys';
import { ALGORITHM } from './urn';

export type SignMode = 'assertion' | 'response' | 'both';
export const SIGN_MODES: readonly SignMode[] = ['assertion', 'response', 'both'];

/**
 * Enveloped XML-DSig over the element with `ID=id` (RSA-SHA256, exclusive canonicalisation), placed
 * right after that element's Issuer as the SAML schema requires.
 */
export function signElement(xml: string, localName: 'Assertion' | 'Response', id: string, signing: SigningMaterial): string {
  const sig = new SignedXml({
    privateKey: signing.keyPem,
    publicCert: signing.certificatePem,
    signatureAlgorithm: ALGORITHM.rsaSha256,
    canonicalizationAlgorithm: ALGORITHM.exclusiveC14n,
  });
  sig.addReference({
    xpath: `//*[local-name(.)='${localName}' and @ID='${id}']`,
    digestAlgorithm: ALGORITHM.sha256,
    transforms: [ALGORITHM.envelopedSignature, ALGORITHM.exclusiveC14n],
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `//*[local-name(.)='${localName}' and @ID='${id}']/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

export function signResponseXml(xml: string, mode: SignMode, ids: { response: string; assertion: string }, signing: SigningMaterial): string {
  let out = xml;
  // The assertion is signed first so a response signature also covers the assertion's signature.
  if (mode === 'assertion' || mode === 'both') out = signElement(out, 'Assertion', ids.assertion, signing);
  if (mode === 'response' || mode === 'both') out = signElement(out, 'Response', ids.response, signing);
  return out;
}
