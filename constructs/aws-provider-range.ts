import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** The hashicorp/aws versions our stacks accept (DESIGN §5). */
export const AWS_PROVIDER_VERSION_RANGE = '>= 5.100, < 7';

/**
 * @cdktf/provider-aws pins the exact version it was generated from; our constructs only use
 * resources that are stable across 5.100–6.x, so widen the constraint for every stack using them.
 */
export function acceptAwsProviderRange(scope: IConstruct): void {
  TerraformStack.of(scope).addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_VERSION_RANGE);
}
