import { TerraformMetaArguments } from 'cdktf';
import { Construct } from 'constructs';
import { AttributeSpec } from './attributes';
import { IdemeumResource } from './resource-base';

/** Arguments of `resource "idemeum_aws_application"`. */
export interface AwsApplicationResourceConfig extends TerraformMetaArguments {
  /** SP metadata downloaded from IAM Identity Center. */
  readonly spMetadataXml: string;
  /** IdP entity id (the idemeum tenant). */
  readonly entityId: string;
  /** IdP SSO URL. */
  readonly ssoUrl: string;
  /** @default - an RSA-2048 key generated and kept in state */
  readonly signingKeyPem?: string;
  /** @default - a self-signed certificate for the signing key */
  readonly signingCertificatePem?: string;
  /** ISO-8601, PT1H…PT12H. @default "PT8H" */
  readonly sessionDuration?: string;
  /** `"assertion"`, `"response"` or `"both"`. @default "assertion" */
  readonly sign?: string;
  /** `AccessControl` attribute name → user field. @default - none */
  readonly attributeMappings?: Record<string, string>;
  /** AWS user ids entitled to the AWS tile. @default - none */
  readonly entitledUserIds?: string[];
  /** AWS group ids whose members are entitled. @default - none */
  readonly entitledGroupIds?: string[];
}

type Attrs = Omit<AwsApplicationResourceConfig, keyof TerraformMetaArguments>;
const SPEC: AttributeSpec<Attrs> = {
  spMetadataXml: ['sp_metadata_xml', 'string'],
  entityId: ['entity_id', 'string'],
  ssoUrl: ['sso_url', 'string'],
  signingKeyPem: ['signing_key_pem', 'string'],
  signingCertificatePem: ['signing_certificate_pem', 'string'],
  sessionDuration: ['session_duration', 'string'],
  sign: ['sign', 'string'],
  attributeMappings: ['attribute_mappings', 'stringMap'],
  entitledUserIds: ['entitled_user_ids', 'stringSet'],
  entitledGroupIds: ['entitled_group_ids', 'stringSet'],
};

/** L1 binding of `idemeum_aws_application`: the AWS tile in idemeum and its SAML trust. */
export class AwsApplicationResource extends IdemeumResource<Attrs> {
  public static readonly tfResourceType = 'idemeum_aws_application';

  constructor(scope: Construct, id: string, config: AwsApplicationResourceConfig) {
    super(scope, id, AwsApplicationResource.tfResourceType, SPEC, config);
  }

  public get id(): string {
    return this.getStringAttribute('id');
  }
  public get acsUrl(): string {
    return this.getStringAttribute('acs_url');
  }
  public get spEntityId(): string {
    return this.getStringAttribute('sp_entity_id');
  }
  /** Upload to AWS (or `PUT /_fake/saml/idp-metadata` on the emulator). */
  public get idpMetadataXml(): string {
    return this.getStringAttribute('idp_metadata_xml');
  }
  public get certificatePem(): string {
    return this.getStringAttribute('certificate_pem');
  }
  public get certificateExpiresAt(): string {
    return this.getStringAttribute('certificate_expires_at');
  }
}
