import type { ScimClock } from './clock';
import { AWS_SCIM_LIMITS } from './urn';

/**
 * Client-side throttle that keeps us under AWS's SCIM limits instead of bouncing off them.
 *
 * One token bucket per SCIM API (AWS limits "per API, per identity store"). A bucket refilling
 * at r/s with burst b admits at most b + r requests in any one-second window, so r = 80 % and
 * b = 20 % of the published limit never exceeds it, whether AWS counts fixed or sliding windows.
 */
export interface RateLimits {
  readonly readsPerSecond: number;
  readonly writesPerSecond: number;
}

export type ScimApiKind = 'read' | 'write';

class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  /** Serialises waiters so they are admitted in arrival order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly clock: ScimClock,
  ) {
    this.tokens = burst;
    this.updatedAt = clock.now();
  }

  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
      this.updatedAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }
}

export class ScimRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: RateLimits | false = AWS_SCIM_LIMITS,
    private readonly clock: ScimClock,
  ) {}

  /** Waits until one more call of this API stays within its limit. */
  async acquire(api: string, kind: ScimApiKind): Promise<void> {
    if (!this.limits) return;
    let bucket = this.buckets.get(api);
    if (!bucket) {
      const limit = kind === 'read' ? this.limits.readsPerSecond : this.limits.writesPerSecond;
      bucket = new TokenBucket(limit * 0.8, Math.max(1, Math.floor(limit * 0.2)), this.clock);
      this.buckets.set(api, bucket);
    }
    await bucket.take();
  }
}
