import { SerializationException } from '../awsjson/errors';
import type { JsonObject } from '../awsjson/handler';
import { InvalidInputException } from './errors';
import { LIMITS, PATTERNS } from './urn';

/**
 * Organizations checks its input itself and answers the first problem as InvalidInputException with
 * a Reason (the model has no ValidationException); a member of the wrong JSON type never gets that
 * far (SerializationException, as on the other awsJson services).
 */
export type OrgField =
  | { readonly kind: 'string'; readonly required?: boolean; readonly max?: number; readonly pattern?: string }
  | { readonly kind: 'enum'; readonly required?: boolean; readonly values: readonly string[] }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number };

export type OrgSchema = Readonly<Record<string, OrgField>>;

const compiled = new Map<string, RegExp>();
const regex = (pattern: string): RegExp => {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(pattern)));
  return re;
};

export function checkInput(input: JsonObject, schema: OrgSchema): void {
  for (const [name, field] of Object.entries(schema)) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (field.kind !== 'integer' && field.required) throw new InvalidInputException('INPUT_REQUIRED');
      continue;
    }
    if (field.kind === 'integer') {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new SerializationException(`Expected an integer for '${name}'.`);
      if (value < field.min) throw new InvalidInputException('MIN_VALUE_EXCEEDED');
      if (value > field.max) throw new InvalidInputException('MAX_VALUE_EXCEEDED');
      continue;
    }
    if (typeof value !== 'string') throw new SerializationException(`Expected a string for '${name}'.`);
    if (field.kind === 'enum') {
      if (!field.values.includes(value)) throw new InvalidInputException('INVALID_ENUM');
      continue;
    }
    if (field.max !== undefined && value.length > field.max) throw new InvalidInputException('MAX_LENGTH_EXCEEDED');
    if (field.pattern !== undefined && !regex(field.pattern).test(value)) throw new InvalidInputException('INVALID_PATTERN');
  }
}

/** Members shared by the List* operations. */
export const PAGED: OrgSchema = {
  NextToken: { kind: 'string', max: LIMITS.nextTokenMax },
  MaxResults: { kind: 'integer', min: LIMITS.maxResultsMin, max: LIMITS.maxResultsMax },
};

export const FIELDS = {
  ParentId: { kind: 'string', required: true, max: LIMITS.parentIdMax, pattern: PATTERNS.parentId },
  ChildId: { kind: 'string', required: true, max: LIMITS.childIdMax, pattern: PATTERNS.childId },
  AccountId: { kind: 'string', required: true, pattern: PATTERNS.accountId },
  OrganizationalUnitId: { kind: 'string', required: true, max: LIMITS.organizationalUnitIdMax, pattern: PATTERNS.organizationalUnitId },
} as const satisfies Record<string, OrgField>;
