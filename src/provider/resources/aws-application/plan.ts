import { type Value, UNKNOWN } from '../../codec/values';
import type { PlanDraft, PlanRequest } from '../../framework/resource';
import { deriveOutputs } from './derive';
import { type CertificateOrigin, certificateExpiryDiagnostics } from './expiry';
import { readKeySource } from './key-source';

const known = (v: Value | undefined): v is string => typeof v === 'string';

/**
 * The plan of `idemeum_aws_application` on top of the framework's: every output that follows
 * from the configuration is computed now (so the plan shows real values and the next plan is
 * empty); the key and a generated certificate are kept from the prior state unless their inputs
 * changed; the certificate's expiry is judged against `now`.
 */
export function planApplication(req: PlanRequest, draft: PlanDraft, now: Date): void {
  const { prior, config, priorPrivate } = req;
  const p = draft.planned;

  // The user removed the key they had given: that is how they ask for a generated pair.
  if (prior && (config.signing_key_pem ?? null) === null && readKeySource(priorPrivate) === 'config') p.signing_key_pem = UNKNOWN;

  const givenCert = config.signing_certificate_pem ?? null;
  if (givenCert !== null) {
    p.certificate_pem = givenCert;
  } else {
    // A generated certificate stays while it was generated for the very key that is planned.
    const keep =
      prior !== null &&
      (prior.signing_certificate_pem ?? null) === null &&
      known(p.signing_key_pem) &&
      p.signing_key_pem === prior.signing_key_pem &&
      known(prior.certificate_pem);
    p.certificate_pem = keep ? prior.certificate_pem : UNKNOWN;
  }

  deriveOutputs(p);

  if (!known(p.certificate_expires_at)) return;
  const origin: CertificateOrigin = givenCert !== null ? 'given' : typeof config.signing_key_pem === 'string' ? 'generated-for-given-key' : 'generated';
  draft.diagnostics.push(...certificateExpiryDiagnostics(new Date(p.certificate_expires_at), now, origin));
}
