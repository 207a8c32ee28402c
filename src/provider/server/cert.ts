import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A self-signed ECDSA P-256 certificate shaped like go-plugin's AutoMTLS certificates
 * (mtls.go): CN=localhost, O=HashiCorp, SAN DNS:localhost, CA, key usage
 * digitalSignature|keyEncipherment|keyAgreement|certSign, EKU serverAuth+clientAuth.
 * Built with node:crypto and a few lines of DER instead of an X.509 library, because Terraform
 * starts the provider 3-5 times per command and every millisecond of startup counts.
 */
export interface CertificateAndKey {
  /** DER certificate (its base64 goes into the handshake line). */
  readonly der: Buffer;
  readonly certPem: string;
  readonly keyPem: string;
}

function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else if (n < 0x100) len = Buffer.from([0x81, n]);
  else len = Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A non-negative DER INTEGER: minimal length (no redundant leading zero), sign bit clear. */
export function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && (bytes[start + 1] & 0x80) === 0) start++;
  const minimal = bytes.subarray(start);
  const body = minimal[0] & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal;
  return tlv(0x02, body);
}

function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(s, 'ascii'));
}

const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const BOOL_TRUE = Buffer.from([0x01, 0x01, 0xff]);

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [BOOL_TRUE] : []), tlv(0x04, value));
}

export interface CertificateOptions {
  readonly now?: Date;
  /** @default - 30 days; the certificate lives only as long as the process */
  readonly validDays?: number;
}

export function generateCertificate(options: CertificateOptions = {}): CertificateAndKey {
  const now = options.now ?? new Date();
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return buildCertificate(publicKey, privateKey, now, options.validDays ?? 30);
}

function buildCertificate(publicKey: KeyObject, privateKey: KeyObject, now: Date, validDays: number): CertificateAndKey {
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(set(seq(oid('2.5.4.10'), utf8('HashiCorp'))), set(seq(oid('2.5.4.3'), utf8('localhost'))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x3f) | 0x40; // positive, 16 bytes, no leading zero
  const extensions = seq(
    extension('2.5.29.19', true, seq(BOOL_TRUE)), // basicConstraints: CA
    extension('2.5.29.15', true, Buffer.from([0x03, 0x02, 0x02, 0xac])), // keyUsage
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.2'), oid('1.3.6.1.5.5.7.3.1'))), // EKU client+server
    extension('2.5.29.17', false, seq(tlv(0x82, Buffer.from('localhost')))), // SAN DNS:localhost
  );
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    ecdsaWithSha256,
    name,
    seq(utcTime(new Date(now.getTime() - 30_000)), utcTime(new Date(now.getTime() + validDays * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return {
    der,
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

/** Re-exported for tests that want to check the key matches. */
export function keyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** go-plugin's encoding of the certificate in the handshake line: base64, standard alphabet, no padding. */
export function handshakeCertField(der: Buffer): string {
  return der.toString('base64').replace(/=+$/, '');
}
