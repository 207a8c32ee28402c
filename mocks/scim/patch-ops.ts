import { isObject } from './attributes';
import { ValidationError } from './errors';
import { PATCH_OP } from './urn';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  readonly op: PatchOpName;
  readonly path?: string;
  readonly value?: unknown;
}

export const NO_PATH_MESSAGE =
  'Current PATCH support allows omitting "path" attribute only for Add and Replace operations modifying a single attribute.';

/**
 * Reads a PatchOp body. Op names are case-insensitive (Entra sends `Replace`); `path` is required
 * for remove and `value` for add/replace. A path-less add/replace must touch exactly one
 * attribute; a matching `id` alongside it is tolerated (idp-scim-sync sends one).
 */
export function readPatchOperations(body: Record<string, unknown>, resourceId: string): PatchOperation[] {
  if (!Array.isArray(body.schemas) || !body.schemas.includes(PATCH_OP)) throw new ValidationError(`schemas must include ${PATCH_OP}.`);
  const ops = body.Operations;
  if (!Array.isArray(ops) || ops.length === 0) throw new ValidationError('Operations must be a non-empty list.');
  return ops.map((raw): PatchOperation => {
    if (!isObject(raw)) throw new ValidationError('Each operation must be an object.');
    const opName = typeof raw.op === 'string' ? raw.op.toLowerCase() : '';
    if (opName !== 'add' && opName !== 'replace' && opName !== 'remove') {
      throw new ValidationError(`Unsupported PATCH op "${String(raw.op)}"; use add, replace or remove.`);
    }
    const op = opName as PatchOpName;
    const path = raw.path;
    if (path !== undefined && (typeof path !== 'string' || path.length === 0)) throw new ValidationError('path must be a non-empty string.');
    if (op !== 'remove' && raw.value === undefined) throw new ValidationError(`value is required for ${op}.`);
    if (path === undefined) {
      if (op === 'remove' || !isObject(raw.value)) throw new ValidationError(NO_PATH_MESSAGE);
      const entries = Object.entries(raw.value).filter(([k, v]) => !(k === 'id' && v === resourceId));
      if (entries.length !== 1) throw new ValidationError(NO_PATH_MESSAGE);
      const [attr, value] = entries[0];
      return { op, path: attr, value };
    }
    return { op, path, ...(raw.value !== undefined && { value: raw.value }) };
  });
}

export interface ParsedPath {
  readonly attribute: string;
  readonly filter?: { readonly attribute: string; readonly value: string };
  readonly sub?: string;
}

/** Splits `attr`, `attr.sub`, `attr[x eq "v"]` and `attr[x eq "v"].sub`; value filters allow only `eq`. */
export function parsePath(path: string, extensionUrn?: string): ParsedPath {
  let rest = path;
  let attribute: string;
  if (extensionUrn && (rest === extensionUrn || rest.startsWith(`${extensionUrn}:`))) {
    attribute = extensionUrn;
    rest = rest === extensionUrn ? '' : rest.slice(extensionUrn.length + 1);
    if (!rest) return { attribute };
    return { attribute, sub: rest };
  }
  const match = /^([A-Za-z][\w$]*)(?:\[(.*)\])?(?:\.([A-Za-z$][\w$]*))?$/.exec(rest);
  if (!match) throw new ValidationError(`Invalid path "${path}".`);
  attribute = match[1];
  let filter: ParsedPath['filter'];
  if (match[2] !== undefined) {
    const f = /^\s*([A-Za-z][\w$]*)\s+(eq)\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(match[2]);
    if (!f) throw new ValidationError(`Unsupported value filter in path "${path}"; only eq is supported.`);
    filter = { attribute: f[1], value: f[3].replace(/\\(.)/g, '$1') };
  }
  return { attribute, ...(filter && { filter }), ...(match[3] !== undefined && { sub: match[3] }) };
}
