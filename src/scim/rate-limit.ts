import type { ScimClock } from './clock';
import { AWS_SCIM_LIMITS } from './urn';

/**
 * Client-side throttle that keeps us at AWS's SCIM limits instead of bouncing off them.
 *
 * One sliding-window log per SCIM API (AWS limits "per API, per identity store"): a call is sent
 * only while fewer than `limit` calls were sent in the last second plus `marginMs`. The margin
 * absorbs the jitter between our send time and AWS's arrival time (event-loop lag, network), so
 * no one-second window on AWS's side, fixed or sliding, ever sees more than the limit; it costs
 * marginMs / 1000 of the rate (2.5 % at the default). A token bucket at the full rate would
 * admit its burst plus the rate in one second, so it would have to run below the rate instead.
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
  /** Extra time added to each one-second window. @default 25 */
  readonly marginMs?: number;
  /** Factor applied to an API's limit on a 429. @default 0.7 */
  readonly decrease?: number;
}

const WINDOW_MS = 1000;

class SlidingWindow {
  /** Send times inside the current window, oldest first. */
  private readonly sent: number[] = [];
  /** Serialises waiters so they are admitted in arrival order. */
  private queue: Promise<void> = Promise.resolve();
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

  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn.catch(() => undefined);
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

  private async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.recover(now);
      while (this.sent.length > 0 && this.sent[0] <= now - this.windowMs) this.sent.shift();
      if (this.sent.length < this.current) {
        this.sent.push(now);
        return;
      }
      // The (length - current + 1)th oldest send must leave the window before the next one.
      const oldest = this.sent[this.sent.length - this.current];
      await this.clock.sleep(Math.max(1, oldest + this.windowMs - now));
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
    this.windowMs = WINDOW_MS + (options.marginMs ?? 25);
    this.decrease = options.decrease ?? 0.7;
  }

  /** Waits until one more call of this API stays within its limit. */
  async acquire(api: string, kind: ScimApiKind): Promise<void> {
    if (!this.limits) return;
    await this.window(api, kind).take();
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
