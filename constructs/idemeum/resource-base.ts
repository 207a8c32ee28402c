import { TerraformDataSource, TerraformMetaArguments, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { AttributeSpec, synthesizeHcl, synthesizeJson } from './attributes';
import { IDEMEUM_GENERATOR_METADATA } from './version';

function metaArguments(config: TerraformMetaArguments) {
  return {
    provider: config.provider,
    dependsOn: config.dependsOn,
    count: config.count,
    lifecycle: config.lifecycle,
    provisioners: config.provisioners,
    connection: config.connection,
    forEach: config.forEach,
  };
}

function attributesOnly<C extends object>(spec: AttributeSpec<C>, config: C): C {
  const out: Partial<C> = {};
  for (const key of Object.keys(spec) as (keyof C)[]) out[key] = config[key];
  return out as C;
}

/** Shared plumbing of the hand-written `idemeum_*` resource bindings. */
export abstract class IdemeumResource<C extends object> extends TerraformResource {
  private readonly attributes: C;

  protected constructor(
    scope: Construct,
    id: string,
    type: string,
    private readonly spec: AttributeSpec<C>,
    config: C & TerraformMetaArguments,
  ) {
    super(scope, id, { terraformResourceType: type, terraformGeneratorMetadata: IDEMEUM_GENERATOR_METADATA, ...metaArguments(config) });
    this.attributes = attributesOnly(spec, config);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return synthesizeJson(this.spec, this.attributes);
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return synthesizeHcl(this.spec, this.attributes);
  }
}

/** Shared plumbing of the hand-written `idemeum_*` data source bindings. */
export abstract class IdemeumDataSource<C extends object> extends TerraformDataSource {
  private readonly attributes: C;

  protected constructor(
    scope: Construct,
    id: string,
    type: string,
    private readonly spec: AttributeSpec<C>,
    config: C & TerraformMetaArguments,
  ) {
    super(scope, id, { terraformResourceType: type, terraformGeneratorMetadata: IDEMEUM_GENERATOR_METADATA, ...metaArguments(config) });
    this.attributes = attributesOnly(spec, config);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return synthesizeJson(this.spec, this.attributes);
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return synthesizeHcl(this.spec, this.attributes);
  }
}
