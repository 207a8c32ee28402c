import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { emulatorAwsProviderConfig } from '../constructs/emulator-provider';

/**
 * The AWS provider for real AWS (credentials from the usual chain) or, with `endpoint`, for the
 * local emulator.
 */
export function awsProviderConfig(region: string, endpoint: string | undefined): AwsProviderConfig {
  return endpoint === undefined ? { region } : emulatorAwsProviderConfig({ endpoint, region });
}
