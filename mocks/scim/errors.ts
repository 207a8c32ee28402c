import { ERROR_SCHEMA } from './urn';

/**
 * The one SCIM error table: HTTP status -> the exception name AWS logs in CloudTrail, and the
 * generic detail used when a more specific message is not known.
 */
export const SCIM_ERRORS = {
  400: { exception: 'ValidationException', detail: 'Request is unparsable, syntactically incorrect, or violates schema.' },
  401: { exception: 'UnauthorizedException', detail: 'The authorization header is invalid or missing.' },
  403: { exception: 'AccessDeniedException', detail: 'Operation is not permitted based on the supplied authorization.' },
  404: { exception: 'ResourceNotFoundException', detail: 'Resource not found.' },
  409: { exception: 'ConflictException', detail: 'Refused to create a new, duplicate resource.' },
  429: { exception: 'ThrottlingException', detail: 'Rate exceeded' },
  500: { exception: 'InternalServerException', detail: 'An internal error occurred.' },
} as const;

export type ScimStatus = keyof typeof SCIM_ERRORS;

/** An error a SCIM resolver answers with; rendered in AWS's envelope by `scimErrorBody`. */
export class ScimError extends Error {
  constructor(
    readonly status: ScimStatus,
    detail?: string,
  ) {
    super(detail ?? SCIM_ERRORS[status].detail);
    this.name = SCIM_ERRORS[status].exception;
  }
}

export class ValidationError extends ScimError {
  constructor(detail?: string) {
    super(400, detail);
  }
}

export class NotFoundError extends ScimError {
  constructor(detail?: string) {
    super(404, detail);
  }
}

/**
 * The identity store is full. AWS does not document this answer; 400 is the status its SCIM error
 * table keeps for requests that cannot succeed as sent, and unlike 409 or 429 it tells a client
 * neither to adopt an existing resource nor to retry (docs/emulator.md, Quotas).
 */
export class QuotaExceededError extends ValidationError {}

export class ConflictError extends ScimError {
  constructor(detail?: string) {
    super(409, detail);
  }
}

/** AWS's `timeStamp`: `yyyy-MM-dd HH:mm:ss.SSS` in UTC. */
function awsTimeStamp(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * AWS's SCIM error envelope: `status` is a string and both the non-standard `schema` and the
 * standard `schemas` keys are present (as in captures from 2026).
 */
export function scimErrorBody(status: ScimStatus, detail: string, requestId: string, at: Date): Record<string, unknown> {
  return {
    schema: [ERROR_SCHEMA],
    schemas: [ERROR_SCHEMA],
    detail,
    status: String(status),
    exceptionRequestId: requestId,
    timeStamp: awsTimeStamp(at),
  };
}

/** AWS's "N validation errors detected: ..." wording for field constraint failures. */
export function constraintErrors(problems: Array<{ path: string; constraint: string }>): ValidationError {
  const n = problems.length;
  const list = problems.map((p) => `Value at '${p.path}' failed to satisfy constraint: ${p.constraint}`).join('; ');
  return new ValidationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${list}`);
}
