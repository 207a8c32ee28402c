import { scimHarness } from './support';

describe('SCIM 429 with scimRetryAfterSeconds set', () => {
  const t = scimHarness({ throttle: { enabled: true, scimReadsPerSecond: 1, scimRetryAfterSeconds: 2 } });

  test('a throttled response carries Retry-After with the configured seconds; others do not', async () => {
    t.clock.advance(1000);
    const ok = await t.call('GET', '/Users');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('retry-after')).toBeNull();
    const throttled = await t.call('GET', '/Users');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(throttled.body).toMatchObject({ status: '429', detail: 'Rate exceeded' });
  });

  test('other errors never carry Retry-After', async () => {
    t.clock.advance(1000);
    const notFound = await t.call('GET', '/Users/0000000000-ffffffff-ffff-ffff-ffff-ffffffffffff');
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('retry-after')).toBeNull();
  });
});

describe('SCIM 429 by default ([U] whether AWS sends Retry-After)', () => {
  const t = scimHarness({ throttle: { enabled: true, scimReadsPerSecond: 1 } });

  test('has no Retry-After header', async () => {
    t.clock.advance(1000);
    await t.call('GET', '/Users');
    const throttled = await t.call('GET', '/Users');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBeNull();
  });
});
