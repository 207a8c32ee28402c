import type { ObjectValue } from '../codec/values';
import type { ProviderContext, ResourceType } from '../framework/resource';
import { DEFAULT_SESSION_DURATION } from '../../saml/duration';
import { lazy } from '../lazy';
import { keySourcePrivate } from './aws-application/key-source';
import { TYPE } from './aws-application/type-name';

// These pull in the SAML, XML and X.509 libraries: loaded on first use, not when Terraform
// only asks for the schema (see ../lazy.ts).
const derive = lazy(() => require('./aws-application/derive') as typeof import('./aws-application/derive'));
const material = lazy(() => require('./aws-application/material') as typeof import('./aws-application/material'));
const plan = lazy(() => require('./aws-application/plan') as typeof import('./aws-application/plan'));
const checks = lazy(() => require('./aws-application/validate') as typeof import('./aws-application/validate'));

/**
 * `idemeum_aws_application`: the AWS tile in idemeum and its SAML trust with IAM Identity Center.
 * It lives on idemeum's side, so its whole state is in Terraform: nothing is called remotely.
 * Outputs that follow from the configuration (acs_url, sp_entity_id, idp_metadata_xml and, for a
 * given certificate, certificate_pem/certificate_expires_at) are computed at plan time; a
 * generated signing key is created at apply and kept. Every change updates in place.
 */

/** The state apply stores: the planned values with the signing pair and every output filled in. */
async function applyState(planned: ObjectValue, config: ObjectValue, id: string, ctx: ProviderContext, action: string) {
  const state: ObjectValue = { ...planned };
  // Values unknown at plan time come from the (now wholly known) configuration.
  for (const [k, v] of Object.entries(config)) if (v !== null) state[k] = v;
  const signing = await material().resolveSigning(state, config, ctx.clock.now(), action);
  Object.assign(state, { id, signing_key_pem: signing.keyPem, certificate_pem: signing.certificatePem });
  derive().completeOutputs(state, action);
  return { state, private: keySourcePrivate(signing.source) };
}

export const awsApplication: ResourceType = {
  typeName: TYPE,
  schema: {
    version: 0,
    description:
      "The AWS application in idemeum: IAM Identity Center's SP metadata in, the IdP metadata to upload to AWS out, plus who is entitled to the AWS tile.",
    attributes: {
      id: { type: 'string', computed: true },
      sp_metadata_xml: {
        type: 'string',
        required: true,
        description: 'The SP metadata downloaded from IAM Identity Center; changes update in place.',
      },
      entity_id: { type: 'string', required: true, description: 'IdP entity id (the idemeum tenant).' },
      sso_url: { type: 'string', required: true, description: 'IdP SSO URL.' },
      signing_key_pem: {
        type: 'string',
        optional: true,
        computed: true,
        sensitive: true,
        description: 'PEM RSA signing key (≥ 2048 bits). Generated (RSA-2048) and kept in state when not given; remove a given key to have one generated.',
      },
      signing_certificate_pem: {
        type: 'string',
        optional: true,
        description: 'PEM certificate of signing_key_pem. Default: a self-signed certificate (10 years) for the key.',
      },
      session_duration: {
        type: 'string',
        optional: true,
        computed: true,
        default: DEFAULT_SESSION_DURATION,
        description: 'ISO-8601 PT1H…PT12H.',
      },
      sign: { type: 'string', optional: true, computed: true, default: 'assertion', description: '"assertion", "response" or "both".' },
      attribute_mappings: { type: ['map', 'string'], optional: true, description: 'AccessControl attribute name → user field (e.g. "userName", "department").' },
      entitled_user_ids: { type: ['set', 'string'], optional: true, description: 'AWS user ids entitled to the AWS tile.' },
      entitled_group_ids: { type: ['set', 'string'], optional: true, description: 'AWS group ids whose members are entitled.' },
      acs_url: {
        type: 'string',
        computed: true,
        description: 'The ACS responses are posted to: the default HTTP-POST ACS of the SP metadata (else the lowest index).',
      },
      sp_entity_id: { type: 'string', computed: true, description: 'The Audience of responses (the SP entityID).' },
      idp_metadata_xml: { type: 'string', computed: true, description: 'Upload to AWS (or PUT /_fake/saml/idp-metadata on the emulator).' },
      certificate_pem: { type: 'string', computed: true, description: 'The certificate responses are signed with.' },
      certificate_expires_at: { type: 'string', computed: true, description: 'RFC 3339; plans warn 30 days before.' },
    },
  },

  validate({ config }) {
    return checks().validateConfig(config);
  },

  modifyPlan(req, draft, ctx) {
    plan().planApplication(req, draft, ctx.clock.now());
  },

  async create({ planned, config }, ctx) {
    return applyState(planned, config, ctx.newId(), ctx, `creating ${TYPE}`);
  },

  async read({ state }) {
    // Nothing remote to compare with; only the expiry is re-derived from the stored certificate.
    if (typeof state.certificate_pem !== 'string') return { state };
    try {
      return { state: { ...state, certificate_expires_at: derive().certificateOutputs(state.certificate_pem).certificate_expires_at } };
    } catch {
      return { state };
    }
  },

  async update({ prior, planned, config }, ctx) {
    return applyState(planned, config, prior.id as string, ctx, `updating ${TYPE}`);
  },

  // The application exists only in this state: removing it forgets the key; nothing to call.
  async delete() {},
};
