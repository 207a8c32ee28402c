import { TerraformVariable, Testing } from 'cdktf';
import { PushedUser } from '../../constructs/pushed-user';
import { ScimLink, ScimLinkProps } from '../../constructs/scim-link';
import { errorOf, only, testStack } from './helpers';

describe('ScimLink', () => {
  test('defaults: a provider configured from the environment and the link resource', () => {
    const stack = testStack();
    new ScimLink(stack, 'Scim', { tokenIssuedAt: '2026-01-31' });
    const out = JSON.parse(Testing.synth(stack));
    expect(out.provider.idemeum).toEqual([{}]);
    expect(only(out, 'resource', 'idemeum_scim_link')).toEqual({ provider: 'idemeum', token_issued_at: '2026-01-31' });
  });

  test('overrides configure the provider; the token goes in as a reference', () => {
    const stack = testStack();
    const token = new TerraformVariable(stack, 'scim_token', { type: 'string', sensitive: true });
    new ScimLink(stack, 'Scim', {
      endpoint: 'https://scim.eu-west-1.amazonaws.com/abc/scim/v2',
      token: token.stringValue,
      tokenIssuedAt: '2026-01-31T09:00:00Z',
      tokenValidityDays: 365,
      expiryWarningDays: 14,
      requestTimeout: '45s',
      maxRetries: 3,
      writesPerSecond: 12,
    });
    const out = JSON.parse(Testing.synth(stack));
    expect(out.provider.idemeum).toEqual([
      { scim_endpoint: 'https://scim.eu-west-1.amazonaws.com/abc/scim/v2', scim_token: '${var.scim_token}', request_timeout: '45s', max_retries: 3, scim_writes_per_second: 12 },
    ]);
    expect(only(out, 'resource', 'idemeum_scim_link')).toMatchObject({ token_validity_days: 365, expiry_warning_days: 14 });
  });

  test('users created after the link use its provider (no second provider)', () => {
    const stack = testStack();
    new ScimLink(stack, 'Scim', { tokenIssuedAt: '2026-01-31', endpoint: 'https://scim.example/scim/v2' });
    new PushedUser(stack, 'U', { userName: 'a@b.example', givenName: 'A', familyName: 'B' });
    const out = JSON.parse(Testing.synth(stack));
    expect(out.provider.idemeum).toHaveLength(1);
  });

  test('warns, without echoing it, when the token is a literal', () => {
    const stack = testStack();
    const link = new ScimLink(stack, 'Scim', { tokenIssuedAt: '2026-01-31', token: 'secret-literal-token' });
    const warnings = link.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining('[idemeum:literal-scim-token]')]);
    expect(warnings.join()).not.toContain('secret-literal-token');
  });

  test.each<[string, Partial<ScimLinkProps>, Partial<ScimLinkProps>, string]>([
    ['endpoint', { endpoint: 'http://127.0.0.1:4566/t/scim/v2' }, { endpoint: 'scim.example' }, 'SCIM endpoint "scim.example" is not a URL; copy it from Identity Center → Settings → Automatic provisioning'],
    ['issue date', { tokenIssuedAt: '2026-02-28T10:00:00+01:00' }, { tokenIssuedAt: '31/01/2026' }, 'token issue date "31/01/2026" is not an RFC 3339 date; write it as "2026-01-31" or "2026-01-31T09:00:00Z"'],
    ['issue date exists', { tokenIssuedAt: '2026-02-28' }, { tokenIssuedAt: '2026-02-30T00:00:00Z' }, 'token issue date "2026-02-30T00:00:00Z" is not an RFC 3339 date'],
    ['validity', { tokenValidityDays: 90 }, { tokenValidityDays: 0 }, 'token validity 0 days is invalid; expected a positive whole number (AWS: 365)'],
    ['warning', { expiryWarningDays: 7 }, { expiryWarningDays: 1.5 }, 'expiry warning 1.5 days is invalid'],
    ['timeout', { requestTimeout: '1m30s' }, { requestTimeout: '30 seconds' }, 'request timeout "30 seconds" is invalid; expected a duration such as "30s" or "2m"'],
    ['retries', { maxRetries: 0 }, { maxRetries: -1 }, 'max retries -1 is invalid; expected a whole number ≥ 0'],
    ['reads per second', { readsPerSecond: 10 }, { readsPerSecond: 0 }, "SCIM reads per second 0 is invalid; expected a positive whole number (AWS's quota: 40)"],
    ['writes per second', { writesPerSecond: 25 }, { writesPerSecond: 2.5 }, "SCIM writes per second 2.5 is invalid; expected a positive whole number (AWS's quota: 25)"],
  ])('%s: passes when valid, fails when invalid', (_rule, good, bad, message) => {
    const props = { tokenIssuedAt: '2026-01-31' };
    expect(() => new ScimLink(testStack(), 'Scim', { ...props, ...good })).not.toThrow();
    expect(errorOf(() => new ScimLink(testStack(), 'Scim', { ...props, ...bad }))).toContain(`test/Scim: ${message}`);
  });
});
