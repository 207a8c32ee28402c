import type { CtyType } from '../codec/types';
import { type ObjectValue, type Value, isObjectValue, isUnknown, isWhollyKnown } from '../codec/values';
import { type Diagnostic, DiagnosticError } from './diagnostics';
import type { PrivateState } from './resource';

/**
 * Throw from `create` (or `update`) when the remote object was changed but a later step failed:
 * e.g. a group was created in AWS, then its members could not be added nor the group deleted again.
 *
 * The protocol layer answers ApplyResourceChange with `state` as the new state AND the error
 * diagnostics. Terraform saves it (a failed create as *tainted*, so the next apply replaces it)
 * instead of forgetting an object that exists remotely. Give at least the remote id; attributes
 * not known are left `Unknown` or omitted and become null (Terraform needs a wholly known state).
 * The plan-consistency check is skipped for this response: the diagnostics are what the user sees.
 *
 * Only return a partial state for an object this step created or changed. A create that adopted
 * an existing remote object must not: a tainted object is deleted by the next apply.
 */
export class PartialStateError extends DiagnosticError {
  override readonly name: string = 'PartialStateError';
  constructor(
    diagnostics: Diagnostic | readonly Diagnostic[],
    /** What is known of the remote object now. */
    readonly state: ObjectValue,
    /** New private state. @default - the planned private state */
    readonly privateState?: PrivateState,
  ) {
    super(diagnostics);
  }
}

/**
 * `v` with every unknown replaced by null, for a state Terraform must be able to store. A list,
 * set or map holding an unknown element becomes null as a whole: its content is not known.
 */
export function unknownsToNull(v: Value, type: CtyType): Value {
  if (isUnknown(v)) return null;
  // A dynamic value carries its own type; a partly unknown one is dropped rather than rebuilt.
  if (v === null || typeof type === 'string') return isWhollyKnown(v) ? v : null;
  const kind = type[0];
  if (kind === 'object' && isObjectValue(v)) {
    const attrs = type[1] as Record<string, CtyType>;
    const out: ObjectValue = {};
    for (const [k, t] of Object.entries(attrs)) out[k] = unknownsToNull(v[k] ?? null, t);
    return out;
  }
  if ((kind === 'list' || kind === 'set') && Array.isArray(v)) {
    if (v.some(isUnknown)) return null;
    return v.map((x) => unknownsToNull(x, type[1] as CtyType));
  }
  if (kind === 'tuple' && Array.isArray(v)) {
    const types = type[1] as readonly CtyType[];
    return v.map((x, i) => unknownsToNull(x, types[i]));
  }
  if (kind === 'map' && isObjectValue(v)) {
    if (Object.values(v).some(isUnknown)) return null;
    const out: ObjectValue = {};
    for (const [k, x] of Object.entries(v)) out[k] = unknownsToNull(x, type[1] as CtyType);
    return out;
  }
  return v;
}
