import type { AttributePath } from '../codec/path';
import { CodecError } from '../codec/errors';
import { decodeJsonBytes } from '../codec/json';
import { decodeMsgpackValue, encodeMsgpack } from '../codec/msgpack';
import { type CtyType, typeToJson } from '../codec/types';
import { type ObjectValue, type Value, isObjectValue } from '../codec/values';
import type { Diagnostic } from '../framework/diagnostics';
import type { AttributeSchema, BlockSchema } from '../framework/schema';

/** Shapes of the protobuf messages as @grpc/proto-loader hands them over (keepCase, enums as strings). */
export interface WireDynamicValue {
  msgpack?: Buffer | null;
  json?: Buffer | null;
}
export interface WireStep {
  attribute_name?: string;
  element_key_string?: string;
  element_key_int?: number;
  selector?: string;
}
export interface WireDiagnostic {
  severity: 'ERROR' | 'WARNING';
  summary: string;
  detail: string;
  attribute?: { steps: WireStep[] } | null;
}

/** DynamicValue -> value. Terraform always sends msgpack; JSON is accepted as go-cty does. */
export function decodeDynamic(v: WireDynamicValue | null | undefined, type: CtyType): Value {
  if (v?.msgpack && v.msgpack.length) return decodeMsgpackValue(v.msgpack, type);
  if (v?.json && v.json.length) return decodeJsonBytes(v.json, type);
  return null;
}

export function encodeDynamic(v: Value, type: CtyType): WireDynamicValue {
  return { msgpack: encodeMsgpack(v, type) };
}

export function decodeObject(v: WireDynamicValue | null | undefined, type: CtyType): ObjectValue | null {
  const out = decodeDynamic(v, type);
  if (out !== null && !isObjectValue(out)) throw new CodecError([], 'expected an object');
  return out;
}

export function pathToWire(path: AttributePath): { steps: WireStep[] } {
  return {
    steps: path.map((s) =>
      typeof s === 'string' ? { attribute_name: s } : typeof s === 'number' ? { element_key_int: s } : { element_key_string: s.key },
    ),
  };
}

export function pathFromWire(p: { steps?: WireStep[] } | null | undefined): AttributePath {
  return (p?.steps ?? []).map((s) => {
    const which = s.selector ?? (s.attribute_name ? 'attribute_name' : s.element_key_string !== undefined && s.element_key_string !== '' ? 'element_key_string' : 'element_key_int');
    if (which === 'attribute_name') return s.attribute_name as string;
    if (which === 'element_key_string') return { key: s.element_key_string as string };
    return Number(s.element_key_int);
  });
}

export function diagnosticsToWire(diags: readonly Diagnostic[], redact: (s: string) => string): WireDiagnostic[] {
  return diags.map((d) => ({
    severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: redact(d.summary),
    detail: redact(d.detail ?? ''),
    attribute: d.path && d.path.length ? pathToWire(d.path) : null,
  }));
}

const NESTING = { single: 'SINGLE', list: 'LIST', set: 'SET', map: 'MAP', group: 'GROUP' } as const;

function attributeToWire(name: string, a: AttributeSchema): Record<string, unknown> {
  return {
    name,
    type: a.type ? Buffer.from(typeToJson(a.type)) : Buffer.alloc(0),
    nested_type: a.nested
      ? {
          attributes: Object.entries(a.nested.attributes)
            .sort(([x], [y]) => (x < y ? -1 : 1))
            .map(([n, x]) => attributeToWire(n, x)),
          nesting: NESTING[a.nested.nesting],
        }
      : null,
    description: a.description ?? '',
    description_kind: 'PLAIN',
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    deprecated: !!a.deprecated,
    write_only: false,
  };
}

function blockToWire(b: BlockSchema): Record<string, unknown> {
  return {
    version: b.version ?? 0,
    attributes: Object.entries(b.attributes)
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([n, a]) => attributeToWire(n, a)),
    block_types: Object.entries(b.blocks ?? {}).map(([n, nb]) => ({
      type_name: n,
      block: blockToWire(nb.block),
      nesting: NESTING[nb.nesting],
      min_items: nb.minItems ?? 0,
      max_items: nb.maxItems ?? 0,
    })),
    description: b.description ?? '',
    description_kind: 'PLAIN',
    deprecated: false,
  };
}

export function schemaToWire(b: BlockSchema): Record<string, unknown> {
  return { version: b.version ?? 0, block: blockToWire(b) };
}

/** Fill missing object attributes with null and drop unknown ones, recursively (cty needs exact attribute sets). */
export function conform(v: Value, type: CtyType): Value {
  if (v === null || v === undefined || typeof type === 'string') return v ?? null;
  const kind = type[0];
  if (kind === 'object' && isObjectValue(v)) {
    const attrs = type[1] as Record<string, CtyType>;
    const out: ObjectValue = {};
    for (const [k, t] of Object.entries(attrs)) out[k] = conform(v[k] ?? null, t);
    return out;
  }
  if ((kind === 'list' || kind === 'set') && Array.isArray(v)) return v.map((x) => conform(x, type[1] as CtyType));
  if (kind === 'map' && isObjectValue(v)) {
    const out: ObjectValue = {};
    for (const [k, x] of Object.entries(v)) out[k] = conform(x, type[1] as CtyType);
    return out;
  }
  return v;
}
