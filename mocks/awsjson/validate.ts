import { SerializationException, ValidationException } from './errors';
import type { JsonObject } from './handler';

/**
 * Input validation the way AWS's Coral front end does it: every constraint of the Smithy model is
 * checked, all violations are reported in one ValidationException, members named in camelCase
 * ("1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: …").
 * A value of the wrong JSON type never reaches validation: Coral rejects it as a
 * SerializationException.
 */
export type FieldSpec =
  | { readonly kind: 'string'; readonly required?: boolean; readonly min?: number; readonly max?: number; readonly pattern?: string; readonly enum?: readonly string[] }
  | { readonly kind: 'integer'; readonly required?: boolean; readonly min?: number; readonly max?: number }
  | { readonly kind: 'boolean'; readonly required?: boolean }
  | { readonly kind: 'list'; readonly required?: boolean; readonly min?: number; readonly max?: number; readonly item: FieldSpec }
  | { readonly kind: 'structure'; readonly required?: boolean; readonly fields: Schema }
  /** A Smithy document (Identity Store AttributeValue): any JSON, checked by the operation. */
  | { readonly kind: 'document'; readonly required?: boolean };

export type Schema = Readonly<Record<string, FieldSpec>>;

const compiled = new Map<string, RegExp>();
function anchored(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    compiled.set(pattern, re);
  }
  return re;
}

function memberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
}

function typeOf(value: unknown): string {
  return Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value;
}

function check(value: unknown, spec: FieldSpec, path: string, errors: string[]): void {
  if (value === undefined || value === null) {
    if (spec.required) errors.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return;
  }
  const fail = (constraint: string) => errors.push(`Value ${show(value)} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
  const wrongType = (expected: string) =>
    new SerializationException(`Expected ${expected} for '${path}' but found ${typeOf(value)}.`);
  switch (spec.kind) {
    case 'string': {
      if (typeof value !== 'string') throw wrongType('a string');
      const length = [...value].length;
      if (spec.min !== undefined && length < spec.min) fail(`have length greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && length > spec.max) fail(`have length less than or equal to ${spec.max}`);
      if (spec.pattern !== undefined && !anchored(spec.pattern).test(value)) fail(`satisfy regular expression pattern: ${spec.pattern}`);
      if (spec.enum && !spec.enum.includes(value)) fail(`satisfy enum value set: [${spec.enum.join(', ')}]`);
      return;
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType('an integer');
      if (spec.min !== undefined && value < spec.min) fail(`have value greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) fail(`have value less than or equal to ${spec.max}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType('a boolean');
      return;
    case 'list':
      if (!Array.isArray(value)) throw wrongType('a list');
      if (spec.min !== undefined && value.length < spec.min) fail(`have length greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && value.length > spec.max) fail(`have length less than or equal to ${spec.max}`);
      value.forEach((item, i) => check(item, spec.item, `${path}.${i + 1}.member`, errors));
      return;
    case 'structure':
      if (typeof value !== 'object' || Array.isArray(value)) throw wrongType('a structure');
      checkFields(value as JsonObject, spec.fields, `${path}.`, errors);
      return;
    case 'document':
      return;
  }
}

function checkFields(input: JsonObject, schema: Schema, prefix: string, errors: string[]): void {
  for (const [name, spec] of Object.entries(schema)) check(input[name], spec, `${prefix}${memberName(name)}`, errors);
}

/** Throws one ValidationException listing every violated constraint of `schema`. */
export function validate(input: JsonObject, schema: Schema): void {
  const errors: string[] = [];
  checkFields(input, schema, '', errors);
  if (errors.length === 0) return;
  const count = errors.length === 1 ? '1 validation error detected' : `${errors.length} validation errors detected`;
  throw new ValidationException(`${count}: ${errors.join('; ')}`);
}

/** Reads a member already checked by `validate` (keeps the casts in one place). */
export function str(input: JsonObject, name: string): string {
  return input[name] as string;
}

export function optStr(input: JsonObject, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' ? value : undefined;
}

export function obj(input: JsonObject, name: string): JsonObject | undefined {
  const value = input[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}
