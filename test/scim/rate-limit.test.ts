import { ScimRateLimiter } from '../../src/scim/rate-limit';
import { fakeClock } from './support/scripted-server';

/** Largest number of admissions inside any window [t, t + windowMs). */
function worstWindow(times: number[], windowMs = 1000): number {
  let worst = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && times[j] < times[i] + windowMs) j++;
    worst = Math.max(worst, j - i);
  }
  return worst;
}

async function admitAll(limiter: ScimRateLimiter, clock: ReturnType<typeof fakeClock>, n: number, kind: 'read' | 'write'): Promise<number[]> {
  // One after the other: the fake clock jumps on every sleep, so concurrent callers would read a later time.
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await limiter.acquire('CreateUser', kind);
    times.push(clock.now());
  }
  return times;
}

describe('client-side rate limit', () => {
  test.each([
    ['writes', 'write' as const, 25],
    ['reads', 'read' as const, 40],
  ])('%s use AWS limit fully but never exceed it in any one-second window, even with 25 ms of jitter', async (_n, kind, limit) => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 25 }, clock);
    const times = await admitAll(limiter, clock, 200, kind);
    expect(times).toHaveLength(200);
    expect(worstWindow(times, 1025)).toBeLessThanOrEqual(limit);
    // The whole limit each (1 s + margin): 200 calls span ⌈200 / limit⌉ - 1 windows, not more.
    expect(times[199] - times[0]).toBeLessThanOrEqual((Math.ceil(200 / limit) - 1) * 1025);
    expect(limiter.currentLimit('CreateUser', kind)).toBe(limit);
  });

  test('APIs are limited separately (AWS limits per API)', async () => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 1 }, clock);
    await limiter.acquire('CreateUser', 'write');
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
    expect(limiter.currentLimit('CreateUser', 'write')).toBeUndefined();
  });

  test('a 429 cuts the limit once per window, then it climbs back one call per quiet second', () => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 25 }, clock);
    limiter.throttled('CreateUser', 'write');
    limiter.throttled('CreateUser', 'write'); // the same burst of 429s
    expect(limiter.currentLimit('CreateUser', 'write')).toBe(17);
    expect(limiter.currentLimit('ListUsers', 'read')).toBe(40);
    void clock.sleep(1100);
    limiter.throttled('CreateUser', 'write');
    expect(limiter.currentLimit('CreateUser', 'write')).toBe(11);
    return (async () => {
      void clock.sleep(3 * 1025);
      await limiter.acquire('CreateUser', 'write');
      expect(limiter.currentLimit('CreateUser', 'write')).toBe(14);
      void clock.sleep(60_000);
      await limiter.acquire('CreateUser', 'write');
      expect(limiter.currentLimit('CreateUser', 'write')).toBe(25);
    })();
  });

  test('against an identity store that another client shares (only 10 of 25 writes/s left), every call gets through with few 429s', async () => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 25 }, clock);
    // The server's throttle: fixed one-second windows of 10 calls, refused calls counted too (mocks/store/throttle.ts).
    const counts = new Map<number, number>();
    const admit = () => {
      const second = Math.floor(clock.now() / 1000);
      const used = (counts.get(second) ?? 0) + 1;
      counts.set(second, used);
      return used <= 10;
    };
    let refused = 0;
    let done = 0;
    const started = clock.now();
    for (let call = 0; call < 300; call++) {
      for (;;) {
        await limiter.acquire('CreateUser', 'write');
        if (admit()) break;
        refused++;
        limiter.throttled('CreateUser', 'write');
      }
      done++;
    }
    const seconds = (clock.now() - started) / 1000;
    expect(done).toBe(300);
    expect(refused / 300).toBeLessThan(0.15);
    // At least 70 % of what is left of the budget is used.
    expect(300 / seconds).toBeGreaterThan(7);
  });
});
