import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IdemeumAwsSso } from '../constructs/idemeum-aws-sso';
import { ManagedPolicy } from '../constructs/managed-policy';
import { PolicyDocument } from '../constructs/policy-document';
import { SessionDuration } from '../constructs/session-duration';
import { SpMetadata } from '../constructs/sp-metadata';
import { awsProviderConfig } from './aws-provider-config';
import type { SsoGrantSpec, SsoPermissionSetSpec } from '../constructs/idemeum-aws-sso-props';
import { ExampleAccounts, ExampleConfigError, ExampleOrganizationalUnits, ExampleStackConfig } from './config';

/** Engineers may hand roles to services they deploy, but only the application roles. */
const ENGINEERING_INLINE_POLICY = PolicyDocument.fromObject({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PassApplicationRoles',
      Effect: 'Allow',
      Action: ['iam:GetRole', 'iam:PassRole'],
      Resource: 'arn:aws:iam::*:role/app-*',
    },
  ],
});

/**
 * The integration guide as code: Admins get AdministratorAccess everywhere, Engineering gets
 * PowerUserAccess (plus passing application roles) outside production, on every active account of
 * the non-production OU, and ReadOnlyAccess in production, Auditors get ReadOnlyAccess everywhere;
 * everyone in those groups sees the AWS tile.
 */
export class ExampleStack extends TerraformStack {
  public readonly sso: IdemeumAwsSso;

  constructor(scope: Construct, id: string, config: ExampleStackConfig) {
    super(scope, id);
    new AwsProvider(this, 'aws', awsProviderConfig(config.region, config.awsEndpoint));

    this.sso = new IdemeumAwsSso(this, 'Sso', {
      instanceArn: config.instanceArn,
      scim: { endpoint: config.scim.endpoint, tokenIssuedAt: config.scim.tokenIssuedAt },
      application: {
        spMetadata: spMetadata(config),
        entityId: config.idemeum.entityId,
        ssoUrl: config.idemeum.ssoUrl,
        sessionDuration: SessionDuration.hours(8),
      },
      users: [...config.users],
      groups: Object.entries(config.groupMembers).map(([displayName, members]) => ({ displayName, members: [...members] })),
      permissionSets: [...(config.permissionSets ?? examplePermissionSets())],
      grants: [...(config.grants ?? exampleGrants(config.accounts, config.organizationalUnits))],
    });

    new TerraformOutput(this, 'idp_metadata_xml', {
      value: this.sso.application!.idpMetadataXml,
      description: 'upload to IAM Identity Center as the external IdP metadata',
    });
    new TerraformOutput(this, 'scim_token_expires_at', { value: this.sso.scimLink!.tokenExpiresAt });
    new TerraformOutput(this, 'instance_arn', { value: this.sso.instance.instanceArn });
  }
}

/** The guide's three permission sets; the grants refer to them by name. */
export function examplePermissionSets(): SsoPermissionSetSpec[] {
  return [
    {
      name: 'AdministratorAccess',
      description: 'Full access, for the platform team',
      managedPolicies: [ManagedPolicy.aws('AdministratorAccess')],
      sessionDuration: SessionDuration.hours(4),
      tags: { team: 'platform' },
    },
    {
      name: 'PowerUserAccess',
      description: 'Build and run services; no IAM administration',
      managedPolicies: [ManagedPolicy.aws('PowerUserAccess')],
      inlinePolicy: ENGINEERING_INLINE_POLICY,
      sessionDuration: SessionDuration.hours(8),
      relayState: 'https://console.aws.amazon.com/console/home',
    },
    {
      name: 'ReadOnlyAccess',
      description: 'Look, do not touch',
      managedPolicies: [ManagedPolicy.aws('ReadOnlyAccess')],
    },
  ];
}

/**
 * The guide's access model: Admins everywhere; Engineering PowerUser outside production (the
 * non-production OU when there is one, else its accounts) and ReadOnly in it; Auditors ReadOnly
 * everywhere.
 */
export function exampleGrants(accounts: ExampleAccounts, organizationalUnits: ExampleOrganizationalUnits = {}): SsoGrantSpec[] {
  const { production, staging, sandbox } = accounts;
  const all = [production, staging, ...(sandbox ? [sandbox] : [])];
  const nonProduction = all.filter((a) => a !== production);
  const ou = organizationalUnits.nonProduction;
  return [
    { groups: ['Admins'], permissionSet: 'AdministratorAccess', accounts: all },
    ou !== undefined
      ? { groups: ['Engineering'], permissionSet: 'PowerUserAccess', organizationalUnits: [ou] }
      : { groups: ['Engineering'], permissionSet: 'PowerUserAccess', accounts: nonProduction },
    { groups: ['Engineering', 'Auditors'], permissionSet: 'ReadOnlyAccess', accounts: [production] },
    ...(nonProduction.length > 0 ? [{ groups: ['Auditors'], permissionSet: 'ReadOnlyAccess', accounts: nonProduction }] : []),
  ];
}

function spMetadata(config: ExampleStackConfig): SpMetadata {
  if (config.spMetadataXml !== undefined) return SpMetadata.fromString(config.spMetadataXml);
  if (config.spMetadataFile !== undefined) return SpMetadata.fromFile(config.spMetadataFile);
  throw new ExampleConfigError('no SP metadata: set spMetadataXml or spMetadataFile in the config, or IDEMEUM_SP_METADATA_FILE');
}
