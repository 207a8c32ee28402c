import type { AttributePath } from '../../codec/path';
import type { ObjectValue, Value } from '../../codec/values';
import { DiagnosticError, error } from '../../framework/diagnostics';
import { SigningMaterialError } from '../../../saml/errors';
import { certificateForKey, generateSigningMaterial, loadSigningMaterial } from '../../../saml/keys';
import type { KeySource } from './key-source';

const known = (v: Value | undefined): v is string => typeof v === 'string';

export interface ResolvedSigning {
  readonly keyPem: string;
  readonly certificatePem: string;
  readonly source: KeySource;
}

/**
 * The signing pair an apply stores: the given pair; the given key with the planned (kept)
 * certificate or a new self-signed one; the planned (kept) generated pair; or a new RSA-2048
 * pair. Errors name the attribute and never quote the key.
 */
export async function resolveSigning(planned: ObjectValue, config: ObjectValue, now: Date, action: string): Promise<ResolvedSigning> {
  const commonName = new URL(planned.entity_id as string).hostname;
  const givenKey = config.signing_key_pem ?? null;
  const givenCert = config.signing_certificate_pem ?? null;
  const fail = (err: unknown, path: AttributePath): never => {
    if (err instanceof SigningMaterialError) throw new DiagnosticError(error(`${action}: unusable signing material`, err.message, path));
    throw err;
  };
  if (known(givenKey)) {
    if (known(givenCert)) {
      try {
        const m = loadSigningMaterial(givenKey, givenCert);
        return { keyPem: givenKey, certificatePem: m.certificatePem, source: 'config' };
      } catch (err) {
        return fail(err, ['signing_certificate_pem']);
      }
    }
    if (known(planned.certificate_pem)) return { keyPem: givenKey, certificatePem: planned.certificate_pem, source: 'config' };
    try {
      const m = await certificateForKey(givenKey, { commonName, now });
      return { keyPem: givenKey, certificatePem: m.certificatePem, source: 'config' };
    } catch (err) {
      return fail(err, ['signing_key_pem']);
    }
  }
  if (known(planned.signing_key_pem)) {
    // The generated key kept from the prior state.
    if (known(planned.certificate_pem)) return { keyPem: planned.signing_key_pem, certificatePem: planned.certificate_pem, source: 'generated' };
    try {
      const m = await certificateForKey(planned.signing_key_pem, { commonName, now });
      return { keyPem: planned.signing_key_pem, certificatePem: m.certificatePem, source: 'generated' };
    } catch (err) {
      return fail(err, ['signing_key_pem']);
    }
  }
  const m = await generateSigningMaterial({ commonName, now });
  return { keyPem: m.keyPem, certificatePem: m.certificatePem, source: 'generated' };
}
