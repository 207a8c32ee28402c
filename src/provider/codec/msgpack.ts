import { CodecError } from './errors';
import { MsgpackExt, MsgpackFormatError, MsgpackMap, readMsgpack } from './msgpack-reader';
import { MsgpackWriter } from './msgpack-writer';
import { encodeUtf8 } from './utf8';
import type { PathStep } from './path';
import { type CtyType, CtyTypeError, typeFromJsonBytes, typeToJson } from './types';
import { BigNumber, type ObjectValue, type Refinements, Typed, Unknown, type Value, isObjectValue } from './values';

/**
 * Schema-driven cty <-> msgpack, following Terraform's object-wire-format.md and go-cty's
 * cty/msgpack. Objects carry exactly their attributes (keys sorted), unknowns are extension 0
 * (any extension decodes as unknown; extension 12 refinements are read), dynamic positions are
 * `[type JSON as bin, value]`.
 */

export interface EncodeOptions {
  /** Re-emit decoded refined unknowns as they came. Default false: providers send plain unknowns. */
  keepRefinements?: boolean;
}

const PLAIN_UNKNOWN = new Uint8Array([0]);
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

export function encodeMsgpack(value: Value, type: CtyType, options: EncodeOptions = {}): Buffer {
  const w = new MsgpackWriter();
  writeValue(w, value, type, [], options);
  return Buffer.from(w.bytes());
}

function sortedKeys(obj: object): string[] {
  // go-cty sorts keys by byte order; compare UTF-8 bytes so non-ASCII names sort the same way.
  return Object.keys(obj).sort((a, b) => Buffer.compare(encodeUtf8(a), encodeUtf8(b)));
}

function writeValue(w: MsgpackWriter, v: Value, type: CtyType, path: PathStep[], o: EncodeOptions): void {
  if (type === 'dynamic' && v instanceof Typed) {
    w.arrayHeader(2);
    w.bin(Buffer.from(typeToJson(v.type)));
    writeValue(w, v.value, v.type, path, o);
    return;
  }
  if (v instanceof Unknown) {
    if (o.keepRefinements && v.raw) w.ext(12, v.raw);
    else w.ext(0, PLAIN_UNKNOWN);
    return;
  }
  if (v === null || v === undefined) return w.nil();
  if (type === 'dynamic') throw new CodecError(path, 'a value at a dynamic position must be wrapped in Typed (or be null/unknown)');
  switch (type) {
    case 'string':
      if (typeof v !== 'string') throw new CodecError(path, `string required, got ${describe(v)}`);
      return w.str(v);
    case 'bool':
      if (typeof v !== 'boolean') throw new CodecError(path, `bool required, got ${describe(v)}`);
      return w.bool(v);
    case 'number':
      return writeNumber(w, v, path);
  }
  const kind = type[0];
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(v)) throw new CodecError(path, `${kind} required, got ${describe(v)}`);
    w.arrayHeader(v.length);
    v.forEach((x, i) => writeValue(w, x, type[1] as CtyType, [...path, i], o));
    return;
  }
  if (kind === 'tuple') {
    const elems = type[1] as readonly CtyType[];
    if (!Array.isArray(v) || v.length !== elems.length) throw new CodecError(path, `tuple of ${elems.length} elements required`);
    w.arrayHeader(v.length);
    v.forEach((x, i) => writeValue(w, x, elems[i], [...path, i], o));
    return;
  }
  if (!isObjectValue(v)) throw new CodecError(path, `${kind} required, got ${describe(v)}`);
  if (kind === 'map') {
    const keys = sortedKeys(v);
    w.mapHeader(keys.length);
    for (const k of keys) {
      w.str(k);
      writeValue(w, v[k], type[1] as CtyType, [...path, { key: k }], o);
    }
    return;
  }
  const attrs = type[1] as Record<string, CtyType>;
  for (const k of Object.keys(v)) {
    if (!(k in attrs)) throw new CodecError([...path, k], 'unsupported attribute');
  }
  const keys = sortedKeys(attrs);
  w.mapHeader(keys.length);
  for (const k of keys) {
    w.str(k);
    writeValue(w, v[k] ?? null, attrs[k], [...path, k], o);
  }
}

function writeNumber(w: MsgpackWriter, v: Value, path: PathStep[]): void {
  if (typeof v === 'bigint') {
    if (v >= INT64_MIN && v <= UINT64_MAX) return w.int(v);
    return w.str(v.toString());
  }
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new CodecError(path, 'NaN is not a number Terraform accepts');
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) return w.int(BigInt(v));
    return w.float64(v);
  }
  if (v instanceof BigNumber) {
    // Like go-cty: int64 when exact, else float64 when exact, else decimal text.
    if (/^-?\d+$/.test(v.text)) {
      const b = BigInt(v.text);
      if (b >= INT64_MIN && b <= 2n ** 63n - 1n) return w.int(b);
    }
    return w.str(v.text);
  }
  throw new CodecError(path, `number required, got ${describe(v)}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof MsgpackMap) return 'an object';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return (v as object).constructor?.name === 'Object' ? 'an object' : String((v as object).constructor?.name);
  return typeof v;
}

export function decodeMsgpackValue(bytes: Uint8Array, type: CtyType): Value {
  let wire: unknown;
  try {
    wire = readMsgpack(bytes);
  } catch (err) {
    if (err instanceof MsgpackFormatError) throw new CodecError([], `malformed msgpack: ${err.message}`);
    throw err;
  }
  return fromWire(wire, type, []);
}

function fromWire(w: unknown, type: CtyType, path: PathStep[]): Value {
  if (w === null || w === undefined) return null;
  if (w instanceof MsgpackExt) return decodeUnknown(w);
  if (type === 'dynamic') {
    if (!Array.isArray(w) || w.length !== 2 || !(w[0] instanceof Uint8Array)) {
      throw new CodecError(path, 'dynamic value must be [type JSON, value]');
    }
    let t: CtyType;
    try {
      t = typeFromJsonBytes(w[0]);
    } catch (err) {
      throw new CodecError(path, (err as CtyTypeError).message);
    }
    return new Typed(t, fromWire(w[1], t, path));
  }
  switch (type) {
    case 'string':
      if (typeof w !== 'string') throw new CodecError(path, `string required, got ${describe(w)}`);
      return w;
    case 'bool':
      if (typeof w !== 'boolean') throw new CodecError(path, `bool required, got ${describe(w)}`);
      return w;
    case 'number':
      if (typeof w === 'number') return w;
      if (typeof w === 'bigint') return Number.isSafeInteger(Number(w)) && BigInt(Number(w)) === w ? Number(w) : w;
      if (typeof w === 'string') {
        try {
          return new BigNumber(w);
        } catch {
          throw new CodecError(path, `number required, got the string ${JSON.stringify(w.slice(0, 40))}`);
        }
      }
      throw new CodecError(path, `number required, got ${describe(w)}`);
  }
  const kind = type[0];
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    if (!Array.isArray(w)) throw new CodecError(path, `${kind} required, got ${describe(w)}`);
    if (kind === 'tuple') {
      const elems = type[1] as readonly CtyType[];
      if (w.length !== elems.length) throw new CodecError(path, `a tuple of ${elems.length} elements is required (${w.length} given)`);
      return w.map((x, i) => fromWire(x, elems[i], [...path, i]));
    }
    return w.map((x, i) => fromWire(x, type[1] as CtyType, [...path, i]));
  }
  if (!(w instanceof MsgpackMap)) throw new CodecError(path, `${kind} required, got ${describe(w)}`);
  const out: ObjectValue = {};
  if (kind === 'map') {
    for (const [k, x] of w.entries) setOwn(out, k, fromWire(x, type[1] as CtyType, [...path, { key: k }]));
    return out;
  }
  const attrs = type[1] as Record<string, CtyType>;
  const given = new Map(w.entries);
  for (const k of given.keys()) if (!Object.hasOwn(attrs, k)) throw new CodecError([...path, k], 'unsupported attribute');
  const want = Object.keys(attrs).length;
  if (given.size !== want) throw new CodecError(path, `an object with ${want} attributes is required (${given.size} given)`);
  for (const k of Object.keys(attrs)) out[k] = fromWire(given.get(k), attrs[k], [...path, k]);
  return out;
}

/** A map key such as "__proto__" must become an own property, not the object's prototype. */
function setOwn(obj: ObjectValue, key: string, value: Value): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function decodeUnknown(ext: MsgpackExt): Unknown {
  if (ext.type !== 12) return new Unknown();
  const data = ext.data;
  const refinements: Refinements = {};
  try {
    const decoded = readMsgpack(data);
    const m = decoded instanceof MsgpackMap ? Object.fromEntries(decoded.entries) : undefined;
    if (m) {
      if (m['1'] === false) refinements.notNull = true;
      if (typeof m['2'] === 'string') refinements.stringPrefix = m['2'];
      const bound = (x: unknown) =>
        Array.isArray(x) && x.length === 2 && typeof x[1] === 'boolean'
          ? { value: (typeof x[0] === 'string' ? new BigNumber(x[0]) : x[0]) as number | bigint | BigNumber, inclusive: x[1] }
          : undefined;
      const lower = bound(m['3']);
      const upper = bound(m['4']);
      if (lower) refinements.numberLower = lower;
      if (upper) refinements.numberUpper = upper;
      if (typeof m['5'] === 'number') refinements.lengthLower = m['5'];
      if (typeof m['6'] === 'number') refinements.lengthUpper = m['6'];
    }
  } catch {
    // Refinements are advisory; an unreadable payload is still an unknown value.
  }
  return new Unknown(refinements, data);
}
