/**
 * Values known only after apply, resolved through the references the plan's configuration
 * records: a new group's id is "the id of idemeum_pushed_group.X", which the snapshot knows as the
 * group being created as `Engineering`. Nothing is guessed: a value resolves only when its
 * expression names exactly one resource attribute (a list: one per unknown element).
 */
import { blockAddress, type ConfigExpression, type ConfigResource, type Instance, type JsonValue } from './plan-json';

/** Stands for an attribute known only after apply: `<instance address>.<attribute>`. */
export const PLANNED = 'planned:';

export type Resolved = { readonly value: string } | { readonly problem: string };

const INTERPOLATION = /^\$\{([^{}]+)\}$/;
/** `[data.]type.name[<index>].attr` (attr may go deeper; only the first step is used). */
const TRAVERSAL = /^((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)(\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\])?\.([A-Za-z_][\w-]*)/;

export class PlanResolver {
  private readonly byBlock = new Map<string, Instance[]>();

  constructor(
    instances: readonly Instance[],
    private readonly config: ReadonlyMap<string, ConfigResource>,
  ) {
    for (const i of instances) {
      const key = `${moduleOf(i)}${blockAddress(i)}`;
      this.byBlock.set(key, [...(this.byBlock.get(key) ?? []), i]);
    }
  }

  /** A string attribute: its planned value, a PLANNED symbol when it is another resource's unknown id, or why not. */
  scalar(i: Instance, attribute: string, identity: (target: Instance) => string | undefined): Resolved {
    const value = i.values[attribute];
    if (typeof value === 'string') return { value };
    if (i.unknown[attribute] !== true) return { problem: `${i.address}: ${attribute} is not set` };
    const expression = this.expression(i, attribute);
    const traversal = single(expression);
    if (traversal === undefined) return { problem: unresolvedText(i, attribute, expression) };
    return this.follow(i, traversal, identity) ?? { problem: unresolvedText(i, attribute, expression) };
  }

  /**
   * A list of ids (a group's members): known elements as they are, unknown ones through the
   * expression's element at the same position, or, when the configuration is not positional, the
   * referenced resources whose ids are unknown, provided there are exactly as many as unknown elements.
   */
  list(i: Instance, attribute: string, identity: (target: Instance) => string | undefined): { values: string[]; problem?: string } {
    const value = i.values[attribute];
    const unknown = i.unknown[attribute];
    const expression = this.expression(i, attribute);
    const problem = (): { values: string[]; problem: string } => ({ values: known(value), problem: unresolvedText(i, attribute, expression) });
    if (unknown === undefined || unknown === false || (Array.isArray(unknown) && !unknown.includes(true))) return { values: known(value) };
    const elements = Array.isArray(expression?.constant_value) ? expression.constant_value : undefined;
    const positions = Array.isArray(unknown) ? unknown.map((u, n) => (u === true ? n : -1)).filter((n) => n >= 0) : undefined;
    if (elements && (!Array.isArray(value) || value.length === elements.length)) {
      const out: string[] = [];
      for (const [n, element] of elements.entries()) {
        const current = Array.isArray(value) ? value[n] : undefined;
        if (typeof current === 'string' && positions !== undefined && !positions.includes(n)) {
          out.push(current);
          continue;
        }
        const traversal = typeof element === 'string' ? INTERPOLATION.exec(element)?.[1] : undefined;
        const resolved = traversal === undefined ? undefined : this.follow(i, traversal, identity);
        if (!resolved || 'problem' in resolved) return problem();
        out.push(resolved.value);
      }
      return { values: out };
    }
    // Not positional (HCL): every reference must be a resource attribute; the unknown ones fill the gaps.
    const traversals = attributeTraversals(expression);
    if (traversals === undefined) return problem();
    const followed = traversals.map((t) => this.follow(i, t, identity));
    if (followed.some((f) => !f || 'problem' in f)) return problem();
    const planned = [...new Set(followed.map((f) => (f as { value: string }).value).filter((v) => v.startsWith(PLANNED)))];
    if (positions === undefined) return { values: [...new Set(followed.map((f) => (f as { value: string }).value))] };
    if (planned.length !== positions.length) return problem();
    return { values: [...known(value), ...planned] };
  }

  private expression(i: Instance, attribute: string): ConfigExpression | undefined {
    return this.config.get(`${moduleOf(i)}${blockAddress(i)}`)?.expressions?.[attribute];
  }

  /** The value a traversal names, seen from instance `from` (same module). */
  private follow(from: Instance, traversal: string, identity: (target: Instance) => string | undefined, depth = 0): Resolved | undefined {
    const m = TRAVERSAL.exec(traversal);
    if (!m || depth > 4) return undefined;
    const [, block, indexPart, stringKey, numberKey, attribute] = m;
    const candidates = this.byBlock.get(`${moduleOf(from)}${block}`) ?? [];
    const wanted = indexPart === undefined ? undefined : (stringKey ?? Number(numberKey));
    const matching = candidates.filter((c) => (wanted === undefined ? c.index === undefined : String(c.index) === String(wanted)));
    if (matching.length !== 1) return undefined;
    const [target] = matching;
    const value = target.values[attribute];
    if (typeof value === 'string') return { value };
    if (target.unknown[attribute] !== true) return undefined;
    if (identity(target) === attribute) return { value: `${PLANNED}${target.address}.${attribute}` };
    // An unknown attribute that copies another resource's attribute: follow it.
    const next = single(this.expression(target, attribute));
    return next === undefined ? undefined : this.follow(target, next, identity, depth + 1);
  }
}

/** Module address without instance keys, as configuration addresses are written. */
function moduleOf(i: Instance): string {
  return i.module === '' ? '' : `${i.module.replace(/\[[^\]]*\]/g, '')}.`;
}

function known(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The one resource attribute an expression consists of, if that is all it is. */
function single(expression: ConfigExpression | undefined): string | undefined {
  const constant = expression?.constant_value;
  if (typeof constant === 'string') return INTERPOLATION.exec(constant)?.[1];
  const traversals = attributeTraversals(expression);
  return traversals?.length === 1 ? traversals[0] : undefined;
}

/** References that are resource attributes (Terraform also lists each bare resource); undefined if any is something else. */
function attributeTraversals(expression: ConfigExpression | undefined): string[] | undefined {
  const references = expression?.references ?? [];
  if (references.length === 0) return undefined;
  const attributes = references.filter((r) => TRAVERSAL.test(r));
  const covered = (r: string) => attributes.some((a) => a.startsWith(`${r}.`) || a.startsWith(`${r}[`));
  return references.every((r) => TRAVERSAL.test(r) || covered(r)) ? attributes : undefined;
}

function unresolvedText(i: Instance, attribute: string, expression: ConfigExpression | undefined): string {
  const refs = expression?.references?.length ? `it comes from ${expression.references.join(', ')}` : 'the plan records no reference for it';
  return `${i.address}: ${attribute} is known only after apply and ${refs}, which does not name one resource of this plan`;
}
