/**
 * JSON encoding that keeps Maps, Sets and Dates, so whole store sections (whatever fields their
 * owners add) survive a state file round trip.
 */
export function encode(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  if (value instanceof Set) return { $set: [...value].map(encode) };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v !== 'function') out[k] = encode(v);
    return out;
  }
  return value;
}

export function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof obj.$date === 'string' && Object.keys(obj).length === 1) return new Date(obj.$date);
    if (Array.isArray(obj.$map) && Object.keys(obj).length === 1) return new Map((obj.$map as unknown[][]).map(([k, v]) => [decode(k), decode(v)]));
    if (Array.isArray(obj.$set) && Object.keys(obj).length === 1) return new Set((obj.$set as unknown[]).map(decode));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = decode(v);
    return out;
  }
  return value;
}

/** Refills `target`'s fields in place from a decoded snapshot (readonly Maps/arrays stay the same objects). */
export function refill(target: Record<string, unknown>, saved: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(saved)) {
    const current = target[key];
    if (current instanceof Map && value instanceof Map) {
      current.clear();
      for (const [k, v] of value) current.set(k, v);
    } else if (current instanceof Set && value instanceof Set) {
      current.clear();
      for (const v of value) current.add(v);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      current.length = 0;
      current.push(...value);
    } else if (current !== null && typeof current === 'object' && !(current instanceof Date) && Object.getPrototypeOf(current) !== Object.prototype) {
      // A class instance (a key object, a clock) cannot be rebuilt from JSON: keep the live one.
      continue;
    } else if (typeof current !== 'function') {
      target[key] = value;
    }
  }
}

const SECRET_KEY = /secret|password|private|signingkey|^key$|token$/i;

/** A JSON view with any secret-looking field replaced, for the state dump. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && (typeof v === 'string' || typeof v === 'object') ? '[redacted]' : redact(v);
    return out;
  }
  return value;
}

/** Plain JSON for people: Dates as ISO strings, Maps as objects (or entry lists), Sets as lists. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) {
    const entries = [...value];
    return entries.every(([k]) => typeof k === 'string')
      ? Object.fromEntries(entries.map(([k, v]) => [k, toPlain(v)]))
      : entries.map(([k, v]) => [toPlain(k), toPlain(v)]);
  }
  if (value instanceof Set) return [...value].map(toPlain);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v !== 'function') out[k] = toPlain(v);
    return out;
  }
  return value;
}
