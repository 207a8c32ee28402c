import { certificateForKey, generateSigningMaterial, loadSigningMaterial, readCertificate } from '../../src/saml/keys';
import { SigningMaterialError } from '../../src/saml/errors';
import { material } from './fixtures';

describe('signing material', () => {
  test('generates an RSA-2048 key and a SHA-256 self-signed certificate valid from now', async () => {
    const now = new Date('2026-05-01T00:00:00Z');
    const m = await generateSigningMaterial({ commonName: 'acme.idemeum.com', now, validityDays: 365 });
    const cert = readCertificate(m.certificatePem);
    expect(cert.subject).toBe('CN=acme.idemeum.com');
    expect(cert.signatureAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    expect(cert.notBefore.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(m.notAfter.toISOString()).toBe('2027-05-01T00:00:00.000Z');
    expect((cert.publicKey.algorithm as unknown as { modulusLength: number }).modulusLength).toBe(2048);
    expect(loadSigningMaterial(m.keyPem, m.certificatePem).notAfter.getTime()).toBe(cert.notAfter.getTime());
  });

  test('issues a certificate for a given key', async () => {
    const m = await material();
    const again = await certificateForKey(m.keyPem, { commonName: 'x', now: new Date('2026-01-01T00:00:00Z') });
    expect(() => loadSigningMaterial(m.keyPem, again.certificatePem)).not.toThrow();
  });

  test('fails when the certificate belongs to another key', async () => {
    const [a, b] = [await material('a'), await material('b')];
    expect(() => loadSigningMaterial(a.keyPem, b.certificatePem)).toThrow(/does not belong to the signing key/);
  });

  test.each([
    ['the key is truncated', 'key', /not a PEM private key/],
    ['the certificate is not PEM', 'cert', /not a PEM X.509 certificate/],
  ])('fails when %s, without echoing the input', async (_n, which, message) => {
    const m = await material();
    const truncatedKey = m.keyPem.slice(0, 400);
    const run = () => (which === 'cert' ? loadSigningMaterial(m.keyPem, 'garbage') : loadSigningMaterial(truncatedKey, m.certificatePem));
    expect(run).toThrow(SigningMaterialError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (err) {
      expect((err as Error).message).not.toContain('garbage');
      expect((err as Error).message).not.toContain(truncatedKey.slice(40, 120));
    }
  });
});
