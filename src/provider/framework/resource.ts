/**
 * The resource framework of the `idemeum` provider: what a resource type or data source
 * implements. The protocol layer (src/provider/server) does the rest: decoding msgpack against
 * the schema, Terraform's plan rules, checking apply results against the plan, private state,
 * state upgrades, diagnostics with attribute paths and secret redaction.
 *
 * A resource file looks like:
 *
 *   export const pushedGroup: ResourceType = {
 *     typeName: 'idemeum_pushed_group',
 *     schema: { version: 0, attributes: {
 *       id: { type: 'string', computed: true },
 *       display_name: { type: 'string', required: true },
 *       members: { type: ['set', 'string'], optional: true },
 *       member_count: { type: 'number', computed: true, unknownOnUpdate: true },
 *       adopt_existing: { type: 'bool', optional: true, requiresReplace: true },
 *     } },
 *     validate({ config }) { ... return [error('...', '...', ['display_name'])] },
 *     async create({ planned, config }, ctx) { ...; return { state: { ...planned, id, member_count } } },
 *     async read({ state }, ctx) { ...; return null /* gone *\/ or { state } },
 *     async update({ prior, planned }, ctx) { ...; return { state } },
 *     async delete({ prior }, ctx) { ... },
 *     async import({ id }, ctx) { return { state: { id, ... } } },
 *   };
 *
 * and is listed in src/provider/registry.ts.
 *
 * Values are plain JS (see codec/values.ts): strings, numbers, booleans, null, arrays for
 * lists/sets, objects for objects/maps, and `Unknown` for values not known until apply (only in
 * validate/plan inputs; create/update receive a wholly known `config`, but `planned` still holds
 * `Unknown` where the resource must fill in a value).
 *
 * Plan rules the framework applies before `modifyPlan`:
 * - create: computed attributes null in config become `default` (if declared) or unknown;
 * - update: planned = proposed (config values, prior values for unset computed attributes);
 *   if anything changed, `unknownOnUpdate` attributes become unknown;
 * - `requiresReplace` attributes whose planned value differs from prior are reported as replace
 *   paths (then every computed attribute unset in config is planned unknown);
 * - destroy: planned null (no hook is called).
 * After create/update, every known planned value must come back unchanged, or the step fails
 * with "Provider produced inconsistent result" (as Terraform would), and the result must be
 * wholly known. Missing attributes in returned states are filled with null, extra ones dropped.
 *
 * Errors: throw `DiagnosticError` (with paths and an actionable detail); any other thrown error
 * becomes an error diagnostic "<verb> <type>: <message>". Secrets are redacted from both.
 * A failed create answers with a null state and a failed update with the prior state, so only
 * throw these before the remote object was changed. When create/update fails after changing it
 * (created, then a later step failed), throw `PartialStateError` (framework/partial-state.ts)
 * with what is known, at least the id: Terraform stores it with the errors (a failed create as
 * tainted, replaced by the next apply) instead of losing track of the remote object.
 */
import type { AttributePath } from '../codec/path';
import type { ObjectValue } from '../codec/values';
import type { ProviderContext } from './context';
import type { Diagnostic } from './diagnostics';
import type { BlockSchema } from './schema';

export type { ProviderContext } from './context';

/** Opaque bytes Terraform stores next to the state (`private`); echoed unless you return new ones. */
export type PrivateState = Buffer;

export interface ValidateRequest {
  /** May contain `Unknown` anywhere (values that reference unapplied resources). */
  readonly config: ObjectValue;
}

export interface PlanRequest {
  /** Null on create. */
  readonly prior: ObjectValue | null;
  readonly config: ObjectValue;
  readonly priorPrivate: PrivateState;
}

/** The plan the framework computed; `modifyPlan` may edit `planned` and the other fields in place. */
export interface PlanDraft {
  planned: ObjectValue;
  requiresReplace: AttributePath[];
  plannedPrivate: PrivateState;
  readonly diagnostics: Diagnostic[];
}

export interface CreateRequest {
  /** The plan; `Unknown` where the resource decides the value (ids, timestamps). */
  readonly planned: ObjectValue;
  /** Wholly known configuration (null for attributes not set). */
  readonly config: ObjectValue;
  readonly plannedPrivate: PrivateState;
}

export interface UpdateRequest extends CreateRequest {
  readonly prior: ObjectValue;
}

export interface DeleteRequest {
  readonly prior: ObjectValue;
  readonly priorPrivate: PrivateState;
}

export interface ReadRequest {
  readonly state: ObjectValue;
  readonly private: PrivateState;
}

export interface StateResult {
  readonly state: ObjectValue;
  /** New private state. @default - the request's private state is kept */
  readonly private?: PrivateState;
  /** Warnings to show with a successful result. */
  readonly diagnostics?: readonly Diagnostic[];
}

export interface ImportRequest {
  /** The string the user gave to `terraform import` / `import { id = ... }`. */
  readonly id: string;
}

export interface ResourceType {
  /** Full type name, `idemeum_<name>`. */
  readonly typeName: string;
  readonly schema: BlockSchema;
  /** Static checks on config (may contain unknowns; provider is not configured yet). */
  validate?(req: ValidateRequest): readonly Diagnostic[] | void;
  /** Adjust the framework's plan (e.g. mark a computed value unknown when an input changes). */
  modifyPlan?(req: PlanRequest, draft: PlanDraft, ctx: ProviderContext): Promise<void> | void;
  create(req: CreateRequest, ctx: ProviderContext): Promise<StateResult>;
  /** Return null when the remote object is gone (Terraform then plans to create it again). */
  read(req: ReadRequest, ctx: ProviderContext): Promise<StateResult | null>;
  update(req: UpdateRequest, ctx: ProviderContext): Promise<StateResult>;
  /** A remote 404 is success. */
  delete(req: DeleteRequest, ctx: ProviderContext): Promise<void>;
  /** Build a state from an import id; `read` runs right after it, so a minimal state is enough. */
  import?(req: ImportRequest, ctx: ProviderContext): Promise<StateResult>;
  /**
   * Upgrade raw JSON state written under schema version `fromVersion` (< schema.version) to the
   * current shape. Called by UpgradeResourceState before decoding; attributes the current schema
   * lacks are dropped and missing ones become null afterwards.
   */
  upgradeState?(fromVersion: number, raw: Record<string, unknown>): Record<string, unknown>;
}

export interface DataSourceRequest {
  /** Wholly known configuration; computed attributes are null. */
  readonly config: ObjectValue;
}

export interface DataSourceType {
  readonly typeName: string;
  readonly schema: BlockSchema;
  validate?(req: ValidateRequest): readonly Diagnostic[] | void;
  /** Return the full object: config values plus computed ones. */
  read(req: DataSourceRequest, ctx: ProviderContext): Promise<{ state: ObjectValue; diagnostics?: readonly Diagnostic[] }>;
}
