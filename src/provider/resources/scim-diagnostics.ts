import type { AttributePath } from '../codec/path';
import { DiagnosticError, error } from '../framework/diagnostics';
import {
  ScimAbortedError,
  ScimAccessDeniedError,
  ScimError,
  ScimHttpError,
  ScimThrottledError,
  ScimTransportError,
  ScimUnauthorizedError,
  ScimValidationError,
  gaveUp,
} from '../../scim/errors';
import { lazy } from '../lazy';

// transport.ts pulls in undici; it is only needed once a SCIM call has failed (see ../lazy.ts).
const scimTransport = lazy(() => require('../../scim/transport') as typeof import('../../scim/transport'));

/**
 * Turns a SCIM failure into a diagnostic a person can act on. `action` reads like
 * "creating pushed user (ana@example.com)"; `path` is the attribute AWS objected to, if known.
 * Conflicts (409) are resource-specific and handled by each resource before calling this.
 */
export function scimDiagnostic(err: unknown, action: string, path?: AttributePath): DiagnosticError {
  if (err instanceof DiagnosticError) return err;
  if (err instanceof scimTransport().InvalidScimConfigError) {
    return new DiagnosticError(error(`${action}: invalid ${err.attribute}`, err.message));
  }
  if (err instanceof ScimUnauthorizedError) {
    return new DiagnosticError(
      error(
        `${action}: AWS rejected the SCIM token (401)`,
        'The token is wrong, revoked or expired (AWS tokens last one year), or the tenant id in scim_endpoint is wrong. ' +
          'Generate a new access token in IAM Identity Center → Settings → Identity source → Automatic provisioning, then set scim_token ' +
          '(and token_issued_at on idemeum_scim_link).',
      ),
    );
  }
  if (err instanceof ScimAccessDeniedError) {
    return new DiagnosticError(error(`${action}: AWS denied the operation (403)`, err.detail ?? 'check that automatic provisioning is enabled for this identity store'));
  }
  if (err instanceof ScimAbortedError) {
    // Creates say more (ownership.ts interruptedCreate): whether the next apply can recognise the object.
    return new DiagnosticError(
      error(
        `${action}: interrupted`,
        `${err.message}. Terraform was interrupted before AWS answered, so the change may or may not have been made; the next terraform apply reads AWS again and plans what is still missing.`,
      ),
    );
  }
  if (err instanceof ScimTransportError) {
    return new DiagnosticError(
      error(`${action}: cannot reach the SCIM endpoint`, `${err.message}. Check scim_endpoint (https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2) and the network path to it.`),
    );
  }
  if (err instanceof ScimThrottledError) {
    return new DiagnosticError(
      error(
        `${action}: AWS kept throttling (429); the provider ${gaveUp(err.attempts, err.elapsedMs)}`,
        'Run again, raise max_retries in the provider block, or lower terraform -parallelism.',
      ),
    );
  }
  if (err instanceof ScimValidationError) {
    return new DiagnosticError(error(`${action}: AWS rejected the request (400)`, httpDetail(err), path));
  }
  if (err instanceof ScimHttpError) {
    return new DiagnosticError(error(`${action}: AWS answered ${err.status} ${err.exception}`, httpDetail(err), path));
  }
  if (err instanceof ScimError) return new DiagnosticError(error(action, err.message, path));
  return new DiagnosticError(error(action, err instanceof Error ? err.message : String(err), path));
}

/** AWS's own sentence, then what the client adds: a hint about the endpoint, how retries ran out. */
function httpDetail(err: ScimHttpError): string {
  const parts = [err.detail ?? err.message];
  if (err.hint && err.detail) parts.push(`Note: ${err.hint}.`);
  if (err.attempts > 1 && err.detail) {
    parts.push(`The provider ${gaveUp(err.attempts, err.elapsedMs)}; run again later or raise max_retries in the provider block.`);
  }
  return parts.join(' ');
}

/** Runs a SCIM step and rethrows failures as diagnostics. */
export async function scimStep<T>(action: string, fn: () => Promise<T>, path?: AttributePath): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw scimDiagnostic(err, action, path);
  }
}
