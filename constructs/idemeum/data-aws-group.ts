import { TerraformMetaArguments } from 'cdktf';
import { Construct } from 'constructs';
import { AttributeSpec } from './attributes';
import { IdemeumDataSource } from './resource-base';

/** Arguments of `data "idemeum_aws_group"`. */
export interface DataIdemeumAwsGroupConfig extends TerraformMetaArguments {
  readonly displayName: string;
  /** How long to wait for the group to appear, Go duration syntax. @default "2m" */
  readonly timeout?: string;
}

type Attrs = Omit<DataIdemeumAwsGroupConfig, keyof TerraformMetaArguments>;
const SPEC: AttributeSpec<Attrs> = {
  displayName: ['display_name', 'string'],
  timeout: ['timeout', 'string'],
};

/** L1 binding of `data "idemeum_aws_group"`: waits for a group pushed outside the stack. */
export class DataIdemeumAwsGroup extends IdemeumDataSource<Attrs> {
  public static readonly tfResourceType = 'idemeum_aws_group';

  constructor(scope: Construct, id: string, config: DataIdemeumAwsGroupConfig) {
    super(scope, id, DataIdemeumAwsGroup.tfResourceType, SPEC, config);
  }

  /** AWS group id. */
  public get id(): string {
    return this.getStringAttribute('id');
  }
  public get externalId(): string {
    return this.getStringAttribute('external_id');
  }
}
