import { type CtyType, isObjectType, typeToString } from './types';

/**
 * In-memory cty values, as resources see them:
 *   null                     null of any type
 *   string | boolean         string, bool
 *   number | bigint | BigNumber   number (bigint beyond 2^53, BigNumber for decimals no float64 holds)
 *   Value[]                  list, set (order carries no meaning) and tuple
 *   ObjectValue              object and map (plain objects)
 *   Unknown                  a value not known until apply
 *   Typed                    only at `dynamic` positions: the value together with its concrete type
 */
export type Value = null | string | boolean | number | bigint | BigNumber | Unknown | Typed | Value[] | ObjectValue;
export interface ObjectValue {
  [name: string]: Value;
}

/** What Terraform told us about an unknown (msgpack extension 12); the provider only reads these. */
export interface Refinements {
  notNull?: boolean;
  stringPrefix?: string;
  numberLower?: { value: number | bigint | BigNumber; inclusive: boolean };
  numberUpper?: { value: number | bigint | BigNumber; inclusive: boolean };
  lengthLower?: number;
  lengthUpper?: number;
}

export class Unknown {
  /** `raw` keeps the exact extension payload so a decoded refined unknown can be re-encoded byte for byte. */
  constructor(
    readonly refinements?: Refinements,
    readonly raw?: Uint8Array,
  ) {}
  toJSON(): string {
    return '<unknown>';
  }
}

/** One shared plain unknown; framework code uses it when a value is "known after apply". */
export const UNKNOWN = new Unknown();

/** A number kept as decimal text because neither int64 nor float64 represents it exactly. */
export class BigNumber {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) throw new TypeError(`not a decimal number: ${text}`);
  }
  toJSON(): string {
    return this.text;
  }
}

/** A value at a `dynamic` position: the type travels with it on the wire. */
export class Typed {
  constructor(
    readonly type: CtyType,
    readonly value: Value,
  ) {}
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export function isObjectValue(v: unknown): v is ObjectValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

export function isWhollyKnown(v: Value): boolean {
  if (v instanceof Unknown) return false;
  if (v instanceof Typed) return isWhollyKnown(v.value);
  if (Array.isArray(v)) return v.every(isWhollyKnown);
  if (isObjectValue(v)) return Object.values(v).every(isWhollyKnown);
  return true;
}

/** Canonical decimal text of a number value, so 2, 2n and BigNumber("2") compare equal. */
export function numberText(v: number | bigint | BigNumber): string {
  if (v instanceof BigNumber) return normalizeDecimal(v.text);
  if (typeof v === 'bigint') return v.toString();
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return BigInt(v).toString();
  return normalizeDecimal(String(v));
}

function normalizeDecimal(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!m) return text;
  const [, sign, int, frac = '', exp = '0'] = m;
  let digits = int + frac;
  digits = digits.replace(/^0+/, '');
  // The decimal point sits after `point` digits of the leading-zero-stripped digit string.
  const point = int.length + Number(exp) - ((int + frac).length - digits.length);
  digits = digits.replace(/0+$/, '');
  if (!digits) return '0';
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Equality under a type: sets compare as sets, numbers by value, unknown equals only unknown.
 * This is what "the planned value was honoured" and "did this attribute change" mean.
 */
export function valueEquals(a: Value, b: Value, type: CtyType): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof Unknown || b instanceof Unknown) return a instanceof Unknown && b instanceof Unknown;
  if (type === 'dynamic') {
    if (!(a instanceof Typed) || !(b instanceof Typed)) return false;
    return typeToString(a.type) === typeToString(b.type) && valueEquals(a.value, b.value, a.type);
  }
  if (type === 'number') return numberText(a as number) === numberText(b as number);
  if (type === 'string' || type === 'bool') return a === b;
  const kind = type[0];
  if (kind === 'list' || kind === 'tuple') {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valueEquals(x, b[i], kind === 'list' ? (type[1] as CtyType) : (type[1] as readonly CtyType[])[i]));
  }
  if (kind === 'set') {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const used = new Set<number>();
    return a.every((x) => {
      const j = b.findIndex((y, i) => !used.has(i) && valueEquals(x, y, type[1] as CtyType));
      if (j < 0) return false;
      used.add(j);
      return true;
    });
  }
  if (!isObjectValue(a) || !isObjectValue(b)) return false;
  if (kind === 'map') {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && valueEquals(a[k], b[k], type[1] as CtyType));
  }
  if (isObjectType(type)) {
    return Object.entries(type[1]).every(([k, t]) => valueEquals(a[k] ?? null, b[k] ?? null, t));
  }
  return false;
}

/** Deep copy, so plan rules can edit a planned value without touching the proposed one. */
export function cloneValue<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (isObjectValue(v)) {
    const out: ObjectValue = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneValue(x);
    return out as T;
  }
  if (v instanceof Typed) return new Typed(v.type, cloneValue(v.value)) as T;
  return v;
}
