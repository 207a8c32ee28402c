import { ValidationError, constraintErrors } from './errors';

/**
 * Field-level rules shared by users and groups, with the patterns of the Identity Store model (the
 * same store backs SCIM). Problems are collected so one response names every bad field, in AWS's
 * "N validation errors detected" wording.
 */
export const USER_NAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
export const TEXT_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \u00A0\u3000]+$/u;
export const EXTERNAL_ID_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

export class Problems {
  readonly list: Array<{ path: string; constraint: string }> = [];

  add(path: string, constraint: string): void {
    this.list.push({ path, constraint });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw constraintErrors(this.list);
  }

  /** A string attribute; undefined/null is allowed unless `required`. */
  string(path: string, value: unknown, rule: { required?: boolean; max?: number; pattern?: RegExp } = {}): string | undefined {
    if (value === undefined || value === null) {
      if (rule.required) this.add(path, 'Member must not be null');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(path, 'Member must be a string');
      return undefined;
    }
    const max = rule.max ?? 1024;
    const pattern = rule.pattern ?? TEXT_PATTERN;
    if (!pattern.test(value)) this.add(path, `Member must satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`);
    if (value.length < 1) this.add(path, 'Member must have length greater than or equal to 1');
    if (value.length > max) this.add(path, `Member must have length less than or equal to ${max}`);
    return value;
  }

  boolean(path: string, value: unknown): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.add(path, 'Member must be a boolean');
      return undefined;
    }
    return value;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Rejects keys outside `allowed`, naming the attribute (AWS answers unsupported attributes with 400). */
export function onlyKeys(path: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new ValidationError(`Attribute ${path ? `${path}.` : ''}${key} is not supported.`);
  }
}

/** `schemas` must list the resource's core schema (extensions may follow). */
export function requireSchemas(body: Record<string, unknown>, core: string, allowed: readonly string[]): void {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(core)) throw new ValidationError(`schemas must include ${core}.`);
  for (const s of schemas) if (!allowed.includes(s)) throw new ValidationError(`Schema ${String(s)} is not supported.`);
}
