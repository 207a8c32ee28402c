/**
 * cty types as Terraform writes them in schemas and in dynamic values: the JSON type
 * notation of `zclconf/go-cty` (`"string"`, `["set","string"]`, `["object",{"a":"number"}]`).
 */
export type PrimitiveType = 'string' | 'number' | 'bool';
export type CtyType =
  | PrimitiveType
  | 'dynamic'
  | readonly ['list', CtyType]
  | readonly ['set', CtyType]
  | readonly ['map', CtyType]
  | readonly ['object', { readonly [name: string]: CtyType }]
  | readonly ['object', { readonly [name: string]: CtyType }, readonly string[]]
  | readonly ['tuple', readonly CtyType[]];

export class CtyTypeError extends Error {
  override readonly name = 'CtyTypeError';
}

export const string: CtyType = 'string';
export const number: CtyType = 'number';
export const bool: CtyType = 'bool';
export const dynamic: CtyType = 'dynamic';
export const list = (t: CtyType): CtyType => ['list', t];
export const set = (t: CtyType): CtyType => ['set', t];
export const map = (t: CtyType): CtyType => ['map', t];
export const object = (attrs: Record<string, CtyType>): CtyType => ['object', attrs];
export const tuple = (elems: CtyType[]): CtyType => ['tuple', elems];

export type CollectionKind = 'list' | 'set' | 'map';

export function isCollection(t: CtyType): t is readonly [CollectionKind, CtyType] {
  return Array.isArray(t) && (t[0] === 'list' || t[0] === 'set' || t[0] === 'map');
}

export function isObjectType(t: CtyType): t is readonly ['object', { readonly [name: string]: CtyType }] {
  return Array.isArray(t) && t[0] === 'object';
}

export function objectAttributes(t: CtyType): { readonly [name: string]: CtyType } {
  if (!isObjectType(t)) throw new CtyTypeError(`expected an object type, got ${typeToString(t)}`);
  return t[1];
}

/** Compact JSON bytes, as `Schema.Attribute.type` and dynamic values carry them. */
export function typeToJson(t: CtyType): string {
  if (typeof t === 'string') return JSON.stringify(t);
  if (t[0] === 'object') {
    const attrs = t[1];
    const keys = Object.keys(attrs).sort();
    const body = keys.map((k) => `${JSON.stringify(k)}:${typeToJson(attrs[k])}`).join(',');
    const optional = t.length === 3 ? `,${JSON.stringify([...(t[2] as readonly string[])].sort())}` : '';
    return `["object",{${body}}${optional}]`;
  }
  if (t[0] === 'tuple') return `["tuple",[${(t[1] as readonly CtyType[]).map(typeToJson).join(',')}]]`;
  return `[${JSON.stringify(t[0])},${typeToJson(t[1] as CtyType)}]`;
}

export function typeToString(t: CtyType): string {
  return typeToJson(t);
}

/** Parses cty type JSON (already JSON-decoded), rejecting anything that is not a type. */
export function parseType(json: unknown): CtyType {
  if (json === 'string' || json === 'number' || json === 'bool' || json === 'dynamic') return json;
  if (Array.isArray(json) && typeof json[0] === 'string') {
    const [kind, arg, optional] = json;
    switch (kind) {
      case 'list':
      case 'set':
      case 'map':
        if (json.length === 2) return [kind, parseType(arg)];
        break;
      case 'object':
        if (arg && typeof arg === 'object' && !Array.isArray(arg) && (json.length === 2 || json.length === 3)) {
          const attrs: Record<string, CtyType> = {};
          for (const [k, v] of Object.entries(arg)) attrs[k] = parseType(v);
          if (json.length === 3) {
            if (!Array.isArray(optional) || optional.some((o) => typeof o !== 'string')) break;
            return ['object', attrs, optional as string[]];
          }
          return ['object', attrs];
        }
        break;
      case 'tuple':
        if (Array.isArray(arg) && json.length === 2) return ['tuple', arg.map(parseType)];
        break;
    }
  }
  throw new CtyTypeError(`not a cty type: ${JSON.stringify(json)}`);
}

export function typeFromJsonBytes(bytes: Uint8Array | string): CtyType {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CtyTypeError(`type is not valid JSON: ${text.slice(0, 80)}`);
  }
  return parseType(parsed);
}

export function typeEquals(a: CtyType, b: CtyType): boolean {
  return typeToJson(a) === typeToJson(b);
}
