import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsSsoadminInstances } from '@cdktf/provider-aws/lib/data-aws-ssoadmin-instances';
import { acceptAwsProviderRange } from './aws-provider-range';
import { INSTANCE_ARN } from './private/aws-limits';
import { isKnown, show, validate } from './validation';

/** An IAM Identity Center instance. */
export interface IIdentityCenterInstance {
  /** @attribute */
  readonly instanceArn: string;
}

/** Finds or names the account's IAM Identity Center instance. */
export class IdentityCenterInstance extends Construct implements IIdentityCenterInstance {
  /** Looks the instance up with `data "aws_ssoadmin_instances"` (an account has at most one). */
  public static lookup(scope: Construct, id: string): IdentityCenterInstance {
    return new IdentityCenterInstance(scope, id, undefined);
  }

  /** Uses a known instance ARN, `arn:aws:sso:::instance/ssoins-<16 chars>`; no lookup. */
  public static fromInstanceArn(scope: Construct, id: string, instanceArn: string): IdentityCenterInstance {
    return new IdentityCenterInstance(scope, id, instanceArn);
  }

  public readonly instanceArn: string;

  private constructor(scope: Construct, id: string, instanceArn: string | undefined) {
    super(scope, id);
    if (instanceArn !== undefined) {
      validate(this, [
        {
          condition: isKnown(instanceArn) && !INSTANCE_ARN.test(instanceArn),
          message: `instance ARN ${show(instanceArn)} is not an IAM Identity Center instance ARN; expected arn:aws:sso:::instance/ssoins-<16 characters> (Identity Center console → Settings → Instance ARN), or omit it to look the instance up`,
        },
      ]);
      this.instanceArn = instanceArn;
      return;
    }
    acceptAwsProviderRange(this);
    const instances = new DataAwsSsoadminInstances(this, 'Resource');
    this.instanceArn = Fn.element(instances.arns, 0);
  }
}
