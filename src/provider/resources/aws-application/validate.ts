import { type ObjectValue, type Value, isObjectValue, isUnknown } from '../../codec/values';
import { type Diagnostic, error } from '../../framework/diagnostics';
import { parseSessionDuration } from '../../../saml/duration';
import { SamlConfigError, SamlMetadataError, SigningMaterialError } from '../../../saml/errors';
import { loadSigningMaterial, readCertificate, readPrivateKey } from '../../../saml/keys';
import { TAG_KEY } from '../../../saml/response';
import { SIGN_MODES } from '../../../saml/sign';
import { assertHttpsUrl, parseSpMetadata } from '../../../saml/sp-metadata';
import { LIMITS } from '../../../saml/urn';
import { TYPE } from './type-name';

/**
 * Config checks of `idemeum_aws_application`, one rule per attribute, run at validate time so a
 * mistake shows at plan on the right attribute. Unknown values are skipped (checked at apply).
 * No message ever quotes `signing_key_pem`.
 */

export { TYPE };
const SUMMARY = `Invalid ${TYPE}`;

/** A user field an AccessControl attribute reads: `userName` or a profile field name. */
const USER_FIELD = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;

export const SP_METADATA_HELP =
  'Download the SP metadata file from IAM Identity Center → Settings → Identity source → Actions → Change identity source → External identity provider, and pass its contents unchanged';

const known = (v: Value): v is string => typeof v === 'string';

interface Rule {
  readonly attribute: string;
  /** Returns the problem with a known value, or undefined. */
  readonly check: (value: Value, config: ObjectValue) => string | undefined;
}

function reason(err: unknown, what: string): string {
  if (err instanceof SamlMetadataError || err instanceof SamlConfigError || err instanceof SigningMaterialError) return err.message;
  // Unexpected parser failures are reported by kind only: their text may quote the input.
  return `${what} could not be read (${err instanceof Error ? err.name : 'error'})`;
}

function attempt(fn: () => unknown, what: string): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return reason(err, what);
  }
}

function urlRule(attribute: string, label: string, example: string): Rule {
  return {
    attribute,
    check: (v) => {
      if (!known(v)) return undefined;
      const problem = attempt(() => assertHttpsUrl(v, label), attribute);
      return problem && `${problem}; use your idemeum tenant's ${label}, e.g. "${example}" (http:// only for 127.0.0.1/localhost, the local emulator)`;
    },
  };
}

export const RULES: readonly Rule[] = [
  {
    attribute: 'sp_metadata_xml',
    check: (v) => {
      if (!known(v)) return undefined;
      const problem = attempt(() => parseSpMetadata(v), 'the SP metadata');
      return problem && `${problem}. ${SP_METADATA_HELP}`;
    },
  },
  urlRule('entity_id', 'IdP entity id', 'https://acme.idemeum.com/saml/aws'),
  urlRule('sso_url', 'IdP SSO URL', 'https://acme.idemeum.com/saml/aws/sso'),
  {
    attribute: 'session_duration',
    check: (v) => (known(v) ? attempt(() => parseSessionDuration(v), 'session_duration') : undefined),
  },
  {
    attribute: 'sign',
    check: (v) =>
      known(v) && !(SIGN_MODES as readonly string[]).includes(v)
        ? `sign must be one of ${SIGN_MODES.map((m) => `"${m}"`).join(', ')}, got "${v}"`
        : undefined,
  },
  {
    attribute: 'signing_key_pem',
    check: (v) => {
      if (!known(v)) return undefined;
      const problem = attempt(() => readPrivateKey(v), 'signing_key_pem');
      return problem && `${problem}; give a PEM RSA key of at least 2048 bits, or omit signing_key_pem to have one generated`;
    },
  },
  {
    attribute: 'signing_certificate_pem',
    check: (v, c) => {
      if (!known(v)) return undefined;
      const key = c.signing_key_pem;
      if (key === null) {
        return 'signing_certificate_pem is set without signing_key_pem: idemeum cannot sign with a certificate alone; set signing_key_pem to the key of this certificate, or remove both to have a pair generated';
      }
      // A key that does not parse is reported on signing_key_pem; here only the certificate itself.
      if (!known(key) || attempt(() => readPrivateKey(key), 'signing_key_pem')) return attempt(() => readCertificate(v), 'signing_certificate_pem');
      return attempt(() => loadSigningMaterial(key, v), 'the signing key and certificate');
    },
  },
  {
    attribute: 'attribute_mappings',
    check: (v) => {
      if (!isObjectValue(v)) return undefined;
      const entries = Object.entries(v);
      if (entries.length > LIMITS.accessControlAttributes) {
        return `attribute_mappings has ${entries.length} entries; AWS accepts at most ${LIMITS.accessControlAttributes} AccessControl attributes, remove some`;
      }
      for (const [name, field] of entries) {
        if (!TAG_KEY.test(name)) {
          return `attribute_mappings key "${name}" is not a valid AccessControl attribute name: AWS tag keys are 1–128 letters, digits, spaces and _.:/=+-@`;
        }
        if (known(field) && !USER_FIELD.test(field)) {
          return `attribute_mappings["${name}"] = "${field}" is not a user field name: use "userName" or a profile field such as "department" (a letter, then letters, digits, _.:-)`;
        }
      }
      return undefined;
    },
  },
  ...['entitled_user_ids', 'entitled_group_ids'].map(
    (attribute): Rule => ({
      attribute,
      check: (v) => {
        if (!Array.isArray(v)) return undefined;
        const bad = v.find((id) => known(id) && (id.trim() === '' || id.trim() !== id));
        return bad === undefined ? undefined : `${attribute} holds "${bad as string}", which is not an AWS id; reference the id of an idemeum_pushed_user/idemeum_pushed_group`;
      },
    }),
  ),
];

/** Every problem at once, each on its attribute. */
export function validateConfig(config: ObjectValue): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of RULES) {
    const v = config[rule.attribute] ?? null;
    if (v === null || isUnknown(v)) continue;
    const problem = rule.check(v, config);
    if (problem) out.push(error(SUMMARY, problem, [rule.attribute]));
  }
  return out;
}
