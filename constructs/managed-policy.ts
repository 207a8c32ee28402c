/** An IAM managed policy attached to a permission set: AWS managed or customer managed. */
export class ManagedPolicy {
  /** An AWS managed policy by name, e.g. `ReadOnlyAccess` or `job-function/ViewOnlyAccess`. */
  public static aws(name: string): ManagedPolicy {
    return new ManagedPolicy(`arn:aws:iam::aws:policy/${name}`, undefined, undefined);
  }

  /** An AWS managed policy by ARN (other partitions, e.g. `arn:aws-us-gov:iam::aws:policy/...`). */
  public static fromArn(arn: string): ManagedPolicy {
    return new ManagedPolicy(arn, undefined, undefined);
  }

  /**
   * A customer managed policy, referenced by name and path. It must already exist in every
   * account the permission set is assigned to, or provisioning fails there.
   */
  public static customerManaged(name: string, path = '/'): ManagedPolicy {
    return new ManagedPolicy(undefined, name, path);
  }

  private constructor(
    /** Set for AWS managed policies. */
    public readonly arn: string | undefined,
    /** Set for customer managed policies. */
    public readonly name: string | undefined,
    public readonly path: string | undefined,
  ) {}

  public get isAwsManaged(): boolean {
    return this.arn !== undefined;
  }

  /** Identity of the policy; also the stable construct id of its attachment. */
  public get key(): string {
    return this.arn ?? `customer:${this.path}${this.name}`;
  }

  /** Readable construct id of the attachment: `AdministratorAccess`, `Customer-/teams/-Billing`. */
  public get constructId(): string {
    if (this.arn === undefined) return `Customer-${this.path}-${this.name}`;
    const at = this.arn.indexOf(':policy/');
    return at >= 0 ? this.arn.slice(at + ':policy/'.length) : this.arn;
  }

  public toString(): string {
    return this.arn ?? `customer managed ${this.path}${this.name}`;
  }
}
