import { TerraformMetaArguments } from 'cdktf';
import { Construct } from 'constructs';
import { AttributeSpec } from './attributes';
import { IdemeumResource } from './resource-base';

/** Arguments of `resource "idemeum_scim_link"`. */
export interface ScimLinkResourceConfig extends TerraformMetaArguments {
  /** RFC 3339 date the SCIM token was generated in the AWS console. */
  readonly tokenIssuedAt: string;
  /** @default 365 */
  readonly tokenValidityDays?: number;
  /** @default 30 */
  readonly expiryWarningDays?: number;
}

type Attrs = Omit<ScimLinkResourceConfig, keyof TerraformMetaArguments>;
const SPEC: AttributeSpec<Attrs> = {
  tokenIssuedAt: ['token_issued_at', 'string'],
  tokenValidityDays: ['token_validity_days', 'number'],
  expiryWarningDays: ['expiry_warning_days', 'number'],
};

/** L1 binding of `idemeum_scim_link`: the SCIM endpoint and the life of its token. */
export class ScimLinkResource extends IdemeumResource<Attrs> {
  public static readonly tfResourceType = 'idemeum_scim_link';

  constructor(scope: Construct, id: string, config: ScimLinkResourceConfig) {
    super(scope, id, ScimLinkResource.tfResourceType, SPEC, config);
  }

  /** The SCIM endpoint (never the token). */
  public get id(): string {
    return this.getStringAttribute('id');
  }
  public get tokenExpiresAt(): string {
    return this.getStringAttribute('token_expires_at');
  }
  public get daysUntilExpiry(): number {
    return this.getNumberAttribute('days_until_expiry');
  }
}
