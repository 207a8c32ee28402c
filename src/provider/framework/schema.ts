import { type CtyType, typeToJson } from '../codec/types';
import type { Value } from '../codec/values';

/**
 * Schemas as resources declare them. Mirrors tfplugin6 `Schema.Block` / `Schema.Attribute`,
 * plus plan behaviour the framework applies for you (`default`, `requiresReplace`,
 * `unknownOnUpdate`).
 */
export interface AttributeSchema {
  /** cty type. Exactly one of `type` and `nested` is set. */
  readonly type?: CtyType;
  /** Nested attributes (protocol 6 `nested_type`). */
  readonly nested?: NestedAttributes;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  /** Hidden in plan output; the framework also never logs it. */
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  /**
   * Optional+computed: the value planned when config leaves it null and there is no prior value.
   * @default - unknown on create ("known after apply")
   */
  readonly default?: Value;
  /** A change to this attribute cannot be applied in place: plan replaces the object. */
  readonly requiresReplace?: boolean;
  /**
   * Computed (not set in config) and rewritten by every in-place update, e.g. `updated_at`,
   * `member_count`: planned unknown whenever anything else changes.
   * @default false - keeps the prior value on update
   */
  readonly unknownOnUpdate?: boolean;
}

export type NestingMode = 'single' | 'list' | 'set' | 'map';

export interface NestedAttributes {
  readonly nesting: NestingMode;
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
}

export interface NestedBlockSchema {
  readonly nesting: NestingMode | 'group';
  readonly block: BlockSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface BlockSchema {
  /** Schema version of a resource type; raise it with an `upgradeState` step when state shape changes. */
  readonly version?: number;
  readonly description?: string;
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
  readonly blocks?: Readonly<Record<string, NestedBlockSchema>>;
}

export class SchemaError extends Error {
  override readonly name = 'SchemaError';
}

function nestedObjectType(attrs: Readonly<Record<string, AttributeSchema>>): CtyType {
  const out: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(attrs)) out[name] = attributeType(a);
  return ['object', out];
}

export function attributeType(a: AttributeSchema): CtyType {
  if (a.type) return a.type;
  if (!a.nested) throw new SchemaError('attribute has neither type nor nested attributes');
  const obj = nestedObjectType(a.nested.attributes);
  return a.nested.nesting === 'single' ? obj : [a.nested.nesting, obj];
}

/** The object type a block's values have on the wire (cty's ImpliedType). */
export function impliedType(block: BlockSchema): CtyType {
  const out: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes)) out[name] = attributeType(a);
  for (const [name, b] of Object.entries(block.blocks ?? {})) {
    const obj = impliedType(b.block);
    out[name] = b.nesting === 'single' || b.nesting === 'group' ? obj : [b.nesting, obj];
  }
  return ['object', out];
}

const NAME = /^[a-z0-9_]+$/;

/**
 * Terraform's InternalValidate rules (configschema/internal_validate.go): a schema that breaks
 * them fails at `terraform init`/plan with a message pointing at the provider, so catch it in tests.
 */
export function validateSchema(block: BlockSchema, where = 'schema', insideComputed = false): string[] {
  const problems: string[] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    const at = `${where}.${name}`;
    if (!NAME.test(name)) problems.push(`${at}: name must match ${NAME}`);
    if (!a.required && !a.optional && !a.computed) problems.push(`${at}: must set one of required, optional, computed`);
    if (a.required && (a.optional || a.computed)) problems.push(`${at}: required cannot be combined with optional or computed`);
    if (!!a.type === !!a.nested) problems.push(`${at}: set exactly one of type and nested`);
    if (a.default !== undefined && !(a.optional && a.computed)) problems.push(`${at}: default needs optional + computed`);
    if (a.unknownOnUpdate && !a.computed) problems.push(`${at}: unknownOnUpdate needs computed`);
    if (insideComputed && !a.computed) problems.push(`${at}: attributes inside a computed nested attribute must be computed`);
    if (a.type) {
      try {
        typeToJson(a.type);
      } catch {
        problems.push(`${at}: type is not a cty type`);
      }
    }
    if (a.nested) {
      problems.push(...validateSchema({ attributes: a.nested.attributes }, at, insideComputed || (!!a.computed && !a.optional)));
    }
  }
  for (const [name, b] of Object.entries(block.blocks ?? {})) {
    const at = `${where}.${name}`;
    if (!NAME.test(name)) problems.push(`${at}: block type name must match ${NAME}`);
    if (name in block.attributes) problems.push(`${at}: name used by both an attribute and a block`);
    const min = b.minItems ?? 0;
    const max = b.maxItems ?? 0;
    if (b.nesting === 'single' && (min !== max || min > 1)) problems.push(`${at}: single nesting needs minItems == maxItems, 0 or 1`);
    if (b.nesting === 'group' && (min || max)) problems.push(`${at}: group nesting cannot set minItems/maxItems`);
    if ((b.nesting === 'list' || b.nesting === 'set') && max && min > max) problems.push(`${at}: minItems > maxItems`);
    problems.push(...validateSchema(b.block, at));
  }
  return problems;
}
