import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface TestCa {
  /** The CA certificate, for SSL_CERT_FILE. */
  readonly caPem: string;
  /** A server certificate for IP 127.0.0.1 signed by the CA, and its key. */
  readonly certPem: string;
  readonly keyPem: string;
}

const pem = (label: string, der: ArrayBuffer) => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END ${label}-----\n`;

/** A throwaway CA and a 127.0.0.1 server certificate, valid for a day. */
export async function createTestCa(): Promise<TestCa> {
  const subtle = webcrypto.subtle;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 86_400_000);
  const caKeys = (await subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01' + randomBytes(15).toString('hex'),
    name: 'CN=idemeum test mirror CA',
    notBefore,
    notAfter,
    signingAlgorithm: EC,
    keys: caKeys as unknown as x509.X509CertificateCreateSelfSignedParams['keys'],
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const serverKeys = (await subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '02' + randomBytes(15).toString('hex'),
    subject: 'CN=127.0.0.1',
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingAlgorithm: EC,
    publicKey: serverKeys.publicKey as unknown as x509.X509CertificateCreateWithKeyParams['publicKey'],
    signingKey: caKeys.privateKey as unknown as x509.X509CertificateCreateWithKeyParams['signingKey'],
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }]),
    ],
  });
  return { caPem: ca.toString('pem'), certPem: leaf.toString('pem'), keyPem: pem('PRIVATE KEY', await subtle.exportKey('pkcs8', serverKeys.privateKey)) };
}

export interface StaticServer {
  /** `https://127.0.0.1:<port>/` */
  readonly url: string;
  /** Paths requested so far, in order, with the status answered. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.json': 'application/json', '.zip': 'application/zip' };

/**
 * What any static web server or bucket does with the release folder: GET a file, 404 otherwise.
 * Listens on 127.0.0.1 only.
 */
export async function serveStatic(root: string, tls: TestCa): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'https://127.0.0.1').pathname);
    const file = normalize(join(root, path));
    let status = 404;
    try {
      if (req.method === 'GET' && file.startsWith(root + sep) && statSync(file).isFile()) status = 200;
    } catch {
      // missing: 404
    }
    requests.push(`${status} ${path}`);
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
