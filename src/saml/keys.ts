// @peculiar/x509 resolves its ASN.1 classes through tsyringe, which needs a Reflect metadata polyfill.
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { SigningMaterialError } from './errors';

/** The IdP's signing key and certificate. `keyPem` is secret: never log or print it. */
export interface SigningMaterial {
  readonly keyPem: string;
  readonly certificatePem: string;
  readonly notAfter: Date;
}

export interface GenerateOptions {
  /** Subject common name, e.g. the idemeum tenant host. */
  readonly commonName: string;
  readonly now: Date;
  /** @default 3650 (ten years, as IdPs usually issue SAML signing certificates) */
  readonly validityDays?: number;
}

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** New RSA-2048 key and a self-signed SHA-256 certificate for it. */
export async function generateSigningMaterial(options: GenerateOptions): Promise<SigningMaterial> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const notAfter = new Date(options.now.getTime() + (options.validityDays ?? 3650) * 86_400_000);
  const certificatePem = await selfSign(privateKey, options.commonName, options.now, notAfter);
  return { keyPem, certificatePem, notAfter };
}

/** A certificate for a key the user already has (the `signing_key_pem` given without a certificate). */
export async function certificateForKey(keyPem: string, options: GenerateOptions): Promise<SigningMaterial> {
  const key = readPrivateKey(keyPem);
  const notAfter = new Date(options.now.getTime() + (options.validityDays ?? 3650) * 86_400_000);
  const certificatePem = await selfSign(key, options.commonName, options.now, notAfter);
  return { keyPem, certificatePem, notAfter };
}

/** Checks a given key + certificate: both parse, RSA ≥ 2048 bits, and the certificate is for this key. */
export function loadSigningMaterial(keyPem: string, certificatePem: string): SigningMaterial {
  const key = readPrivateKey(keyPem);
  const cert = readCertificate(certificatePem);
  const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const fromCert = Buffer.from(cert.publicKey.rawData);
  if (!fromKey.equals(fromCert)) {
    throw new SigningMaterialError(
      'the signing certificate does not belong to the signing key: give the certificate issued for this key, or omit the certificate to have one generated',
    );
  }
  return { keyPem, certificatePem: cert.toString('pem'), notAfter: cert.notAfter };
}

export function readCertificate(certificatePem: string): x509.X509Certificate {
  try {
    return new x509.X509Certificate(certificatePem.trim());
  } catch {
    throw new SigningMaterialError('the signing certificate is not a PEM X.509 certificate ("-----BEGIN CERTIFICATE-----")');
  }
}

/** Base64 DER of a PEM certificate, as it goes into ds:X509Certificate. */
export function certificateBase64(certificatePem: string): string {
  return Buffer.from(readCertificate(certificatePem).rawData).toString('base64');
}

/** Parses and checks a PEM private key (RSA ≥ 2048); the error never quotes the key. */
export function readPrivateKey(keyPem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    // The parse error text can quote key bytes, so it is not passed on.
    throw new SigningMaterialError('the signing key is not a PEM private key (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY")');
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < 2048) {
    throw new SigningMaterialError(`the signing key must be RSA with at least 2048 bits (got ${key.asymmetricKeyType ?? 'unknown'} ${bits || ''})`.trim());
  }
  return key;
}

async function selfSign(privateKey: KeyObject, commonName: string, notBefore: Date, notAfter: Date): Promise<string> {
  const subtle = webcrypto.subtle;
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const keys = {
    privateKey: await subtle.importKey('pkcs8', pkcs8, RSA_SHA256, false, ['sign']),
    publicKey: await subtle.importKey('spki', spki, RSA_SHA256, true, ['verify']),
  };
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01' + randomBytes(15).toString('hex'),
    name: `CN=${commonName.replace(/[,+="\\<>;]/g, '')}`,
    notBefore,
    notAfter,
    signingAlgorithm: RSA_SHA256,
    keys: keys as unknown as x509.X509CertificateCreateSelfSignedParams['keys'],
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  return cert.toString('pem');
}
