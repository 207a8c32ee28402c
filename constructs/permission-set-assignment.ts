import { Construct } from 'constructs';
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { acceptAwsProviderRange } from './aws-provider-range';
import type { IPermissionSet } from './permission-set';
import { ACCOUNT_ID } from './private/aws-limits';
import type { IPushedGroup } from './pushed-group';
import { isKnown, show, validate, ValidationRule } from './validation';

export interface PermissionSetAssignmentProps {
  readonly permissionSet: IPermissionSet;
  /** Groups that get the permission set. */
  readonly groups: IPushedGroup[];
  /** 12-digit AWS account ids. @default - none yet; add with addAccount */
  readonly accounts?: string[];
}

/**
 * Gives groups a permission set on accounts: one `aws_ssoadmin_account_assignment` per
 * (group, account), at `<group display name>/<account id>` under this construct, so adding an
 * account or a group adds resources without renaming any existing one.
 */
export class PermissionSetAssignment extends Construct {
  public readonly permissionSet: IPermissionSet;
  private readonly groupScopes = new Map<IPushedGroup, Construct>();
  private readonly accountList: string[] = [];

  constructor(scope: Construct, id: string, props: PermissionSetAssignmentProps) {
    super(scope, id);
    acceptAwsProviderRange(this);
    this.permissionSet = props.permissionSet;
    validate(this, [
      {
        condition: props.groups.length === 0,
        message: `no groups given for permission set ${show(props.permissionSet.permissionSetName)}; name at least one group`,
      },
    ]);
    for (const g of props.groups) this.addGroup(g);
    for (const a of props.accounts ?? []) this.addAccount(a);
  }

  /** Assigns the permission set to one more group on every account of this assignment. */
  public addGroup(group: IPushedGroup): void {
    const key = groupKey(group);
    validate(this, [
      {
        condition: [...this.groupScopes.keys()].some((g) => g === group || groupKey(g) === key),
        message: `group ${show(group.displayName)} is named twice; assign each group once`,
      },
    ]);
    const scope = new Construct(this, key);
    this.groupScopes.set(group, scope);
    for (const account of this.accountList) this.assign(scope, group, account);
  }

  /** Assigns the permission set to every group on one more account. */
  public addAccount(accountId: string): void {
    validate(this, accountRules(accountId, this.accountList));
    this.accountList.push(accountId);
    for (const [group, scope] of this.groupScopes) this.assign(scope, group, accountId);
  }

  public get accounts(): readonly string[] {
    return [...this.accountList];
  }

  private assign(scope: Construct, group: IPushedGroup, accountId: string): void {
    const assignment = new SsoadminAccountAssignment(scope, accountId, {
      instanceArn: this.permissionSet.instance.instanceArn,
      permissionSetArn: this.permissionSet.permissionSetArn,
      principalType: 'GROUP',
      principalId: group.groupId,
      targetType: 'AWS_ACCOUNT',
      targetId: accountId,
    });
    this.permissionSet.provisionBefore(assignment);
  }
}

/** The group's construct id inside an assignment: its AWS name when known, which is unique there. */
function groupKey(group: IPushedGroup): string {
  return isKnown(group.displayName) ? group.displayName : group.node.id;
}

export function accountRules(accountId: string, existing: readonly string[]): ValidationRule[] {
  return [
    {
      condition: isKnown(accountId) && !ACCOUNT_ID.test(accountId),
      message: `account id ${show(accountId)} is invalid; expected 12 digits, e.g. "123456789012" (quote it in config files so leading zeros survive)`,
    },
    {
      condition: existing.includes(accountId),
      message: `account ${show(accountId)} is listed twice; list each account once`,
    },
  ];
}
