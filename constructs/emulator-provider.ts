import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { EMULATOR_ACCESS_KEY_ID, EMULATOR_SECRET_ACCESS_KEY } from '../src/emulator-credentials';

export interface EmulatorAwsProviderOptions {
  /** The emulator's `endpoint` (`mock-aws` prints it; `startEmulator()` returns it), e.g. `http://127.0.0.1:4566`. */
  readonly endpoint: string;
  /** @default 'us-east-1' (the emulator's default region) */
  readonly region?: string;
}

/**
 * `new AwsProvider(stack, 'aws', emulatorAwsProviderConfig({ endpoint }))`: the AWS provider
 * settings that send every API the constructs use (SSO Admin, Identity Store, Organizations, STS)
 * to the local emulator with fake static credentials, and skip the checks that would otherwise
 * reach AWS (credential validation, account id lookup, instance metadata, region list).
 * A stack that keeps its real-AWS provider block can instead be pointed at the emulator from the
 * environment (`mock-aws --env-file`, or `idemeum-aws-sso/testing`).
 */
export function emulatorAwsProviderConfig(options: EmulatorAwsProviderOptions): AwsProviderConfig {
  const { endpoint } = options;
  return {
    region: options.region ?? 'us-east-1',
    accessKey: EMULATOR_ACCESS_KEY_ID,
    secretKey: EMULATOR_SECRET_ACCESS_KEY,
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
    skipRegionValidation: true,
    endpoints: [{ ssoadmin: endpoint, identitystore: endpoint, organizations: endpoint, sts: endpoint }],
  };
}
