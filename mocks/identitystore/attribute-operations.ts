import { SerializationException, ValidationException } from '../awsjson/errors';
import type { JsonObject } from '../awsjson/handler';
import { validate, type FieldSpec, type Schema } from '../awsjson/validate';
import { PATTERNS } from './urn';

/**
 * UpdateUser/UpdateGroup `Operations[1..100]{AttributePath, AttributeValue(document)}`. Paths are
 * the camelCase attribute names clients send (`displayName`, `name.familyName`, `emails`), matched
 * case-insensitively like GetUserId's unique attributes; a null or absent value removes the
 * attribute, and objects inside a value use camelCase keys (`postalCode`), as the AWS Terraform
 * provider sends them. Every operation is applied to a copy and the result checked as a whole,
 * so a request is applied entirely or not at all.
 */
export const OPERATIONS = {
  kind: 'list',
  required: true,
  min: 1,
  max: 100,
  item: {
    kind: 'structure',
    fields: {
      AttributePath: { kind: 'string', required: true, min: 1, max: 255, pattern: PATTERNS.attributePath },
      AttributeValue: { kind: 'document' },
    },
  },
} as const satisfies FieldSpec;

/** How one updatable path reads its document value into the input form. */
export type ValueShape =
  | { readonly kind: 'string' }
  /** An object with the camelCase keys of `fields`. */
  | { readonly kind: 'object'; readonly fields: Schema }
  /** A list of such objects. */
  | { readonly kind: 'list'; readonly fields: Schema };

export interface PathRule {
  /** Where the value lands in the input form, e.g. ['Name', 'FamilyName']. */
  readonly target: readonly string[];
  readonly shape: ValueShape;
}

/** Why a path cannot be updated, keyed by lower-cased path (e.g. userName is fixed at creation). */
export type Refusals = Readonly<Record<string, string>>;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function readObject(value: unknown, fields: Schema, where: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationException(`AttributeValue for ${where} must be an object.`);
  }
  const byKey = new Map(Object.keys(fields).map((k) => [lowerFirst(k), k]));
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value as JsonObject)) {
    const member = byKey.get(key);
    if (!member) throw new ValidationException(`${where}.${key} is not an attribute of ${where}; use ${[...byKey.keys()].join(', ')}.`);
    if (v !== null) out[member] = v;
  }
  return out;
}

function readValue(value: unknown, shape: ValueShape, where: string): unknown {
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') throw new ValidationException(`AttributeValue for ${where} must be a string.`);
      return value;
    case 'object':
      return readObject(value, shape.fields, where);
    case 'list':
      if (!Array.isArray(value)) throw new ValidationException(`AttributeValue for ${where} must be a list (null removes it).`);
      return value.map((item) => readObject(item, shape.fields, where));
  }
}

function setPath(target: JsonObject, path: readonly string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    node = node[segment] = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as JsonObject) } : {};
  }
  const last = path[path.length - 1];
  if (value === undefined || value === null) delete node[last];
  else node[last] = value;
}

/** Applies the request's Operations to a copy of `current` (input form) and returns the copy. */
export function applyOperations(current: JsonObject, input: JsonObject, rules: Readonly<Record<string, PathRule>>, refusals: Refusals): JsonObject {
  const next: JsonObject = structuredClone(current);
  for (const op of input.Operations as { AttributePath: string; AttributeValue?: unknown }[]) {
    const key = op.AttributePath.toLowerCase();
    if (Object.hasOwn(refusals, key)) throw new ValidationException(refusals[key]);
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (!rule) {
      const allowed = Object.values(rules).map((r) => r.target.map(lowerFirst).join('.'));
      throw new ValidationException(`${op.AttributePath} is not an attribute that can be updated; use one of ${allowed.join(', ')}.`);
    }
    const value = op.AttributeValue === undefined || op.AttributeValue === null ? undefined : readValue(op.AttributeValue, rule.shape, op.AttributePath);
    setPath(next, rule.target, value);
  }
  return next;
}

/** Model constraints on an input-form document; a wrong JSON type inside a document is a ValidationException. */
export function validateDocument(value: JsonObject, schema: Schema): void {
  try {
    validate(value, schema);
  } catch (err) {
    if (err instanceof SerializationException) throw new ValidationException(err.message);
    throw err;
  }
}
