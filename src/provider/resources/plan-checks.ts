import type { ObjectValue } from '../codec/values';
import { type Diagnostic, error, warning } from '../framework/diagnostics';
import type { PlanDraft, ProviderContext } from '../framework/resource';
import { ledgerOf, type UniqueValue } from './ledger';
import { adoptHint, carriesMarker, heldByAnother, type Kind, notOurs } from './ownership';
import { scimDiagnostic } from './scim-diagnostics';
import { type ScimSession, scimSession } from './scim-session';

const ACCESS_KEY = 'idemeum.plan-access';

interface Access {
  readonly failure: Promise<unknown>;
  reported: boolean;
}

/**
 * Whether plan-time checks can ask AWS, proving the endpoint and token once per process
 * (GET /ServiceProviderConfig): a revoked or expired token then fails the plan, also for a
 * configuration of users only, instead of the apply. The failure is reported by the first plan
 * that asks (Terraform shows every diagnostic; one is enough to stop the plan), and the others
 * skip their checks. Settings known only at apply skip the checks silently.
 */
export async function scimReachableAtPlan(ctx: ProviderContext, draft: PlanDraft): Promise<boolean> {
  const cfg = ctx.config;
  if (!cfg?.scim && (cfg === undefined || cfg.scimKnownAtApply)) return false;
  let access = ctx.cache.get(ACCESS_KEY) as Access | undefined;
  if (!access) {
    const failure = cfg.scim
      ? scimSession(ctx, 'planning').client.serviceProviderConfig().then(
          () => undefined,
          (err: unknown) => err,
        )
      : Promise.resolve(undefined);
    ctx.cache.set(ACCESS_KEY, (access = { failure, reported: false }));
  }
  if (!cfg.scim) {
    if (!access.reported) draft.diagnostics.push(error('Cannot plan: the provider has no SCIM connection', cfg.scimUnavailableReason ?? 'the provider "idemeum" was not configured'));
    access.reported = true;
    return false;
  }
  const failure = await access.failure;
  if (failure === undefined) return true;
  if (!access.reported) draft.diagnostics.push(...scimDiagnostic(failure, 'checking the SCIM endpoint and token').diagnostics);
  access.reported = true;
  return false;
}

export interface UniqueValuesCheck {
  readonly type: string;
  readonly kind: Kind;
  /** The attribute AWS finds the object by: user_name or display_name. */
  readonly primary: string;
  /** How a resource with this primary value is named in messages. */
  readonly labelOf: (name: unknown) => string;
  readonly prior: ObjectValue | null;
  /** The AWS id a create replaces (the second plan of a replacement), from prior private state. */
  readonly replacesId: string | undefined;
  readonly values: readonly UniqueValue[];
  readonly find: (session: ScimSession, name: string) => Promise<{ id: string; externalId?: string } | undefined>;
  /** adopt_existing: an existing object with the name is wanted, not a clash. */
  readonly adoptsExisting?: boolean;
}

/**
 * The plan-time checks of a user or group: values another resource of this configuration plans
 * too, and a new or renamed name that AWS already holds. What would fail halfway through an
 * apply fails the plan instead, naming the clashing values, so nothing is applied.
 */
export async function checkUniqueValues(ctx: ProviderContext, draft: PlanDraft, c: UniqueValuesCheck): Promise<void> {
  const ledger = ledgerOf(ctx);
  const priorId = typeof c.prior?.id === 'string' ? c.prior.id : undefined;
  if (priorId) ledger.track(c.type, priorId, c.labelOf(c.prior![c.primary]));
  const name = c.values.find((v) => v.attribute === c.primary)?.value;
  const label = c.labelOf(name ?? '(known after apply)');
  const clashes = ledger.claim(c.type, ledger.ownerFor(priorId, c.replacesId), label, c.values);
  for (const { value: v, other } of clashes) {
    draft.diagnostics.push(
      error(
        `Duplicate ${v.attribute} in this configuration: "${v.value}"`,
        `${label} and ${other} both plan ${v.attribute} "${v.value}". AWS keeps ${v.attribute} unique per identity store${v.foldCase ? ' (ignoring case)' : ''}, ` +
          `so the second create or rename would fail halfway through the apply; nothing is applied. Give each resource its own ${v.attribute}, or remove one of them.`,
        [v.attribute],
      ),
    );
  }
  if (clashes.length || name === undefined || c.adoptsExisting) return;
  const renamed = c.prior === null || String(c.prior[c.primary]).toLowerCase() !== name.toLowerCase();
  if (!renamed || !(await scimReachableAtPlan(ctx, draft))) return;
  const session = scimSession(ctx, 'planning');
  // Terraform plans every change again at apply. A process that has written to AWS is applying a
  // plan that already made this check; a create or rename still turns a 409 into the same error.
  if (session.client.transport.writesSent > 0) return;
  let found: { id: string; externalId?: string } | undefined;
  try {
    found = await c.find(session, name);
  } catch (err) {
    draft.diagnostics.push(...scimDiagnostic(err, `checking whether ${c.kind} "${name}" exists in AWS`).diagnostics);
    return;
  }
  if (!found || found.id === priorId || found.id === c.replacesId) return;
  const tracker = ledger.trackerOf(c.type, found.id);
  // A tainted object (a create that failed after AWS made it, or `terraform taint`) is refreshed
  // under its own name, then its replacement is planned with a null prior and, unlike a
  // requires-replace, no private state to name it: refusing it would leave the apply stuck.
  // Another resource of the configuration keeping the name clashes in the claims above; one being
  // destroyed (moved without a moved block) is let through, and AWS's 409 stops that create.
  if (!c.prior && tracker === label) return;
  const verb = c.prior ? 'Renaming' : 'Creating';
  const what = `${verb} pushed ${c.kind} (${name})`;
  const marker = c.values.find((v) => v.attribute === 'external_id')?.value;
  if (tracker) {
    draft.diagnostics.push(error(`${what}: ${c.primary} already taken`, heldByAnother(c.kind, c.primary, name, found, tracker), [c.primary]));
  } else if (!c.prior && carriesMarker(found, marker)) {
    draft.diagnostics.push(
      warning(
        `${what}: takes over the ${c.kind} an interrupted apply created`,
        `AWS already has the ${c.kind} "${name}" (id ${found.id}) carrying this resource's external_id "${marker}": a create an earlier apply sent but did not record ` +
          `(it was interrupted or killed). Applying takes it into state instead of creating another.`,
        [c.primary],
      ),
    );
  } else {
    const next = c.prior ? `Choose a ${c.primary} no other ${c.kind} has.` : adoptHint(c.kind, name);
    draft.diagnostics.push(error(`${what}: ${c.primary} already exists in AWS`, `${notOurs(c.kind, name, found, marker)} ${next}`, [c.primary]));
  }
}

/** ReadResource saw one AWS object twice in one refresh: two resources track it. */
export function duplicateTracking(kind: Kind, id: string, name: string, other: string): Diagnostic {
  return error(
    `Two resources track one AWS ${kind}`,
    `This resource and ${other} both track AWS ${kind} ${id} ("${name}"), typically after importing an object the configuration already had. ` +
      `Both would change it and undo each other on every apply. Keep one: remove the other from the state with terraform state rm <its address> (the ${kind} stays in AWS).`,
  );
}
