import type { EmulatorState } from '../store';

export type ScimApiKind = 'read' | 'write';

/**
 * AWS throttles SCIM per API per identity store: 25 writes/s and 40 reads/s by default (UG:limits).
 * Fixed one-second windows on the injected clock, so tests step time instead of sleeping.
 */
export class ScimThrottle {
  private window = -1;
  private readonly counts = new Map<string, number>();

  constructor(private readonly state: EmulatorState) {}

  /** Counts one call of `api`; false when it is over the limit and must be answered with 429. */
  admit(api: string, kind: ScimApiKind): boolean {
    const { enabled, scimReadsPerSecond, scimWritesPerSecond } = this.state.options.throttle;
    if (!enabled) return true;
    const second = Math.floor(this.state.clock.now().getTime() / 1000);
    if (second !== this.window) {
      this.window = second;
      this.counts.clear();
    }
    const used = (this.counts.get(api) ?? 0) + 1;
    this.counts.set(api, used);
    return used <= (kind === 'read' ? scimReadsPerSecond : scimWritesPerSecond);
  }

  reset(): void {
    this.window = -1;
    this.counts.clear();
  }
}

const throttles = new WeakMap<EmulatorState, ScimThrottle>();

export function scimThrottle(state: EmulatorState): ScimThrottle {
  let throttle = throttles.get(state);
  if (!throttle) throttles.set(state, (throttle = new ScimThrottle(state)));
  return throttle;
}
