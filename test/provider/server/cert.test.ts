import { X509Certificate } from 'node:crypto';
import { generateCertificate, integer } from '../../../src/provider/server/cert';

describe('provider TLS certificate', () => {
  test.each([
    ['strips a redundant leading zero', [0x00, 0x12], '020112'],
    ['keeps the zero that clears the sign bit', [0x00, 0x92], '02020092'],
    ['adds a zero when the high bit is set', [0x92], '02020092'],
    ['leaves zero as one byte', [0x00, 0x00], '020100'],
    ['strips several leading zeros', [0x00, 0x00, 0x7f], '02017f'],
  ])('DER integer %s', (_name, bytes, hex) => {
    expect(integer(Buffer.from(bytes)).toString('hex')).toBe(hex);
  });

  // A serial starting 0x00 0x0X was once encoded with a redundant zero: invalid DER, and the
  // provider died at start about once in 256 launches.
  test('every generated certificate parses as X.509', () => {
    for (let i = 0; i < 600; i++) {
      const { certPem } = generateCertificate();
      const cert = new X509Certificate(certPem);
      expect(cert.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    }
  });
});
