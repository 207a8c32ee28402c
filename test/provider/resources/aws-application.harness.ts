/**
 * Drives `idemeum_aws_application`'s hooks the way the provider service does (ProposedNew, the
 * framework's plan rules, modifyPlan, the plan-validity and apply-consistency checks), with an
 * injected clock, so plan/apply behaviour is tested without gRPC.
 */
import type { AttributePath } from '../../../src/provider/codec/path';
import { objectAttributes } from '../../../src/provider/codec/types';
import { type ObjectValue, isWhollyKnown, valueEquals } from '../../../src/provider/codec/values';
import { describePaths, incompatiblePaths } from '../../../src/provider/framework/compat';
import type { ProviderContext } from '../../../src/provider/framework/context';
import type { Diagnostic } from '../../../src/provider/framework/diagnostics';
import { checkPlanValid, draftPlan, markReplacement } from '../../../src/provider/framework/plan';
import { impliedType } from '../../../src/provider/framework/schema';
import { createLogger } from '../../../src/provider/log';
import { Redactor } from '../../../src/provider/redact';
import { awsApplication } from '../../../src/provider/resources/aws-application';
import { IDP_ENTITY_ID, IDP_SSO_URL, spMetadata } from '../../saml/fixtures';

export const TYPE = 'idemeum_aws_application';
const schema = awsApplication.schema;
const type = impliedType(schema);

/** A config with every attribute present (null when unset), as Terraform sends it. */
export function config(over: ObjectValue = {}): ObjectValue {
  const base: ObjectValue = Object.fromEntries(Object.keys(schema.attributes).map((k) => [k, null]));
  return { ...base, sp_metadata_xml: spMetadata(), entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL, ...over };
}

export class TestClock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date): void {
    this.at = at;
  }
}

/** A provider context whose log lines are kept (unredacted: the resource itself must not leak). */
export function context(clock: TestClock, logs: string[] = []): ProviderContext {
  let n = 0;
  return {
    config: undefined,
    terraformVersion: '1.11.4',
    log: createLogger({ redactor: new Redactor(), write: (l) => logs.push(l) }),
    clock,
    signal: new AbortController().signal,
    cache: new Map(),
    newId: () => `app-${++n}`,
  };
}

/** Terraform's ProposedNew at the top level: config, with prior values for unset computed attributes. */
function proposedNew(prior: ObjectValue | null, cfg: ObjectValue): ObjectValue {
  return Object.fromEntries(Object.entries(cfg).map(([k, v]) => [k, v === null && schema.attributes[k].computed ? (prior?.[k] ?? null) : v]));
}

export interface Planned {
  readonly planned: ObjectValue;
  readonly requiresReplace: AttributePath[];
  readonly plannedPrivate: Buffer;
  readonly diagnostics: Diagnostic[];
}

export async function plan(prior: ObjectValue | null, cfg: ObjectValue, ctx: ProviderContext, priorPrivate: Buffer = Buffer.alloc(0)): Promise<Planned> {
  const draft = draftPlan(schema, prior, proposedNew(prior, cfg), cfg, priorPrivate);
  await awsApplication.modifyPlan!({ prior, config: cfg, priorPrivate }, draft, ctx);
  if (prior) markReplacement(schema, draft, cfg);
  return { ...draft, diagnostics: [...draft.diagnostics, ...checkPlanValid(schema, prior, draft.planned, cfg)] };
}

/** Apply as the provider service does, failing the test if the result breaks the plan. */
export async function apply(prior: ObjectValue | null, p: Planned, cfg: ObjectValue, ctx: ProviderContext): Promise<{ state: ObjectValue; private: Buffer }> {
  const req = { planned: p.planned, config: cfg, plannedPrivate: p.plannedPrivate };
  const result = prior ? await awsApplication.update({ ...req, prior }, ctx) : await awsApplication.create(req, ctx);
  const state = Object.fromEntries(Object.keys(schema.attributes).map((k) => [k, result.state[k] ?? null]));
  if (!isWhollyKnown(state)) throw new Error('apply left unknown values in the state');
  const broken = incompatiblePaths(p.planned, state, type);
  if (broken.length) throw new Error(`apply differs from the plan at ${describePaths(broken)}`);
  return { state, private: result.private ?? p.plannedPrivate };
}

/** plan + apply, throwing on error diagnostics. */
export async function converge(prior: ObjectValue | null, cfg: ObjectValue, ctx: ProviderContext, priorPrivate?: Buffer) {
  const p = await plan(prior, cfg, ctx, priorPrivate);
  const errors = p.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`plan failed: ${JSON.stringify(errors)}`);
  return { plan: p, ...(await apply(prior, p, cfg, ctx)) };
}

/** The attributes whose planned value differs from the prior state (what `terraform plan` would list). */
export function changedAttributes(prior: ObjectValue, planned: ObjectValue): string[] {
  const attrs = objectAttributes(type);
  return Object.keys(attrs).filter((k) => !valueEquals(prior[k] ?? null, planned[k] ?? null, attrs[k]));
}
