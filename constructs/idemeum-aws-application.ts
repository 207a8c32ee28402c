import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AwsApplicationResource } from './idemeum/aws-application';
import { IdemeumProvider } from './idemeum/provider';
import type { IPushedGroup } from './pushed-group';
import type { PushedUser } from './pushed-user';
import { SessionDuration } from './session-duration';
import { SigningMode } from './signing-mode';
import { SpMetadata } from './sp-metadata';
import { isKnown, show, validate } from './validation';

export interface IdemeumAwsApplicationProps {
  /** The SP metadata from IAM Identity Center. */
  readonly spMetadata: SpMetadata;
  /** IdP entity id: your idemeum tenant, e.g. `https://acme.idemeum.com`. */
  readonly entityId: string;
  /** IdP SSO URL of the tenant. */
  readonly ssoUrl: string;
  /**
   * SAML session length, 1 to 12 hours.
   * @default - 8 hours
   */
  readonly sessionDuration?: SessionDuration;
  /** @default SigningMode.ASSERTION */
  readonly sign?: SigningMode;
  /** `AccessControl:<name>` attribute → user field, for attribute-based access control. @default - none */
  readonly attributeMappings?: Record<string, string>;
  /** Groups whose members see the AWS tile. @default - none; add with entitleGroup */
  readonly entitledGroups?: IPushedGroup[];
  /** Users who see the AWS tile. @default - none; add with entitleUser */
  readonly entitledUsers?: PushedUser[];
  /**
   * Signing key (PEM); pass a sensitive TerraformVariable, never a literal.
   * @default - the provider generates an RSA-2048 key and keeps it in state
   */
  readonly signingKeyPem?: string;
  /** Must match signingKeyPem. @default - a self-signed certificate for the key */
  readonly signingCertificatePem?: string;
}

/**
 * The AWS application (tile) in idemeum: the SAML trust with IAM Identity Center and who may
 * launch it. Its `idpMetadataXml` is what you upload to AWS as the identity source.
 */
export class IdemeumAwsApplication extends Construct {
  public readonly resource: AwsApplicationResource;
  /** @attribute */
  public readonly idpMetadataXml: string;
  /** @attribute */
  public readonly acsUrl: string;
  /** @attribute */
  public readonly certificateExpiresAt: string;

  private readonly groups: IPushedGroup[] = [];
  private readonly users: PushedUser[] = [];

  constructor(scope: Construct, id: string, props: IdemeumAwsApplicationProps) {
    super(scope, id);
    const xml = props.spMetadata.xml;
    const minutes = props.sessionDuration?.totalMinutes;
    validate(this, [
      {
        condition: isKnown(xml) && !/<(?:[\w-]+:)?EntityDescriptor[\s>]/.test(xml),
        message: `SP metadata from ${props.spMetadata.origin} has no EntityDescriptor; download it from IAM Identity Center → Settings → Identity source → Change → External identity provider → Download metadata file`,
      },
      {
        condition: isKnown(props.entityId) && props.entityId.trim() === '',
        message: 'entity id is empty; use your idemeum tenant URL, e.g. "https://acme.idemeum.com"',
      },
      {
        condition: isKnown(props.ssoUrl) && !/^https?:\/\/\S+$/.test(props.ssoUrl),
        message: `SSO URL ${show(props.ssoUrl)} is not a URL; use the SAML SSO URL of your idemeum tenant`,
      },
      {
        condition: props.sessionDuration !== undefined && !(props.sessionDuration.isValid && minutes! >= 60 && minutes! <= 720),
        message: `session duration ${show(props.sessionDuration?.source)} is out of range; expected 1 to 12 hours, e.g. SessionDuration.hours(8)`,
      },
    ]);
    this.resource = new AwsApplicationResource(this, 'Resource', {
      provider: IdemeumProvider.of(this),
      spMetadataXml: xml,
      entityId: props.entityId,
      ssoUrl: props.ssoUrl,
      sessionDuration: props.sessionDuration?.toIsoString(),
      sign: props.sign?.value,
      attributeMappings: props.attributeMappings,
      signingKeyPem: props.signingKeyPem,
      signingCertificatePem: props.signingCertificatePem,
      entitledGroupIds: Lazy.listValue({ produce: () => this.groups.map((g) => g.groupId) }, { omitEmpty: true }),
      entitledUserIds: Lazy.listValue({ produce: () => this.users.map((u) => u.userId) }, { omitEmpty: true }),
    });
    this.idpMetadataXml = this.resource.idpMetadataXml;
    this.acsUrl = this.resource.acsUrl;
    this.certificateExpiresAt = this.resource.certificateExpiresAt;
    for (const g of props.entitledGroups ?? []) this.entitleGroup(g);
    for (const u of props.entitledUsers ?? []) this.entitleUser(u);
  }

  /** Lets every member of the group launch the AWS tile. */
  public entitleGroup(group: IPushedGroup): void {
    validate(this, [
      { condition: this.groups.includes(group), message: `group ${show(group.displayName)} is already entitled; entitle each group once` },
    ]);
    this.groups.push(group);
  }

  /** Lets one user launch the AWS tile. */
  public entitleUser(user: PushedUser): void {
    validate(this, [
      { condition: this.users.includes(user), message: `user ${show(user.userName)} is already entitled; entitle each user once` },
    ]);
    this.users.push(user);
  }
}
