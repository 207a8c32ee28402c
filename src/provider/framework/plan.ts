import type { AttributePath } from '../codec/path';
import { type ObjectValue, UNKNOWN, type Value, cloneValue, isUnknown, valueEquals } from '../codec/values';
import { error, type Diagnostic } from './diagnostics';
import type { PlanDraft } from './resource';
import { type BlockSchema, attributeType } from './schema';

/**
 * Terraform's plan contract, applied for every resource before its own `modifyPlan`
 * (see resource.ts for the rules). Only top-level attributes carry plan behaviour; nested values
 * are planned as proposed.
 */
export function draftPlan(schema: BlockSchema, prior: ObjectValue | null, proposed: ObjectValue, config: ObjectValue, priorPrivate: Buffer): PlanDraft {
  const planned = cloneValue(proposed);
  const attrs = Object.entries(schema.attributes);
  if (prior === null) {
    for (const [name, a] of attrs) {
      if (a.computed && config[name] === null) planned[name] = a.default !== undefined ? cloneValue(a.default) : UNKNOWN;
    }
    return { planned, requiresReplace: [], plannedPrivate: Buffer.alloc(0), diagnostics: [] };
  }
  for (const [name, a] of attrs) {
    // An optional+computed attribute added after the object was created has no prior value.
    if (a.computed && config[name] === null && planned[name] === null && a.default !== undefined) planned[name] = cloneValue(a.default);
  }
  const changed = attrs.some(([name, a]) => !valueEquals(prior[name] ?? null, planned[name] ?? null, attributeType(a)));
  if (changed) {
    for (const [name, a] of attrs) if (a.unknownOnUpdate && config[name] === null) planned[name] = UNKNOWN;
  }
  const requiresReplace: AttributePath[] = [];
  for (const [name, a] of attrs) {
    if (a.requiresReplace && !valueEquals(prior[name] ?? null, planned[name] ?? null, attributeType(a))) requiresReplace.push([name]);
  }
  return { planned, requiresReplace, plannedPrivate: priorPrivate, diagnostics: [] };
}

/** On replacement the new object's computed values are not known yet. */
export function markReplacement(schema: BlockSchema, draft: PlanDraft, config: ObjectValue): void {
  if (!draft.requiresReplace.length) return;
  for (const [name, a] of Object.entries(schema.attributes)) {
    if (a.computed && config[name] === null && a.default === undefined) draft.planned[name] = UNKNOWN;
  }
}

/**
 * The provider's own check of Terraform's AssertPlanValid (plan_valid.go) for top-level
 * attributes, so a resource's `modifyPlan` mistake is reported with its name instead of
 * Terraform's "Provider produced invalid plan".
 */
export function checkPlanValid(schema: BlockSchema, prior: ObjectValue | null, planned: ObjectValue, config: ObjectValue): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, a] of Object.entries(schema.attributes)) {
    const p: Value = planned[name] ?? null;
    const c: Value = config[name] ?? null;
    const t = attributeType(a);
    if (a.computed && (c === null || !a.optional && !a.required)) continue;
    if (isUnknown(c)) {
      if (!isUnknown(p)) out.push(error('Provider produced invalid plan', `planned value for ${name} is known although the configuration value is not known yet`, [name]));
      continue;
    }
    if (valueEquals(p, c, t)) continue;
    if (prior && prior[name] !== null && c !== null && valueEquals(p, prior[name] ?? null, t)) continue;
    out.push(error('Provider produced invalid plan', `planned value for ${name} does not match the configuration value`, [name]));
  }
  return out;
}
