import { DiagnosticError, error } from '../framework/diagnostics';

/**
 * The ownership rule (docs/provider-guarantees.md, "Interruption-safe create"): an AWS user or
 * group is this resource's own only when it carries the resource's external_id, a value AWS
 * keeps unique per identity store. A create whose answer was lost (Ctrl-C, a killed provider or
 * terraform, a cancelled job) leaves exactly such an object, so the next apply's create, which
 * gets a 409, recognises it and takes it into state instead of failing or duplicating it. An
 * object with no external_id, or another one, was made by someone else and is never taken over.
 */

export type Kind = 'user' | 'group';

/** Whether an object found in AWS carries this resource's marker. No marker never matches. */
export function carriesMarker(found: { externalId?: string } | undefined, marker: string | undefined): boolean {
  return marker !== undefined && marker !== '' && found?.externalId === marker;
}

export function describeMarker(externalId: string | undefined): string {
  return externalId === undefined ? 'no external_id' : `external_id "${externalId}"`;
}

/** The deliberate ways to manage an object this configuration did not create. */
export function adoptHint(kind: Kind, name: string): string {
  const adopt = kind === 'group' ? ', or set adopt_existing = true on this resource' : '';
  return (
    `To manage it here, take it over deliberately: add an import block, import { to = <resource address>, id = "${name}" }${adopt}. ` +
    'The plan then checks that no other resource of this configuration tracks it. Otherwise choose another name.'
  );
}

/** Why an existing object is not taken over: who made it, as far as its marker tells. */
export function notOurs(kind: Kind, name: string, found: { id: string; externalId?: string }, marker: string | undefined): string {
  const theirs = describeMarker(found.externalId);
  const ours = marker ? `this resource's external_id is "${marker}"` : 'this resource has no external_id, so it cannot recognise an object it created';
  return `AWS already has a ${kind} "${name}" (id ${found.id}) with ${theirs}; ${ours}. It was created outside this configuration (or by another one) and is not taken over.`;
}

export function heldByAnother(kind: Kind, attribute: string, value: string, found: { id: string }, tracker: string): string {
  return (
    `AWS ${kind} ${found.id} holds ${attribute} "${value}", and ${tracker} of this configuration tracks it. ` +
    `AWS ${kind === 'user' ? 'user names' : 'display names'} are unique (ignoring case), and Terraform orders no two resources' changes, so this cannot be applied: ` +
    'give this resource another value, or, if you moved the resource to a new address, use a moved block instead of a second resource.'
  );
}

/**
 * The message of a create that Terraform interrupted (StopProvider on Ctrl-C) before AWS
 * answered. It must not promise what the next apply cannot do.
 */
export function interruptedCreate(action: string, kind: Kind, name: string, marker: string | undefined): DiagnosticError {
  const next = marker
    ? `Run terraform apply again: if AWS did create it, the create finds the ${kind} "${name}" carrying this resource's external_id "${marker}" and takes it into state; nothing is duplicated.`
    : `This resource has no external_id, so if AWS did create it the next apply cannot tell it from a ${kind} someone else created and refuses it; ` +
      `then import it: import { to = <resource address>, id = "${name}" }. Set external_id to make an interrupted create recoverable without that step.`;
  return new DiagnosticError(error(`${action}: interrupted`, `Terraform was interrupted before AWS answered, so AWS may or may not have created the ${kind}. ${next}`));
}
