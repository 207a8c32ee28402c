import * as cdktf from 'cdktf';

/** The Terraform types our provider's schema uses (docs/provider-schema.md). */
export type AttributeKind = 'string' | 'number' | 'bool' | 'stringSet' | 'stringMap';

/** camelCase config key → [terraform attribute name, kind]. */
export type AttributeSpec<C> = { readonly [K in keyof C]-?: readonly [string, AttributeKind] };

const JSON_MAPPERS: Record<AttributeKind, (v: unknown) => unknown> = {
  string: (v) => cdktf.stringToTerraform(v as string),
  number: (v) => cdktf.numberToTerraform(v as number),
  bool: (v) => cdktf.booleanToTerraform(v as boolean),
  stringSet: (v) => cdktf.listMapper(cdktf.stringToTerraform, false)(v),
  stringMap: (v) => cdktf.hashMapper(cdktf.stringToTerraform)(v),
};

const HCL_SHAPES: Record<AttributeKind, { map: (v: unknown) => unknown; type: string; storageClassType: string }> = {
  string: { map: (v) => cdktf.stringToHclTerraform(v as string), type: 'simple', storageClassType: 'string' },
  number: { map: (v) => cdktf.numberToHclTerraform(v as number), type: 'simple', storageClassType: 'number' },
  bool: { map: (v) => cdktf.booleanToHclTerraform(v as boolean), type: 'simple', storageClassType: 'boolean' },
  stringSet: { map: (v) => cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(v), type: 'set', storageClassType: 'stringList' },
  stringMap: { map: (v) => cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(v), type: 'map', storageClassType: 'stringMap' },
};

/**
 * Renders the JSON (cdk.tf.json) form of a config. Hand-written bindings share this so that each
 * resource file only states its schema, the way generated bindings would.
 */
export function synthesizeJson<C extends object>(spec: AttributeSpec<C>, config: C): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(spec) as (keyof C)[]) {
    const [name, kind] = spec[key];
    out[name] = JSON_MAPPERS[kind](config[key]);
  }
  return out;
}

/** Renders the HCL form (used when the app synthesizes with `hclOutput`). */
export function synthesizeHcl<C extends object>(spec: AttributeSpec<C>, config: C): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(spec) as (keyof C)[]) {
    const [name, kind] = spec[key];
    const value = config[key];
    if (value === undefined) continue;
    const shape = HCL_SHAPES[kind];
    out[name] = { value: shape.map(value), isBlock: false, type: shape.type, storageClassType: shape.storageClassType };
  }
  return out;
}
