import { ScimRateLimiter } from '../../src/scim/rate-limit';
import { fakeClock } from './support/scripted-server';

/** Largest number of admissions inside any window [t, t + 1000). */
function worstSecond(times: number[]): number {
  let worst = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && times[j] < times[i] + 1000) j++;
    worst = Math.max(worst, j - i);
  }
  return worst;
}

describe('client-side rate limit', () => {
  test.each([
    ['writes', 'write' as const, 25],
    ['reads', 'read' as const, 40],
  ])('%s never exceed AWS limit in any one-second window, and keep up with it', async (_n, kind, limit) => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 25 }, clock);
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, async () => {
        await limiter.acquire('CreateUser', kind);
        times.push(clock.now());
      }),
    );
    times.sort((a, b) => a - b);
    expect(times).toHaveLength(200);
    expect(worstSecond(times)).toBeLessThanOrEqual(limit);
    // 80 % of the limit sustained: 200 calls take about 200 / (0.8 × limit) seconds, not more.
    expect(times[199] - times[0]).toBeLessThanOrEqual(Math.ceil((200 / (0.8 * limit)) * 1000) + 100);
  });

  test('APIs are limited separately (AWS limits per API)', async () => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 5 }, clock);
    for (let i = 0; i < 1; i++) await limiter.acquire('CreateUser', 'write');
    await limiter.acquire('PatchGroup', 'write');
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire('CreateUser', 'write');
    expect(clock.sleeps.length).toBeGreaterThan(0);
  });

  test('false disables the limit', async () => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter(false, clock);
    for (let i = 0; i < 100; i++) await limiter.acquire('CreateUser', 'write');
    expect(clock.sleeps).toEqual([]);
  });
});
