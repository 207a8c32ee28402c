import type { ScimErrorBody } from './types';

/** Where a SCIM call went; carries no headers, so no token. */
export interface ScimRequestInfo {
  readonly method: string;
  /** Path relative to the SCIM base URL, query included (filters hold names and ids, not secrets). */
  readonly path: string;
}

/** Any failure talking to the SCIM endpoint. Messages are redacted before construction. */
export class ScimError extends Error {
  override readonly name: string = 'ScimError';
  constructor(
    message: string,
    readonly request: ScimRequestInfo,
  ) {
    super(message);
  }
}

/** AWS answered with an error status. `detail` is AWS's own sentence, `awsRequestId` its trace id. */
export class ScimHttpError extends ScimError {
  override readonly name: string = 'ScimHttpError';
  /** How many attempts were made before giving up. */
  attempts = 1;
  /** From the first attempt's start to the last answer. */
  elapsedMs = 0;
  /** What the client knows that AWS's answer does not say, e.g. that the endpoint path looks wrong. */
  hint: string | undefined;
  /**
   * An earlier attempt failed in a way that may have applied the write (5xx or connection lost
   * after sending): a 409 on create or 404 on delete may then be our own earlier success.
   */
  afterAmbiguousAttempt = false;
  constructor(
    readonly status: number,
    readonly exception: string,
    readonly detail: string | undefined,
    readonly awsRequestId: string | undefined,
    request: ScimRequestInfo,
  ) {
    super(`${request.method} ${request.path}: ${status} ${exception}${detail ? `: ${detail}` : ''}`, request);
  }
}

/** 400: unparsable input, unsupported filter or operation, schema violation. */
export class ScimValidationError extends ScimHttpError {
  override readonly name = 'ScimValidationError';
}
/** 401: wrong, revoked or expired token, or a wrong tenant id in the endpoint URL. */
export class ScimUnauthorizedError extends ScimHttpError {
  override readonly name = 'ScimUnauthorizedError';
}
/** 403. */
export class ScimAccessDeniedError extends ScimHttpError {
  override readonly name = 'ScimAccessDeniedError';
}
/** 404: the user or group does not exist (or a member filter named a user that does not). */
export class ScimNotFoundError extends ScimHttpError {
  override readonly name = 'ScimNotFoundError';
}
/** 409: duplicate userName, primary email, externalId or group displayName. */
export class ScimConflictError extends ScimHttpError {
  override readonly name = 'ScimConflictError';
}
/** 429 after the retry budget ran out. */
export class ScimThrottledError extends ScimHttpError {
  override readonly name = 'ScimThrottledError';
}
/** 5xx after the retry budget ran out. */
export class ScimServerError extends ScimHttpError {
  override readonly name = 'ScimServerError';
}

/** The request never got an HTTP answer: refused, reset, DNS, TLS, or timed out. */
export class ScimTransportError extends ScimError {
  override readonly name = 'ScimTransportError';
  constructor(
    message: string,
    readonly code: string | undefined,
    request: ScimRequestInfo,
    readonly attempts = 1,
    readonly elapsedMs = 0,
  ) {
    super(message, request);
  }
}

/** "gave up after 9 attempts over 41.3 s": how a retry budget ran out, for messages. */
export function gaveUp(attempts: number, elapsedMs: number): string {
  return `gave up after ${attempts} attempts over ${(elapsedMs / 1000).toFixed(1)} s`;
}

/** The caller aborted (Terraform's StopProvider on Ctrl-C) before the call finished. */
export class ScimAbortedError extends ScimError {
  override readonly name = 'ScimAbortedError';
}

const EXCEPTIONS: Record<number, [string, typeof ScimHttpError]> = {
  400: ['ValidationException', ScimValidationError],
  401: ['UnauthorizedException', ScimUnauthorizedError],
  403: ['AccessDeniedException', ScimAccessDeniedError],
  404: ['ResourceNotFoundException', ScimNotFoundError],
  409: ['ConflictException', ScimConflictError],
  429: ['ThrottlingException', ScimThrottledError],
};

/** Maps a status and AWS's error envelope to the typed error. Never branches on `detail` text. */
export function httpError(status: number, body: ScimErrorBody | undefined, awsRequestId: string | undefined, request: ScimRequestInfo, redact: (s: string) => string): ScimHttpError {
  const detail = typeof body?.detail === 'string' ? redact(body.detail) : undefined;
  const requestId = awsRequestId ?? body?.exceptionRequestId;
  const known = EXCEPTIONS[status];
  if (known) return new known[1](status, known[0], detail, requestId, request);
  if (status >= 500) return new ScimServerError(status, 'InternalServerException', detail, requestId, request);
  return new ScimHttpError(status, `HTTP ${status}`, detail, requestId, request);
}
