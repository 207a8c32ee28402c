import type { ScimClock } from './clock';
import { AWS_SCIM_LIMITS } from './urn';

/**
 * Client-side throttle that keeps us at AWS's SCIM limits instead of bouncing off them.
 *
 * One sliding-window log per SCIM API (AWS limits "per API, per identity store"). A call counts
 * from the moment it is sent until one second (plus `marginMs`) after its answer began to arrive,
 * and a call is sent only while fewer than `limit` calls count. AWS counts a call when it arrives,
 * which is after we sent it and before it answered, so two calls `limit` apart always arrive more
 * than a second apart: no one-second window on AWS's side, fixed or sliding, sees more than the
 * limit, however late a loaded event loop or network delivers one of them. (Counting from the
 * send time plus a margin did not hold: at a load average of 7–10 a call now and then reached
 * the emulator more than the margin late, after the ones behind it.) The cost is the answer's
 * latency per window: on loopback a few milliseconds, against AWS its round trip, 2–8 % of the
 * rate. A token bucket at the full rate would admit its burst plus the rate in one second, so it
 * would have to run below the rate instead.
 *
 * When AWS answers 429 anyway (another client of the same identity store uses part of the
 * budget) the API's limit drops by `decrease` and climbs back by one call per second for every
 * second without a 429, up to the configured rate: additive increase, multiplicative decrease.
 */
export interface RateLimits {
  readonly readsPerSecond: number;
  readonly writesPerSecond: number;
}

export type ScimApiKind = 'read' | 'write';

export interface AdaptiveOptions {
  /** Extra time added to each one-second window (timer granularity on either side). @default 5 */
  readonly marginMs?: number;
  /** Factor applied to an API's limit on a 429. @default 0.7 */
  readonly decrease?: number;
}

/** Tells the limiter that AWS has answered the call (or that it failed): it leaves the window one second later. */
export type CallDone = () => void;

const WINDOW_MS = 1000;
const NOTHING: CallDone = () => undefined;

class SlidingWindow {
  /** Calls inside the window: when each was answered, Infinity while in flight. */
  private readonly calls: { answeredAt: number }[] = [];
  /** Serialises waiters so they are admitted in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  /** Resolves the waiter blocked on calls in flight when one of them is answered. */
  private answered?: () => void;
  private current: number;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  private lastRaiseAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly decrease: number,
    private readonly clock: ScimClock,
  ) {
    this.current = max;
  }

  /** The calls this API may send per window right now (below `max` after a 429). */
  get limit(): number {
    return this.current;
  }

  take(): Promise<CallDone> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  throttled(): void {
    const now = this.clock.now();
    // One 429 burst (several calls in flight in the same window) is one signal, not many.
    if (now - this.lastThrottleAt < this.windowMs) return;
    this.lastThrottleAt = now;
    this.lastRaiseAt = now;
    this.current = Math.max(1, Math.floor(this.current * this.decrease));
  }

  private recover(now: number): void {
    if (this.current >= this.max) return;
    const steps = Math.floor((now - this.lastRaiseAt) / this.windowMs);
    if (steps <= 0) return;
    this.current = Math.min(this.max, this.current + steps);
    this.lastRaiseAt += steps * this.windowMs;
  }

  private async acquire(): Promise<CallDone> {
    for (;;) {
      const now = this.clock.now();
      this.recover(now);
      for (let i = this.calls.length - 1; i >= 0; i--) {
        if (this.calls[i].answeredAt <= now - this.windowMs) this.calls.splice(i, 1);
      }
      if (this.calls.length < this.current) {
        const call = { answeredAt: Number.POSITIVE_INFINITY };
        this.calls.push(call);
        return () => {
          if (call.answeredAt !== Number.POSITIVE_INFINITY) return;
          call.answeredAt = this.clock.now();
          this.answered?.();
        };
      }
      // The (length - current + 1)th earliest to leave must leave before the next call is sent.
      // A call answered from now on leaves after it, so when that one is answered already the wait
      // is exact; while too many are in flight, wait for an answer and look again.
      const leaving = this.calls.map((c) => c.answeredAt).sort((a, b) => a - b)[this.calls.length - this.current];
      if (leaving !== Number.POSITIVE_INFINITY) {
        await this.clock.sleep(Math.max(1, leaving + this.windowMs - now));
      } else {
        await new Promise<void>((resolve) => (this.answered = resolve));
        this.answered = undefined;
      }
    }
  }
}

export class ScimRateLimiter {
  private readonly windows = new Map<string, SlidingWindow>();
  private readonly windowMs: number;
  private readonly decrease: number;

  constructor(
    private readonly limits: RateLimits | false = AWS_SCIM_LIMITS,
    private readonly clock: ScimClock,
    options: AdaptiveOptions = {},
  ) {
    this.windowMs = WINDOW_MS + (options.marginMs ?? 5);
    this.decrease = options.decrease ?? 0.7;
  }

  /**
   * Waits until one more call of this API stays within its limit. Call the returned function
   * when AWS's answer begins to arrive (or the call fails): until then the call counts as sent now.
   */
  async acquire(api: string, kind: ScimApiKind): Promise<CallDone> {
    if (!this.limits) return NOTHING;
    return this.window(api, kind).take();
  }

  /** AWS answered 429 for this API: slow it down, to recover gradually. */
  throttled(api: string, kind: ScimApiKind): void {
    if (!this.limits) return;
    this.window(api, kind).throttled();
  }

  /** The calls per second this API is held to now; undefined when limits are off. */
  currentLimit(api: string, kind: ScimApiKind): number | undefined {
    if (!this.limits) return undefined;
    return this.window(api, kind).limit;
  }

  private window(api: string, kind: ScimApiKind): SlidingWindow {
    let w = this.windows.get(api);
    if (!w) {
      const limits = this.limits as RateLimits;
      const limit = Math.max(1, Math.floor(kind === 'read' ? limits.readsPerSecond : limits.writesPerSecond));
      w = new SlidingWindow(limit, this.windowMs, this.decrease, this.clock);
      this.windows.set(api, w);
    }
    return w;
  }
}
