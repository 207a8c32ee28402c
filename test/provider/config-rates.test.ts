import { DEFAULT_SCIM_READS_PER_SECOND, DEFAULT_SCIM_WRITES_PER_SECOND, resolveProviderConfig, validateProviderConfig } from '../../src/provider/config';
import { UNKNOWN } from '../../src/provider/codec/values';

const base = { scim_endpoint: 'https://scim.us-east-1.amazonaws.com/t/scim/v2', scim_token: 'tok', request_timeout: null, max_retries: null };

describe('provider SCIM rates (scim_reads_per_second, scim_writes_per_second)', () => {
  test("default to AWS's published quotas", () => {
    const { config, diagnostics } = resolveProviderConfig({ ...base, scim_reads_per_second: null, scim_writes_per_second: null }, {});
    expect(diagnostics).toEqual([]);
    expect(config.scim).toMatchObject({ readsPerSecond: DEFAULT_SCIM_READS_PER_SECOND, writesPerSecond: DEFAULT_SCIM_WRITES_PER_SECOND });
    expect([DEFAULT_SCIM_READS_PER_SECOND, DEFAULT_SCIM_WRITES_PER_SECOND]).toEqual([40, 25]);
  });

  test('a share of the quota set in the provider block reaches the SCIM settings', () => {
    const { config } = resolveProviderConfig({ ...base, scim_reads_per_second: 10, scim_writes_per_second: 5 }, {});
    expect(config.scim).toMatchObject({ readsPerSecond: 10, writesPerSecond: 5 });
  });

  test.each([
    ['scim_writes_per_second', 0],
    ['scim_writes_per_second', 2.5],
    ['scim_reads_per_second', -1],
    ['scim_reads_per_second', 20_000],
  ])('fails when %s is %s', (attr, value) => {
    const diags = validateProviderConfig({ ...base, [attr]: value });
    expect(diags).toEqual([
      expect.objectContaining({
        summary: `Invalid ${attr}`,
        detail: expect.stringContaining(`${attr} must be a whole number of calls per second from 1 to 10000, got ${value}`),
        path: [attr],
      }),
    ]);
  });

  test('an unknown rate is not judged before apply', () => {
    expect(validateProviderConfig({ ...base, scim_writes_per_second: UNKNOWN })).toEqual([]);
  });
});
