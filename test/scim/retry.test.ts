import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableCode, isRetryableStatus, parseRetryAfter } from '../../src/scim/retry';

describe('retry policy', () => {
  test.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [501, false],
    [400, false],
    [401, false],
    [404, false],
    [409, false],
  ])('status %i retryable: %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });

  test.each([
    ['ECONNRESET', true],
    ['UND_ERR_SOCKET', true],
    ['ECONNREFUSED', true],
    ['UND_ERR_HEADERS_TIMEOUT', true],
    ['ERR_INVALID_URL', false],
    [undefined, false],
  ])('code %s retryable: %s', (code, expected) => {
    expect(isRetryableCode(code)).toBe(expected);
  });

  test.each([
    ['2', 2000],
    ['0.5', 500],
    ['Thu, 01 Jan 1970 00:00:05 GMT', 4000],
    ['soon', undefined],
    [undefined, undefined],
  ])('Retry-After %s → %s ms', (header, ms) => {
    expect(parseRetryAfter(header, 1000)).toBe(ms);
  });

  test('Retry-After wins over backoff but is capped', () => {
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 1, 1500, () => 0.99)).toBe(1500);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 1, 10 * 60_000, () => 0.99)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  test('backoff grows exponentially with full jitter, floored and capped', () => {
    const p = { maxRetries: 8, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(p, 1, undefined, () => 0.999)).toBe(99);
    expect(backoffDelay(p, 3, undefined, () => 0.999)).toBe(399);
    expect(backoffDelay(p, 10, undefined, () => 0.999)).toBe(999);
    expect(backoffDelay(p, 3, undefined, () => 0)).toBe(50);
  });
});
