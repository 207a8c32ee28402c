import { CodecError } from './errors';
import type { PathStep } from './path';
import { type CtyType, parseType, typeToJson } from './types';
import { BigNumber, type ObjectValue, Typed, Unknown, type Value, isObjectValue } from './values';

/**
 * cty's JSON form: what the state file holds (UpgradeResourceState's raw_state.json) and
 * DynamicValue.json. It cannot express unknowns. Dynamic positions are {"type","value"}.
 */

export interface JsonDecodeOptions {
  /**
   * State written under an older schema may lack attributes added since, or carry removed ones:
   * fill missing attributes with null and drop unknown ones instead of failing.
   */
  lenientObjects?: boolean;
}

export function decodeJsonValue(json: unknown, type: CtyType, options: JsonDecodeOptions = {}): Value {
  return fromJson(json, type, [], options);
}

export function decodeJsonBytes(bytes: Uint8Array | string, type: CtyType, options: JsonDecodeOptions = {}): Value {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CodecError([], `malformed JSON: ${(err as Error).message}`);
  }
  return fromJson(parsed, type, [], options);
}

function fromJson(j: unknown, type: CtyType, path: PathStep[], o: JsonDecodeOptions): Value {
  if (j === null || j === undefined) return null;
  if (type === 'dynamic') {
    if (!isObjectValue(j) || !('type' in j) || !('value' in j)) throw new CodecError(path, 'dynamic value must be {"type","value"}');
    const t = parseType((j as Record<string, unknown>).type);
    return new Typed(t, fromJson((j as Record<string, unknown>).value, t, path, o));
  }
  switch (type) {
    case 'string':
      if (typeof j !== 'string') throw new CodecError(path, `string required, got ${typeof j}`);
      return j;
    case 'bool':
      if (typeof j !== 'boolean') throw new CodecError(path, `bool required, got ${typeof j}`);
      return j;
    case 'number':
      if (typeof j === 'number') return j;
      // cty's JSON decoder accepts numbers written as strings.
      if (typeof j === 'string') {
        try {
          const n = Number(j);
          return Number.isFinite(n) && String(n) === j ? n : new BigNumber(j);
        } catch {
          throw new CodecError(path, `number required, got ${JSON.stringify(j.slice(0, 40))}`);
        }
      }
      throw new CodecError(path, `number required, got ${typeof j}`);
  }
  const kind = type[0];
  if (kind === 'list' || kind === 'set' || kind === 'tuple') {
    if (!Array.isArray(j)) throw new CodecError(path, `${kind} required`);
    if (kind === 'tuple') {
      const elems = type[1] as readonly CtyType[];
      if (j.length !== elems.length) throw new CodecError(path, `a tuple of ${elems.length} elements is required (${j.length} given)`);
      return j.map((x, i) => fromJson(x, elems[i], [...path, i], o));
    }
    return j.map((x, i) => fromJson(x, type[1] as CtyType, [...path, i], o));
  }
  if (!isObjectValue(j)) throw new CodecError(path, `${kind} required`);
  const out: ObjectValue = {};
  if (kind === 'map') {
    for (const [k, x] of Object.entries(j)) out[k] = fromJson(x, type[1] as CtyType, [...path, { key: k }], o);
    return out;
  }
  const attrs = type[1] as Record<string, CtyType>;
  if (!o.lenientObjects) {
    for (const k of Object.keys(j)) if (!(k in attrs)) throw new CodecError([...path, k], 'unsupported attribute');
  }
  for (const [k, t] of Object.entries(attrs)) {
    if (!(k in j) && !o.lenientObjects) throw new CodecError([...path, k], 'attribute is required');
    out[k] = fromJson((j as Record<string, unknown>)[k], t, [...path, k], o);
  }
  return out;
}

/** Value -> JSON (for the state model of the test harness and for logging shapes). */
export function encodeJsonValue(v: Value, type: CtyType, path: PathStep[] = []): unknown {
  if (v instanceof Unknown) throw new CodecError(path, 'unknown values cannot be written as JSON');
  if (v === null) return null;
  if (type === 'dynamic') {
    if (!(v instanceof Typed)) throw new CodecError(path, 'a value at a dynamic position must be Typed');
    return { type: JSON.parse(typeToJson(v.type)), value: encodeJsonValue(v.value, v.type, path) };
  }
  if (type === 'number') {
    if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    if (v instanceof BigNumber) return v.text;
    return v;
  }
  if (typeof type === 'string') return v;
  const kind = type[0];
  if (Array.isArray(v)) {
    return v.map((x, i) =>
      encodeJsonValue(x, kind === 'tuple' ? (type[1] as readonly CtyType[])[i] : (type[1] as CtyType), [...path, i]),
    );
  }
  const obj = v as ObjectValue;
  const out: Record<string, unknown> = {};
  if (kind === 'map') {
    for (const k of Object.keys(obj).sort()) out[k] = encodeJsonValue(obj[k], type[1] as CtyType, [...path, { key: k }]);
    return out;
  }
  const attrs = type[1] as Record<string, CtyType>;
  for (const k of Object.keys(attrs).sort()) out[k] = encodeJsonValue(obj[k] ?? null, attrs[k], [...path, k]);
  return out;
}
