import type { Clock } from './clock';

/**
 * Rate counting for every throttled surface (SCIM, Identity Store, SSO Admin): fixed one-second
 * windows on the injected clock, one counter per bucket, so tests step time instead of sleeping.
 * AWS's algorithm is not published; a fixed window admits exactly the documented TPS per second.
 */
export class RateWindows {
  private window = Number.NaN;
  private readonly counts = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /**
   * Counts one call against `bucket`; false when that makes more than `limit` in this second.
   * A refused call still counts, as a caller hammering a throttled API keeps being refused.
   */
  admit(bucket: string, limit: number): boolean {
    const used = this.used(bucket) + 1;
    this.counts.set(bucket, used);
    return used <= limit;
  }

  /**
   * Takes `units` from `bucket` only if they all fit under `limit` in this second (a request that
   * is refused as a whole changes nothing, so it must not use up the budget either).
   */
  take(bucket: string, units: number, limit: number): boolean {
    const used = this.used(bucket);
    if (used + units > limit) return false;
    this.counts.set(bucket, used + units);
    return true;
  }

  reset(): void {
    this.window = Number.NaN;
    this.counts.clear();
  }

  private used(bucket: string): number {
    const second = Math.floor(this.clock.now().getTime() / 1000);
    if (second !== this.window) {
      this.window = second;
      this.counts.clear();
    }
    return this.counts.get(bucket) ?? 0;
  }
}

const windows = new WeakMap<object, RateWindows>();

/** The one set of rate windows of an emulator instance (`POST /_fake/reset` clears it). */
export function rateWindows(state: { readonly clock: Clock }): RateWindows {
  let w = windows.get(state);
  if (!w) windows.set(state, (w = new RateWindows(state.clock)));
  return w;
}
