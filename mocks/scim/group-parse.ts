import type { GroupFields } from '../store';
import { EXTERNAL_ID_PATTERN, onlyKeys, Problems, requireSchemas } from './attributes';
import { ValidationError } from './errors';
import { GROUP_SCHEMA, RESERVED_NAMES } from './urn';

/** Validates a group's displayName/externalId (create, or the result of a PATCH). */
export function validateGroupFields(displayName: unknown, externalId: unknown): GroupFields {
  const p = new Problems();
  const name = p.string('displayName', displayName, { required: true });
  const ext = p.string('externalId', externalId, { max: 256, pattern: EXTERNAL_ID_PATTERN });
  p.throwIfAny();
  if (RESERVED_NAMES.some((r) => r.toLowerCase() === name!.toLowerCase())) {
    throw new ValidationError(`displayName ${name} is reserved by IAM Identity Center; choose another name.`);
  }
  return { displayName: name!, ...(ext !== undefined && { externalId: ext }) };
}

/** A CreateGroup body: `displayName`, optional `externalId` and `members` (checked by the caller). */
export function parseGroup(body: Record<string, unknown>): GroupFields {
  onlyKeys('', body, ['schemas', 'id', 'meta', 'displayName', 'externalId', 'members']);
  requireSchemas(body, GROUP_SCHEMA, [GROUP_SCHEMA]);
  return validateGroupFields(body.displayName, body.externalId);
}
