import type { EmulatorState, ThrottleOptions } from '../store';
import { rateWindows } from '../store/throttle';

/** How an awsJson service counts calls against its published TPS (aws-behavior.md §4). */
export interface ApiThrottle {
  /** Bucket prefix, unique per service. */
  readonly service: string;
  /** 'operation': each API has its own budget (Identity Store); 'service': one shared budget (SSO Admin). */
  readonly per: 'operation' | 'service';
  readonly limit: (options: ThrottleOptions) => number;
}

/** Identity Store: 20 TPS per API per identity store. */
export const IDENTITY_STORE_THROTTLE: ApiThrottle = { service: 'identitystore', per: 'operation', limit: (o) => o.identityStorePerSecond };

/** SSO Admin: 20 TPS collectively across its APIs. */
export const SSO_ADMIN_THROTTLE: ApiThrottle = { service: 'sso', per: 'service', limit: (o) => o.ssoAdminPerSecond };

/** Counts one call of `operation`; false when it must be answered with ThrottlingException. */
export function admitCall(state: EmulatorState, throttle: ApiThrottle, operation: string): boolean {
  const options = state.options.throttle;
  if (!options.enabled) return true;
  const bucket = throttle.per === 'operation' ? `${throttle.service}:${operation}` : throttle.service;
  return rateWindows(state).admit(bucket, throttle.limit(options));
}
