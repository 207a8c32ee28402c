import { SamlConfigError } from './errors';

export const DEFAULT_SESSION_DURATION = 'PT8H';
const MIN_MS = 3_600_000;
const MAX_MS = 12 * 3_600_000;

/** ISO-8601 `PT…H…M…S` between 1 and 12 hours (the `session_duration` of the AWS application). */
export function parseSessionDuration(value: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(value);
  if (!m || value === 'PT') {
    throw new SamlConfigError('session_duration', `session_duration "${value}" is not an ISO-8601 duration such as "PT8H" or "PT1H30M"`);
  }
  const ms = (Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000;
  if (ms < MIN_MS || ms > MAX_MS) {
    throw new SamlConfigError('session_duration', `session_duration "${value}" is outside PT1H…PT12H; choose a value in that range`);
  }
  return ms;
}
