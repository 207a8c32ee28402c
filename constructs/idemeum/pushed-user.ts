import { IResolvable, TerraformMetaArguments } from 'cdktf';
import { Construct } from 'constructs';
import { AttributeSpec } from './attributes';
import { IdemeumResource } from './resource-base';

/** Arguments of `resource "idemeum_pushed_user"`. */
export interface PushedUserResourceConfig extends TerraformMetaArguments {
  /** An email address; AWS `userName`. */
  readonly userName: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly familyName: string;
  /** @default - `user_name` */
  readonly email?: string;
  /** @default true */
  readonly active?: boolean;
  /** @default - none */
  readonly externalId?: string;
  /** `"delete"` or `"deactivate"`. @default "delete" */
  readonly deprovision?: string;
}

type Attrs = Omit<PushedUserResourceConfig, keyof TerraformMetaArguments>;
const SPEC: AttributeSpec<Attrs> = {
  userName: ['user_name', 'string'],
  displayName: ['display_name', 'string'],
  givenName: ['given_name', 'string'],
  familyName: ['family_name', 'string'],
  email: ['email', 'string'],
  active: ['active', 'bool'],
  externalId: ['external_id', 'string'],
  deprovision: ['deprovision', 'string'],
};

/** L1 binding of `idemeum_pushed_user`: a user pushed to AWS over SCIM. */
export class PushedUserResource extends IdemeumResource<Attrs> {
  public static readonly tfResourceType = 'idemeum_pushed_user';

  constructor(scope: Construct, id: string, config: PushedUserResourceConfig) {
    super(scope, id, PushedUserResource.tfResourceType, SPEC, config);
  }

  /** AWS user id (SCIM id = Identity Store UserId). */
  public get id(): string {
    return this.getStringAttribute('id');
  }
  public get userName(): string {
    return this.getStringAttribute('user_name');
  }
  public get email(): string {
    return this.getStringAttribute('email');
  }
  public get active(): boolean | IResolvable {
    return this.getBooleanAttribute('active');
  }
  public get deprovision(): string {
    return this.getStringAttribute('deprovision');
  }
}
