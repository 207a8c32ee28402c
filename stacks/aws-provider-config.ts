import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';

/**
 * The AWS provider for real AWS (credentials from the usual chain) or, with `endpoint`, for the
 * local emulator: fake static credentials and every API the stack touches sent to it.
 */
export function awsProviderConfig(region: string, endpoint: string | undefined): AwsProviderConfig {
  if (endpoint === undefined) return { region };
  return {
    region,
    // the emulator checks the SigV4 shape, not the secret; these are not real credentials.
    accessKey: 'AKIDEMULATOR00000000',
    secretKey: 'emulator-secret-not-a-credential',
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
    skipRegionValidation: true,
    endpoints: [{ ssoadmin: endpoint, identitystore: endpoint, organizations: endpoint, sts: endpoint }],
  };
}
