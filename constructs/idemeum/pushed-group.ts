import { TerraformMetaArguments } from 'cdktf';
import { Construct } from 'constructs';
import { AttributeSpec } from './attributes';
import { IdemeumResource } from './resource-base';

/** Arguments of `resource "idemeum_pushed_group"`. */
export interface PushedGroupResourceConfig extends TerraformMetaArguments {
  /** Unique in AWS; `Administrator` and `AWSAdministrators` are reserved. */
  readonly displayName: string;
  /** @default - none */
  readonly externalId?: string;
  /** AWS user ids. @default - no members */
  readonly members?: string[];
  /** Take over an existing AWS group with the same name. @default false */
  readonly adoptExisting?: boolean;
}

type Attrs = Omit<PushedGroupResourceConfig, keyof TerraformMetaArguments>;
const SPEC: AttributeSpec<Attrs> = {
  displayName: ['display_name', 'string'],
  externalId: ['external_id', 'string'],
  members: ['members', 'stringSet'],
  adoptExisting: ['adopt_existing', 'bool'],
};

/** L1 binding of `idemeum_pushed_group`: a group (and its members) pushed to AWS over SCIM. */
export class PushedGroupResource extends IdemeumResource<Attrs> {
  public static readonly tfResourceType = 'idemeum_pushed_group';

  constructor(scope: Construct, id: string, config: PushedGroupResourceConfig) {
    super(scope, id, PushedGroupResource.tfResourceType, SPEC, config);
  }

  /** AWS group id; stable across rename and membership changes. */
  public get id(): string {
    return this.getStringAttribute('id');
  }
  public get displayName(): string {
    return this.getStringAttribute('display_name');
  }
  public get memberCount(): number {
    return this.getNumberAttribute('member_count');
  }
}
