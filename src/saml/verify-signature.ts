import type { Document, Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { childElements, descendants, firstChild, idCounts, parseSignedDocument } from './dom';
import { SamlResponseError } from './errors';
import { ALGORITHM, NS } from './urn';

export interface SignatureOptions {
  /** PEM of the certificate uploaded with the IdP metadata; KeyInfo in the response is ignored. */
  readonly certificatePem: string;
  /** Accept RSA-SHA1 / SHA-1 digests. @default false (aws-behavior §2.4) */
  readonly allowSha1?: boolean;
}

export interface AuthenticatedParts {
  /** The Assertion as it was signed (parsed from the canonical signed bytes, not the received document). */
  readonly assertion: Element;
  /** The Response as it was signed, when the Response carried a valid signature. */
  readonly response?: Element;
  readonly signed: readonly ('assertion' | 'response')[];
}

const STRONG_SIGNATURES = new Set<string>([ALGORITHM.rsaSha256, ALGORITHM.rsaSha512]);
const STRONG_DIGESTS = new Set<string>([ALGORITHM.sha256, ALGORITHM.sha512]);

/**
 * Verifies the Response and/or Assertion signature against the uploaded certificate and returns
 * only signed content. Wrapping defences: one Assertion in the whole document, directly under
 * the Response; no duplicated IDs; a Signature only as a direct child of the Response or the
 * Assertion; its single Reference points at its own parent; and what is returned is re-parsed
 * from the bytes the signature covers.
 */
export function verifySignatures(doc: Document, xml: string, options: SignatureOptions): AuthenticatedParts {
  const root = doc.documentElement!;
  const assertions = descendants(doc, NS.assertion, 'Assertion');
  if (assertions.length !== 1) {
    throw new SamlResponseError('assertion-count', `the Response must carry exactly one Assertion (found ${assertions.length})`);
  }
  const assertion = assertions[0];
  if (assertion.parentNode !== root) {
    throw new SamlResponseError('signature-reference', 'the Assertion is not a direct child of the Response');
  }
  for (const [id, count] of idCounts(doc)) {
    if (count > 1) throw new SamlResponseError('signature-reference', `the ID "${id}" appears ${count} times in the Response`);
  }
  const signatures = descendants(doc, NS.dsig, 'Signature');
  for (const s of signatures) {
    if (s.parentNode !== root && s.parentNode !== assertion) {
      throw new SamlResponseError('signature-reference', 'a Signature sits outside the Response and the Assertion it could sign');
    }
  }
  if (signatures.length === 0) {
    throw new SamlResponseError('unsigned', 'the Response and its Assertion are unsigned; sign the assertion, the response, or both');
  }

  let fromResponse: Element | undefined;
  let fromAssertion: Element | undefined;
  const signed: ('assertion' | 'response')[] = [];
  for (const signature of signatures) {
    const parent = signature.parentNode as Element;
    if (childElements(parent, NS.dsig, 'Signature').length > 1) {
      throw new SamlResponseError('signature-reference', `the ${parent.localName} carries more than one Signature`);
    }
    const signedRoot = verifyOne(signature, parent, xml, options);
    if (parent === root) {
      const inner = childElements(signedRoot, NS.assertion, 'Assertion');
      if (inner.length !== 1) throw new SamlResponseError('assertion-count', 'the signed Response must carry exactly one Assertion');
      fromResponse = signedRoot;
      signed.push('response');
    } else {
      fromAssertion = signedRoot;
      signed.push('assertion');
    }
  }
  const authenticatedAssertion = fromResponse ? childElements(fromResponse, NS.assertion, 'Assertion')[0] : fromAssertion!;
  return { assertion: authenticatedAssertion, ...(fromResponse ? { response: fromResponse } : {}), signed };
}

function verifyOne(signature: Element, parent: Element, xml: string, options: SignatureOptions): Element {
  const signedInfo = firstChild(signature, NS.dsig, 'SignedInfo');
  if (!signedInfo) throw new SamlResponseError('bad-signature', 'the Signature has no SignedInfo');
  const method = firstChild(signedInfo, NS.dsig, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
  const references = childElements(signedInfo, NS.dsig, 'Reference');
  if (references.length !== 1) {
    throw new SamlResponseError('signature-reference', `the Signature must have exactly one Reference (found ${references.length})`);
  }
  const digest = firstChild(references[0], NS.dsig, 'DigestMethod')?.getAttribute('Algorithm') ?? '';
  const weakOk = options.allowSha1 === true;
  if (!(STRONG_SIGNATURES.has(method) || (weakOk && method === ALGORITHM.rsaSha1))) {
    throw new SamlResponseError('weak-algorithm', `signature algorithm ${method || '(none)'} is not accepted; sign with RSA-SHA256`);
  }
  if (!(STRONG_DIGESTS.has(digest) || (weakOk && digest === ALGORITHM.sha1))) {
    throw new SamlResponseError('weak-algorithm', `digest algorithm ${digest || '(none)'} is not accepted; use SHA-256`);
  }
  const id = parent.getAttribute('ID');
  const uri = references[0].getAttribute('URI') ?? '';
  if (!id || uri !== `#${id}`) {
    throw new SamlResponseError(
      'signature-reference',
      `the ${parent.localName} Signature references "${uri}" but the ${parent.localName} it sits in has ID "${id ?? ''}"`,
    );
  }
  // getCertFromKeyInfo: a certificate the sender put in KeyInfo must never be trusted.
  const verifier = new SignedXml({ publicCert: options.certificatePem, getCertFromKeyInfo: () => null });
  let ok: boolean;
  try {
    verifier.loadSignature(signature as unknown as string);
    ok = verifier.checkSignature(xml);
  } catch (err) {
    throw new SamlResponseError('bad-signature', `the ${parent.localName} signature does not verify: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!ok) throw new SamlResponseError('bad-signature', `the ${parent.localName} signature does not verify with the IdP certificate`);
  const signedBytes = verifier.getSignedReferences();
  if (signedBytes.length !== 1) throw new SamlResponseError('signature-reference', 'the Signature must cover exactly one element');
  const signedDoc = parseSignedDocument(signedBytes[0], 'signed content');
  const signedRoot = signedDoc.documentElement!;
  if (signedRoot.localName !== parent.localName || signedRoot.namespaceURI !== parent.namespaceURI || signedRoot.getAttribute('ID') !== id) {
    throw new SamlResponseError('signature-reference', `the Signature covers <${signedRoot.localName}> rather than the ${parent.localName} it sits in`);
  }
  return signedRoot;
}
