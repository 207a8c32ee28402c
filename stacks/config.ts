import type { SsoGrantSpec, SsoPermissionSetSpec } from '../constructs/idemeum-aws-sso-props';
import type { PushedUserProps } from '../constructs/pushed-user';

/** The accounts of the example organization, by role. */
export interface ExampleAccounts {
  readonly production: string;
  readonly staging: string;
  /** @default - no sandbox account */
  readonly sandbox?: string;
}

/** The example organization's organizational units a grant targets. */
export interface ExampleOrganizationalUnits {
  /**
   * The OU holding every account but production (`ou-…`): Engineering's PowerUserAccess follows it,
   * so an account moved into it gets the grant on the next apply.
   * @default - no OU: Engineering gets PowerUserAccess on staging and sandbox by account id
   */
  readonly nonProduction?: string;
}

/** Everything the example stack needs from its environment; see stacks/example.config.ts. */
export interface ExampleStackConfig {
  /** AWS region of the Identity Center instance. */
  readonly region: string;
  /**
   * Send every AWS API call (SSO Admin, Identity Store, STS) to this URL with fake credentials:
   * the local emulator. Unset for real AWS.
   * @default - real AWS, credentials from the usual AWS provider chain
   */
  readonly awsEndpoint?: string;
  /** @default - looked up with data "aws_ssoadmin_instances" */
  readonly instanceArn?: string;
  readonly scim: {
    /** @default - the provider reads IDEMEUM_SCIM_ENDPOINT */
    readonly endpoint?: string;
    /** RFC 3339 date the token was generated. The token itself only ever comes from IDEMEUM_SCIM_TOKEN. */
    readonly tokenIssuedAt: string;
  };
  readonly idemeum: {
    /** IdP entity id, your tenant URL. */
    readonly entityId: string;
    readonly ssoUrl: string;
  };
  /** SP metadata XML from Identity Center; takes precedence over spMetadataFile. */
  readonly spMetadataXml?: string;
  /** Path of the SP metadata file downloaded from Identity Center, relative to the working directory. */
  readonly spMetadataFile?: string;
  readonly accounts: ExampleAccounts;
  /** @default - none */
  readonly organizationalUnits?: ExampleOrganizationalUnits;
  readonly users: readonly PushedUserProps[];
  /**
   * The permission sets, by name.
   * @default - examplePermissionSets(): AdministratorAccess, PowerUserAccess, ReadOnlyAccess
   */
  readonly permissionSets?: readonly SsoPermissionSetSpec[];
  /**
   * Which groups get which permission set where.
   * @default - exampleGrants(accounts, organizationalUnits): the integration guide's grants
   */
  readonly grants?: readonly SsoGrantSpec[];
  /** Group display name → member user names. Must define Admins, Engineering and Auditors. */
  readonly groupMembers: Readonly<Record<'Admins' | 'Engineering' | 'Auditors', readonly string[]>>;
}

/** Thrown when the environment overrides cannot be understood. */
export class ExampleConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExampleConfigError';
  }
}

/**
 * Applies environment overrides so the same stack can target real AWS or the emulator:
 * IDEMEUM_AWS_ENDPOINT, IDEMEUM_AWS_REGION, IDEMEUM_INSTANCE_ARN, IDEMEUM_SCIM_ENDPOINT,
 * IDEMEUM_SCIM_TOKEN_ISSUED_AT, IDEMEUM_SP_METADATA_FILE, IDEMEUM_AWS_ACCOUNTS (`production=111111111111,staging=…`)
 * and IDEMEUM_AWS_NON_PRODUCTION_OU (`ou-…`).
 * The SCIM token is deliberately absent: the provider reads IDEMEUM_SCIM_TOKEN at plan time.
 */
export function withEnvironment(base: ExampleStackConfig, env: NodeJS.ProcessEnv): ExampleStackConfig {
  return {
    ...base,
    region: env.IDEMEUM_AWS_REGION || base.region,
    awsEndpoint: env.IDEMEUM_AWS_ENDPOINT || base.awsEndpoint,
    instanceArn: env.IDEMEUM_INSTANCE_ARN || base.instanceArn,
    scim: {
      ...base.scim,
      endpoint: env.IDEMEUM_SCIM_ENDPOINT || base.scim.endpoint,
      tokenIssuedAt: env.IDEMEUM_SCIM_TOKEN_ISSUED_AT || base.scim.tokenIssuedAt,
    },
    spMetadataFile: env.IDEMEUM_SP_METADATA_FILE || base.spMetadataFile,
    spMetadataXml: env.IDEMEUM_SP_METADATA_FILE ? undefined : base.spMetadataXml,
    accounts: env.IDEMEUM_AWS_ACCOUNTS ? parseAccounts(env.IDEMEUM_AWS_ACCOUNTS, base.accounts) : base.accounts,
    organizationalUnits: env.IDEMEUM_AWS_NON_PRODUCTION_OU
      ? { ...base.organizationalUnits, nonProduction: env.IDEMEUM_AWS_NON_PRODUCTION_OU }
      : base.organizationalUnits,
  };
}

const ROLES: readonly (keyof ExampleAccounts)[] = ['production', 'staging', 'sandbox'];

export function parseAccounts(text: string, base: ExampleAccounts): ExampleAccounts {
  const out: Record<string, string> = { ...base };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [role, id, ...rest] = part.split('=').map((p) => p.trim());
    if (!ROLES.includes(role as keyof ExampleAccounts) || !id || rest.length > 0) {
      throw new ExampleConfigError(
        `IDEMEUM_AWS_ACCOUNTS entry "${part}" is invalid; expected role=accountId with role one of ${ROLES.join(', ')}, e.g. "production=111111111111,staging=222222222222"`,
      );
    }
    out[role] = id;
  }
  return out as unknown as ExampleAccounts;
}
