import { generateKeyPairSync } from 'node:crypto';
import { REDACTED, Redactor } from '../../src/provider/redact';

const KEY = (generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).trim();
const BODY = KEY.split('\n').slice(1, -1).join('\n');
/** The key's base64 lines with a last line of `n` characters (a PEM body's last line holds what is left over). */
const bodyEndingIn = (n: number) => `${BODY.split('\n').slice(0, -1).join('\n')}\n${'Kp+/'.repeat(4).slice(0, n)}`;
const TOKEN = 'Q2x' + 'a9Z/+k'.repeat(92) + '5=ab1';

describe('Redactor', () => {
  test.each<[string, string, string]>([
    ['a registered secret anywhere', `value ${TOKEN} here`, `value ${REDACTED} here`],
    ['a Bearer credential nobody registered', 'Authorization: Bearer abcdefgh12345678', `Authorization: Bearer ${REDACTED}`],
    ['a whole PEM private key', `key "${KEY}" given`, `key "${REDACTED}" given`],
    ['a PEM private key cut off before its END line', `"${KEY.slice(0, 300)}" is not an absolute URL`, `"${REDACTED}" is not an absolute URL`],
    ['a PEM key with JSON-escaped line breaks (a log line)', JSON.stringify({ v: KEY.slice(0, 500) }), `{"v":"${REDACTED}"}`],
    ['a PEM body without its header', `sso_url "${BODY}" is bad`, `sso_url "${REDACTED}" is bad`],
    ['a PEM body whose last line is 1 character', `sso_url "${bodyEndingIn(1)}" is bad`, `sso_url "${REDACTED}" is bad`],
    ['a PEM body whose last line is 15 characters', `sso_url "${bodyEndingIn(15)}" is bad`, `sso_url "${REDACTED}" is bad`],
    ['a PEM body with escaped line breaks and a short last line', JSON.stringify({ v: bodyEndingIn(3) }), `{"v":"${REDACTED}"}`],
    ['an unregistered token-shaped run', `got ${'Zz9+'.repeat(40)}!`, `got ${REDACTED}!`],
  ])('scrubs %s', (_name, input, expected) => {
    const r = new Redactor();
    r.add(TOKEN);
    expect(r.redact(input)).toBe(expected);
  });

  test.each([
    ['AWS ids and paths', 'GET /Groups/9067729b3d-0a1b2c3d-1111-2222-3333-444455556666: 404 ResourceNotFoundException'],
    ['an ARN', 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0123456789abcdef'],
    ['a URL', 'https://scim.us-east-1.amazonaws.com/0bca05b2d7f-abcf-4145-98c1-ee31b69a0de6/scim/v2'],
    ['a long run of one character class', 'x'.repeat(300)],
    ['one long base64-looking line with a short word under it', `${'Ab1'.repeat(20)}\nnext line`],
    ['an ordinary sentence', 'creating pushed user (ana@example.com): AWS answered 409 ConflictException'],
  ])('leaves %s alone', (_name, text) => {
    expect(new Redactor().redact(text)).toBe(text);
  });

  test('a registered multi-line secret is also scrubbed in its JSON-escaped form', () => {
    const r = new Redactor();
    r.add(KEY);
    const line = JSON.stringify({ message: `prefix ${KEY} suffix` });
    expect(r.redact(line)).toBe(JSON.stringify({ message: `prefix ${REDACTED} suffix` }));
  });

  test('values shorter than 4 characters are not registered (they would shred ordinary text)', () => {
    const r = new Redactor();
    r.add('30s');
    expect(r.redact('request_timeout 30s')).toBe('request_timeout 30s');
  });
});
