import { dependable, ITerraformDependable, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { SsoadminCustomerManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-customer-managed-policy-attachment';
import { SsoadminManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { SsoadminPermissionSetInlinePolicy } from '@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy';
import { SsoadminPermissionsBoundaryAttachment } from '@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment';
import { acceptAwsProviderRange } from './aws-provider-range';
import { IIdentityCenterInstance } from './identity-center';
import { ManagedPolicy } from './managed-policy';
import { PolicyDocument } from './policy-document';
import { permissionSetRules, policyRules } from './private/permission-set-rules';
import { SessionDuration } from './session-duration';
import { validate } from './validation';

/** A permission set that assignments can reference. */
export interface IPermissionSet {
  /** @attribute */
  readonly permissionSetArn: string;
  readonly instance: IIdentityCenterInstance;
  /** The name, for stable construct ids of assignments; a token for imported sets. */
  readonly permissionSetName: string;
  /**
   * Makes `consumer` wait until every policy of this permission set (present and added later) is
   * attached. AWS provisions one role change per account at a time, so an assignment racing an
   * attachment fails with ConflictException.
   */
  provisionBefore(consumer: TerraformResource): void;
}

export interface PermissionSetProps {
  /** The Identity Center instance the permission set lives in. */
  readonly instance: IIdentityCenterInstance;
  /** 1–32 characters of `[\w+=,.@-]`; also the role name suffix users see. */
  readonly name: string;
  /** @default - no description */
  readonly description?: string;
  /**
   * How long the console/CLI role session lasts, 1 to 12 hours.
   * @default - AWS's default, one hour
   */
  readonly sessionDuration?: SessionDuration;
  /**
   * Console URL users land on after choosing the permission set (1–240 characters).
   * @default - the AWS console home
   */
  readonly relayState?: string;
  /** AWS managed and customer managed policies, 25 at most. @default - none */
  readonly managedPolicies?: ManagedPolicy[];
  /** The one inline policy. @default - none */
  readonly inlinePolicy?: PolicyDocument;
  /** Caps what the role may do, whatever its policies say. @default - no boundary */
  readonly permissionsBoundary?: ManagedPolicy;
  /** @default - no tags */
  readonly tags?: Record<string, string>;
}

/**
 * An IAM Identity Center permission set with its managed policies, inline policy and permissions
 * boundary. The AWS provider re-provisions the set to every account after each change.
 */
export class PermissionSet extends Construct implements IPermissionSet {
  /** References a permission set managed elsewhere. */
  public static fromPermissionSetArn(
    scope: Construct,
    id: string,
    instance: IIdentityCenterInstance,
    permissionSetArn: string,
  ): IPermissionSet {
    class Import extends Construct implements IPermissionSet {
      public readonly permissionSetArn = permissionSetArn;
      public readonly instance = instance;
      public readonly permissionSetName = id;
      public provisionBefore(): void {
        // policies of an imported set are managed elsewhere: nothing to wait for here.
      }
    }
    return new Import(scope, id);
  }

  public readonly permissionSetArn: string;
  public readonly instance: IIdentityCenterInstance;
  public readonly permissionSetName: string;
  public readonly resource: SsoadminPermissionSet;

  private readonly policies: ManagedPolicy[] = [];
  private readonly policyScope: Construct;
  private readonly attachments: ITerraformDependable[] = [];
  private readonly consumers: TerraformResource[] = [];

  constructor(scope: Construct, id: string, props: PermissionSetProps) {
    super(scope, id);
    validate(this, [...permissionSetRules(props), ...policyRules(props.managedPolicies ?? [], props.permissionsBoundary)]);
    acceptAwsProviderRange(this);

    this.instance = props.instance;
    this.permissionSetName = props.name;
    this.resource = new SsoadminPermissionSet(this, 'Resource', {
      instanceArn: props.instance.instanceArn,
      name: props.name,
      description: props.description,
      sessionDuration: props.sessionDuration?.toIsoString(),
      relayState: props.relayState,
      tags: props.tags,
    });
    this.permissionSetArn = this.resource.arn;
    this.policyScope = new Construct(this, 'ManagedPolicies');

    for (const policy of props.managedPolicies ?? []) this.addManagedPolicy(policy);
    if (props.inlinePolicy) {
      this.track(
        new SsoadminPermissionSetInlinePolicy(this, 'InlinePolicy', {
          instanceArn: this.instance.instanceArn,
          permissionSetArn: this.permissionSetArn,
          inlinePolicy: props.inlinePolicy.json,
        }),
      );
    }
    if (props.permissionsBoundary) {
      const b = props.permissionsBoundary;
      this.track(
        new SsoadminPermissionsBoundaryAttachment(this, 'PermissionsBoundary', {
          instanceArn: this.instance.instanceArn,
          permissionSetArn: this.permissionSetArn,
          permissionsBoundary: b.isAwsManaged
            ? { managedPolicyArn: b.arn }
            : { customerManagedPolicyReference: { name: b.name!, path: b.path } },
        }),
      );
    }
  }

  /** Attaches one more managed policy; ids derive from the policy, so order does not matter. */
  public addManagedPolicy(policy: ManagedPolicy): void {
    const next = [...this.policies, policy];
    validate(this, policyRules(next, undefined));
    this.policies.push(policy);
    const common = { instanceArn: this.instance.instanceArn, permissionSetArn: this.permissionSetArn };
    this.track(
      policy.isAwsManaged
        ? new SsoadminManagedPolicyAttachment(this.policyScope, policy.constructId, { ...common, managedPolicyArn: policy.arn! })
        : new SsoadminCustomerManagedPolicyAttachment(this.policyScope, policy.constructId, {
            ...common,
            customerManagedPolicyReference: { name: policy.name!, path: policy.path },
          }),
    );
  }

  /** The managed policies attached so far. */
  public get managedPolicies(): readonly ManagedPolicy[] {
    return [...this.policies];
  }

  public provisionBefore(consumer: TerraformResource): void {
    this.consumers.push(consumer);
    for (const a of this.attachments) addDependency(consumer, a);
  }

  private track(attachment: ITerraformDependable): void {
    this.attachments.push(attachment);
    for (const c of this.consumers) addDependency(c, attachment);
  }
}

function addDependency(consumer: TerraformResource, on: ITerraformDependable): void {
  consumer.dependsOn = [...(consumer.dependsOn ?? []), dependable(on)];
}
