import type { EmulatorState } from '../store';
import { rateWindows } from '../store/throttle';

export type ScimApiKind = 'read' | 'write';

/**
 * AWS throttles SCIM per API per identity store: 25 writes/s and 40 reads/s by default, plus a
 * separate throttle on the member changes inside CreateGroup/PatchGroup (UG:limits). The windows
 * are the emulator's shared ones (mocks/store/throttle.ts).
 */
export class ScimThrottle {
  constructor(private readonly state: EmulatorState) {}

  /** Counts one call of `api`; false when it is over the limit and must be answered with 429. */
  admit(api: string, kind: ScimApiKind): boolean {
    const { enabled, scimReadsPerSecond, scimWritesPerSecond } = this.state.options.throttle;
    if (!enabled) return true;
    return rateWindows(this.state).admit(`scim:${api}`, kind === 'read' ? scimReadsPerSecond : scimWritesPerSecond);
  }

  /**
   * Takes `count` member operations from the membership budget; false (nothing taken) when they do
   * not fit in this second. Off unless `scimMembershipOpsPerSecond` is set, since AWS's value is unpublished.
   */
  admitMemberOperations(count: number): boolean {
    const { enabled, scimMembershipOpsPerSecond } = this.state.options.throttle;
    if (!enabled || scimMembershipOpsPerSecond === undefined || count === 0) return true;
    return rateWindows(this.state).take('scim:membership-operations', count, scimMembershipOpsPerSecond);
  }

  /** Clears every throttle window of the emulator (SCIM and the JSON APIs share them). */
  reset(): void {
    rateWindows(this.state).reset();
  }
}

export function scimThrottle(state: EmulatorState): ScimThrottle {
  return new ScimThrottle(state);
}
