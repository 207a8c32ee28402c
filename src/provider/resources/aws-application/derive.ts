import { type ObjectValue, type Value, UNKNOWN } from '../../codec/values';
import { DiagnosticError, error } from '../../framework/diagnostics';
import { SamlMetadataError, SigningMaterialError } from '../../../saml/errors';
import { buildIdpMetadata } from '../../../saml/idp-metadata';
import { readCertificate } from '../../../saml/keys';
import { assertHttpsUrl, chooseAcs, parseSpMetadata } from '../../../saml/sp-metadata';

/**
 * The computed attributes of `idemeum_aws_application` that follow from other attributes alone.
 * Plan and apply both use these functions, so a value shown in the plan is exactly what apply
 * stores (Terraform rejects any difference).
 */

const known = (v: Value | undefined): v is string => typeof v === 'string';

/**
 * The ACS idemeum posts responses to. IAM Identity Center's metadata lists one HTTP-POST ACS per
 * sign-in endpoint of the instance's Region and marks the primary one `isDefault`; we take that
 * one (else the lowest `index`, else the first in the document), so the choice is stable.
 */
export function spOutputs(spMetadataXml: string): { acs_url: string; sp_entity_id: string } {
  const md = parseSpMetadata(spMetadataXml);
  return { acs_url: chooseAcs(md).location, sp_entity_id: md.entityId };
}

/** The certificate in one canonical PEM layout, and its expiry (RFC 3339). */
export function certificateOutputs(certificatePem: string): { certificate_pem: string; certificate_expires_at: string; notAfter: Date } {
  const cert = readCertificate(certificatePem);
  return { certificate_pem: cert.toString('pem'), certificate_expires_at: cert.notAfter.toISOString(), notAfter: cert.notAfter };
}

interface Failure {
  readonly attribute: string;
  readonly message: string;
}

/** Messages of the SAML library's typed errors are safe to show; anything else is reported by kind only. */
function failure(attribute: string, err: unknown): Failure {
  const typed = err instanceof SamlMetadataError || err instanceof SigningMaterialError;
  return { attribute, message: typed ? err.message : `${attribute} could not be read (${err instanceof Error ? err.name : 'error'})` };
}

function urlFailure(attribute: string, value: string, label: string): Failure | undefined {
  try {
    assertHttpsUrl(value, label);
    return undefined;
  } catch (err) {
    return failure(attribute, err);
  }
}

/**
 * Fills the derived attributes of `target` from its inputs: known where every input is known and
 * parses, unknown otherwise (validate reports what does not parse). Returns the first step that
 * failed on known inputs, for apply to report.
 */
export function deriveOutputs(target: ObjectValue): Failure | undefined {
  let failed: Failure | undefined;
  target.acs_url = UNKNOWN;
  target.sp_entity_id = UNKNOWN;
  target.certificate_expires_at = UNKNOWN;
  target.idp_metadata_xml = UNKNOWN;
  if (known(target.sp_metadata_xml)) {
    try {
      Object.assign(target, spOutputs(target.sp_metadata_xml));
    } catch (err) {
      failed = failure('sp_metadata_xml', err);
    }
  }
  if (!known(target.certificate_pem)) return failed;
  let certificatePem: string;
  try {
    const out = certificateOutputs(target.certificate_pem);
    certificatePem = target.certificate_pem = out.certificate_pem;
    target.certificate_expires_at = out.certificate_expires_at;
  } catch (err) {
    // Plan the certificate as unknown rather than as text apply would store differently.
    target.certificate_pem = UNKNOWN;
    return failed ?? failure('signing_certificate_pem', err);
  }
  if (known(target.entity_id) && known(target.sso_url)) {
    // Each URL is checked on its own first, so a failure names its attribute.
    const badUrl = urlFailure('entity_id', target.entity_id, 'IdP entity id') ?? urlFailure('sso_url', target.sso_url, 'IdP SSO URL');
    if (badUrl) return failed ?? badUrl;
    try {
      target.idp_metadata_xml = buildIdpMetadata({ entityId: target.entity_id, ssoUrl: target.sso_url, certificatePem });
    } catch (err) {
      failed ??= failure('idp_metadata_xml', err);
    }
  }
  return failed;
}

/** Apply's version: every output must come out known; an input that does not parse is an error on its attribute. */
export function completeOutputs(target: ObjectValue, action: string): void {
  const failed = deriveOutputs(target);
  if (failed) {
    throw new DiagnosticError(error(`${action}: ${failed.attribute} cannot be used`, failed.message, [failed.attribute]));
  }
}
