import { resolveProviderConfig, validateProviderConfig } from '../../src/provider/config';
import type { ObjectValue } from '../../src/provider/codec/values';

const ENDPOINT = 'https://scim.us-east-1.amazonaws.com/abcd1234-5678/scim/v2';
// A SCIM token as the console shows it: 560 characters of base64.
const TOKEN = 'Q2x' + 'a9Z/+k'.repeat(92) + '5=ab1';
const base: ObjectValue = { scim_endpoint: null, scim_token: null, request_timeout: null, max_retries: null };

describe('provider configuration messages', () => {
  test('fails when scim_token is an empty string, without falling back to IDEMEUM_SCIM_TOKEN', () => {
    const config = { ...base, scim_endpoint: ENDPOINT, scim_token: '' };
    expect(validateProviderConfig(config)).toEqual([
      { severity: 'error', summary: 'Invalid scim_token', detail: expect.stringContaining('does not fall back to IDEMEUM_SCIM_TOKEN'), path: ['scim_token'] },
    ]);
    const resolved = resolveProviderConfig(config, { IDEMEUM_SCIM_TOKEN: TOKEN });
    expect(resolved.config.scim).toBeUndefined();
    expect(resolved.config.scimUnavailableReason).toContain('scim_token is set to an empty string');
    expect(resolved.diagnostics.map((d) => d.path)).toEqual([['scim_token']]);
  });

  test('fails when scim_endpoint is an empty string, without falling back to IDEMEUM_SCIM_ENDPOINT', () => {
    const resolved = resolveProviderConfig({ ...base, scim_endpoint: '', scim_token: TOKEN }, { IDEMEUM_SCIM_ENDPOINT: ENDPOINT });
    expect(resolved.config.scim).toBeUndefined();
    expect(resolved.diagnostics[0]).toMatchObject({ summary: 'Invalid scim_endpoint', path: ['scim_endpoint'] });
  });

  test('an unset scim_token still comes from IDEMEUM_SCIM_TOKEN', () => {
    const resolved = resolveProviderConfig({ ...base, scim_endpoint: ENDPOINT }, { IDEMEUM_SCIM_TOKEN: TOKEN });
    expect(resolved.diagnostics).toEqual([]);
    expect(resolved.config.scim?.token).toBe(TOKEN);
  });

  test.each([
    ['the tenant only', 'https://scim.us-east-1.amazonaws.com/abcd1234-5678'],
    ['a /scim path without the version', 'https://scim.us-east-1.amazonaws.com/abcd1234-5678/scim'],
    ['v1', 'https://scim.us-east-1.amazonaws.com/abcd1234-5678/scim/v1'],
  ])('fails when scim_endpoint is %s, with the endpoint-path hint', (_name, endpoint) => {
    const [d] = validateProviderConfig({ ...base, scim_endpoint: endpoint });
    expect(d).toMatchObject({ severity: 'error', summary: 'Invalid scim_endpoint', path: ['scim_endpoint'] });
    expect(d.detail).toContain('does not end in /scim/v2');
    expect(d.detail).toContain('https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2');
  });

  test.each([
    ['with a trailing slash', `${ENDPOINT}/`],
    ['on the emulator', 'http://127.0.0.1:4000/0abc/scim/v2'],
  ])('an endpoint ending in /scim/v2 is accepted %s', (_name, endpoint) => {
    expect(validateProviderConfig({ ...base, scim_endpoint: endpoint })).toEqual([]);
  });

  test('fails when the token is pasted into request_timeout, without quoting it', () => {
    const [d] = validateProviderConfig({ ...base, request_timeout: TOKEN });
    expect(d).toMatchObject({ severity: 'error', summary: 'Invalid request_timeout', path: ['request_timeout'] });
    expect(d.detail).toContain('is not a duration');
    expect(d.detail).toContain('560 characters, not shown');
    expect(JSON.stringify(d)).not.toContain(TOKEN.slice(0, 24));
  });

  test('fails when request_timeout has a short typo, quoting it so it can be fixed', () => {
    const [d] = validateProviderConfig({ ...base, request_timeout: '30sec' });
    expect(d.detail).toBe('request_timeout: "30sec" is not a duration: use a number and a unit, e.g. "30s", "5m" or "1h30m"');
  });
});
