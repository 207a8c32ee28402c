/**
 * The parts of `terraform show -json <planfile>` (format 1.x) that effective access needs, and the
 * resource instances before and after the plan. Values are untyped JSON; readers take the few
 * attributes they know.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Values = Record<string, JsonValue | undefined>;

interface StateResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly values?: Values;
}

interface StateModule {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly (StateModule & { readonly address: string })[];
}

interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly change: { readonly actions: readonly string[]; readonly before?: Values | null; readonly after?: Values | null; readonly after_unknown?: Values };
}

export interface ConfigExpression {
  readonly constant_value?: JsonValue;
  readonly references?: readonly string[];
}

export interface ConfigResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly expressions?: Readonly<Record<string, ConfigExpression | undefined>>;
}

interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: Readonly<Record<string, { readonly module?: ConfigModule }>>;
}

export interface PlanJson {
  readonly format_version?: string;
  readonly planned_values?: unknown;
  readonly prior_state?: { readonly values?: { readonly root_module?: StateModule } };
  readonly resource_changes?: readonly ResourceChange[];
  readonly configuration?: { readonly root_module?: ConfigModule };
}

/** One resource instance on one side of the plan. */
export interface Instance {
  /** Full address, e.g. `module.sso.aws_x.y["k"]`. */
  readonly address: string;
  /** The module it sits in: `` for the root, `module.sso` below it. */
  readonly module: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly values: Values;
  /** `after_unknown` of the change: which attributes are known only after apply. */
  readonly unknown: Values;
}

/** Thrown when the file is not a plan in `terraform show -json` format. */
export class PlanFormatError extends Error {
  override readonly name = 'PlanFormatError';
}

export function parsePlan(text: string, source: string): PlanJson {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new PlanFormatError(`${source} is not JSON (${(err as Error).message}); expected the output of \`terraform show -json <planfile>\``);
  }
  const plan = doc as PlanJson;
  // A plan without changes has no "resource_changes" at all; a state has neither of these two.
  const isPlan = doc !== null && typeof doc === 'object' && typeof plan.format_version === 'string' && (plan.planned_values !== undefined || plan.configuration !== undefined);
  if (!isPlan || (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes))) {
    throw new PlanFormatError(
      `${source} is not a Terraform plan in JSON: it has no "planned_values" or "configuration"; run \`terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > plan.json\` (\`terraform show -json\` without a plan file prints the state, not a plan)`,
    );
  }
  if (!plan.format_version.startsWith('1.')) {
    throw new PlanFormatError(`${source} has plan format ${plan.format_version}; this reader understands format 1.x (Terraform 1.x)`);
  }
  return plan;
}

/** What the state holds before the plan (`prior_state`, refreshed). */
export function instancesBefore(plan: PlanJson): Instance[] {
  const out: Instance[] = [];
  const walk = (module: StateModule | undefined, address: string): void => {
    for (const r of module?.resources ?? []) out.push({ ...pick(r), module: address, values: r.values ?? {}, unknown: {} });
    for (const child of module?.child_modules ?? []) walk(child, child.address);
  };
  walk(plan.prior_state?.values?.root_module, '');
  return out;
}

/**
 * What exists once the plan is applied: every change that does not delete, with its unknowns, and
 * the data sources read while planning (they are in the prior state only).
 */
export function instancesAfter(plan: PlanJson): Instance[] {
  const changed = new Set<string>();
  const out: Instance[] = [];
  for (const rc of plan.resource_changes ?? []) {
    changed.add(rc.address);
    if (rc.change.actions.length === 1 && rc.change.actions[0] === 'delete') continue;
    out.push({ ...pick(rc), module: rc.module_address ?? '', values: rc.change.after ?? {}, unknown: rc.change.after_unknown ?? {} });
  }
  for (const i of instancesBefore(plan)) if (i.mode === 'data' && !changed.has(i.address)) out.push(i);
  return out;
}

/** Resources whose change actually does something (not a no-op or a read). */
export function changedAddresses(plan: PlanJson): Set<string> {
  return new Set((plan.resource_changes ?? []).filter((rc) => rc.change.actions.some((a) => a !== 'no-op' && a !== 'read')).map((rc) => rc.address));
}

/** The configuration block of a resource, found by module and `type.name` (or `data.type.name`). */
export function configurationIndex(plan: PlanJson): Map<string, ConfigResource> {
  const index = new Map<string, ConfigResource>();
  const walk = (module: ConfigModule | undefined, prefix: string): void => {
    for (const r of module?.resources ?? []) index.set(`${prefix}${r.address}`, r);
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) walk(call.module, `${prefix}module.${name}.`);
  };
  walk(plan.configuration?.root_module, '');
  return index;
}

/** `type.name` or `data.type.name`, the address of the block an instance comes from. */
export function blockAddress(i: Pick<Instance, 'mode' | 'type' | 'name'>): string {
  return `${i.mode === 'data' ? 'data.' : ''}${i.type}.${i.name}`;
}

function pick(r: StateResource | ResourceChange): Pick<Instance, 'address' | 'mode' | 'type' | 'name' | 'index'> {
  return { address: r.address, mode: r.mode, type: r.type, name: r.name, ...(r.index !== undefined && { index: r.index }) };
}
