/** Go/Terraform duration strings ("30s", "5m", "1h30m", "250ms") to milliseconds. */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

export function parseDuration(text: string): number {
  if (!DURATION.test(text)) {
    throw new DurationError(`"${text}" is not a duration: use a number and a unit, e.g. "30s", "5m" or "1h30m"`);
  }
  let ms = 0;
  for (const m of text.matchAll(PART)) ms += Number(m[1]) * UNIT_MS[m[2]];
  return ms;
}
