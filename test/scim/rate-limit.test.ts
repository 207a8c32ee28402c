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
    const answered = await limiter.acquire('CreateUser', kind);
    times.push(clock.now());
    answered();
  }
  return times;
}

/**
 * Virtual time for concurrent callers: sleeps wait for `run` to move the clock to them, in order,
 * after every pending continuation has run.
 */
function virtualClock() {
  let t = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: t + ms, resolve })),
    async run(done: () => boolean): Promise<void> {
      for (;;) {
        await settle();
        if (done() || timers.length === 0) return;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        t = Math.max(t, next.at);
        next.resolve();
      }
    },
  };
}

/** A deterministic stand-in for Math.random (mulberry32). */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

describe('client-side rate limit', () => {
  test('calls that reach AWS late (a loaded event loop, a slow network) never put more than the limit in one second of arrivals', async () => {
    const clock = virtualClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 25 }, clock);
    const random = seeded(7);
    const arrivals: number[] = [];
    let sent = 0;
    let finished = 0;
    // Ten callers at once (Terraform's parallelism); each call is delivered 0–300 ms after it is
    // sent, in no particular order, and answered 5 ms after it arrives.
    const caller = async () => {
      while (sent < 400) {
        sent++;
        const answered = await limiter.acquire('CreateUser', 'write');
        await clock.sleep(Math.floor(random() * 300));
        arrivals.push(clock.now());
        await clock.sleep(5);
        answered();
      }
      finished++;
    };
    const callers = Array.from({ length: 10 }, caller);
    await clock.run(() => finished === 10);
    await Promise.all(callers);
    arrivals.sort((a, b) => a - b);
    expect(arrivals).toHaveLength(400);
    expect(worstWindow(arrivals, 1000)).toBeLessThanOrEqual(25);
    // AWS's fixed one-second windows (the emulator's) see no more than the limit either.
    const perSecond = new Map<number, number>();
    for (const a of arrivals) perSecond.set(Math.floor(a / 1000), (perSecond.get(Math.floor(a / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(25);
    // And the budget is still used: 400 calls at 25 per (1 s + the answers' latency, 155 ms on average).
    expect(arrivals[399] - arrivals[0]).toBeLessThan((400 / 25) * 1300);
  });

  test('a call counts from when it is sent until a second after its answer: the limit waits for calls in flight', async () => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 25 }, clock);
    const inFlight = [];
    for (let i = 0; i < 25; i++) inFlight.push(await limiter.acquire('CreateUser', 'write'));
    let admitted = false;
    const next = limiter.acquire('CreateUser', 'write').then((answered) => {
      admitted = true;
      return answered;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(admitted).toBe(false);
    expect(clock.sleeps).toEqual([]);
    void clock.sleep(2_000); // the first answer comes two seconds later
    const answeredAt = clock.now();
    inFlight[0]();
    inFlight[0](); // a second call of the same function changes nothing
    (await next)();
    expect(admitted).toBe(true);
    expect(clock.now() - answeredAt).toBe(1005);
  });

  test.each([
    ['writes', 'write' as const, 25],
    ['reads', 'read' as const, 40],
  ])('%s use AWS limit fully but never exceed it in any one-second window', async (_n, kind, limit) => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 25 }, clock);
    const times = await admitAll(limiter, clock, 200, kind);
    expect(times).toHaveLength(200);
    expect(worstWindow(times, 1005)).toBeLessThanOrEqual(limit);
    // The whole limit each (1 s + margin) when answers are instant: 200 calls span ⌈200 / limit⌉ - 1 windows, not more.
    expect(times[199] - times[0]).toBeLessThanOrEqual((Math.ceil(200 / limit) - 1) * 1005);
    expect(limiter.currentLimit('CreateUser', kind)).toBe(limit);
  });

  test('APIs are limited separately (AWS limits per API)', async () => {
    const clock = fakeClock();
    const limiter = new ScimRateLimiter({ readsPerSecond: 40, writesPerSecond: 1 }, clock);
    (await limiter.acquire('CreateUser', 'write'))();
    (await limiter.acquire('PatchGroup', 'write'))();
    expect(clock.sleeps).toEqual([]);
    (await limiter.acquire('CreateUser', 'write'))();
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
      void clock.sleep(3 * 1005);
      (await limiter.acquire('CreateUser', 'write'))();
      expect(limiter.currentLimit('CreateUser', 'write')).toBe(14);
      void clock.sleep(60_000);
      (await limiter.acquire('CreateUser', 'write'))();
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
        (await limiter.acquire('CreateUser', 'write'))();
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
