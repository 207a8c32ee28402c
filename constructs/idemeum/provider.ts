import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AttributeSpec, synthesizeHcl, synthesizeJson } from './attributes';
import { IDEMEUM_GENERATOR_METADATA, IDEMEUM_PROVIDER_SOURCE } from './version';

/** Configuration of `provider "idemeum"` (docs/provider-schema.md). */
export interface IdemeumProviderConfig {
  /**
   * AWS SCIM base URL, `https://scim.<region>.amazonaws.com/<tenant>/scim/v2`.
   * @default - the provider reads IDEMEUM_SCIM_ENDPOINT
   */
  readonly scimEndpoint?: string;
  /**
   * SCIM bearer token. Pass a sensitive TerraformVariable, never a literal: literals are written
   * to cdk.tf.json.
   * @default - the provider reads IDEMEUM_SCIM_TOKEN at plan time, so the token never reaches the synthesized files
   */
  readonly scimToken?: string;
  /**
   * Per-request timeout, Go duration syntax.
   * @default "30s"
   */
  readonly requestTimeout?: string;
  /**
   * Retries on 429, 5xx and connection resets.
   * @default 8
   */
  readonly maxRetries?: number;
  /**
   * SCIM read calls per second per API the provider allows itself; lower it when other clients
   * share the identity store's quota.
   * @default 40 (AWS's quota)
   */
  readonly scimReadsPerSecond?: number;
  /**
   * SCIM write calls per second per API the provider allows itself.
   * @default 25 (AWS's quota)
   */
  readonly scimWritesPerSecond?: number;
  /**
   * Provider alias, for a second SCIM tenant in one stack.
   * @default - the default (unaliased) configuration
   */
  readonly alias?: string;
}

type Attrs = Omit<IdemeumProviderConfig, 'alias'>;
const SPEC: AttributeSpec<Attrs> = {
  scimEndpoint: ['scim_endpoint', 'string'],
  scimToken: ['scim_token', 'string'],
  requestTimeout: ['request_timeout', 'string'],
  maxRetries: ['max_retries', 'number'],
  scimReadsPerSecond: ['scim_reads_per_second', 'number'],
  scimWritesPerSecond: ['scim_writes_per_second', 'number'],
};

/** L1 binding of `provider "idemeum"`, source idemeum/idemeum. */
export class IdemeumProvider extends TerraformProvider {
  public static readonly tfResourceType = 'idemeum';

  /**
   * The stack's default idemeum provider, created (configured from the environment) when the
   * stack has none yet. L2s call this so a stack never ends up with resources of an
   * unconfigured provider, which terraform would resolve to the nonexistent hashicorp/idemeum.
   */
  public static of(scope: Construct): IdemeumProvider {
    const stack = TerraformStack.of(scope);
    return findDefault(stack) ?? new IdemeumProvider(stack, 'idemeum');
  }

  private readonly config: Attrs;
  private readonly providerAlias?: string;

  constructor(scope: Construct, id: string, config: IdemeumProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'idemeum',
      terraformGeneratorMetadata: IDEMEUM_GENERATOR_METADATA,
      terraformProviderSource: IDEMEUM_PROVIDER_SOURCE,
    });
    if (config.alias === undefined) {
      const existing = findDefault(TerraformStack.of(this), this);
      if (existing) {
        throw new Error(
          `${this.node.path}: the stack already has a default idemeum provider at ${existing.node.path}; ` +
            'create the provider (or the ScimLink) before the constructs that use it, or give this one an alias',
        );
      }
    }
    const { alias, ...attrs } = config;
    this.config = attrs;
    this.providerAlias = alias;
  }

  public get alias(): string | undefined {
    return this.providerAlias;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return synthesizeJson(SPEC, this.config);
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return synthesizeHcl(SPEC, this.config);
  }
}

function findDefault(stack: TerraformStack, except?: IdemeumProvider): IdemeumProvider | undefined {
  return stack.node
    .findAll()
    .find((c): c is IdemeumProvider => c instanceof IdemeumProvider && c !== except && c.alias === undefined);
}
