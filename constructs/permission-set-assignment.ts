import { Fn, Lazy, TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { acceptAwsProviderRange } from './aws-provider-range';
import { OrganizationalUnitAccounts, organizationalUnitRules } from './organizational-unit';
import type { IPermissionSet } from './permission-set';
import { ACCOUNT_ID, ORGANIZATIONAL_UNIT_ID, ROOT_ID } from './private/aws-limits';
import type { IPushedGroup } from './pushed-group';
import type { IPushedUser } from './pushed-user';
import { isKnown, show, validate, ValidationRule } from './validation';

export interface PermissionSetAssignmentProps {
  readonly permissionSet: IPermissionSet;
  /** Groups that get the permission set. @default - none; name at least one group or user */
  readonly groups?: IPushedGroup[];
  /** Users that get the permission set directly (`principal_type = "USER"`). @default - none; name at least one group or user */
  readonly users?: IPushedUser[];
  /** 12-digit AWS account ids. @default - none yet; add with addAccount */
  readonly accounts?: string[];
  /**
   * Organizational units (`ou-…`) or the root (`r-…`). Every ACTIVE account below them, at any depth,
   * gets the assignment; the accounts are read at plan time, so an account that joins or leaves the
   * OU is added or removed on the next apply.
   * @default - none yet; add with addOrganizationalUnit
   */
  readonly organizationalUnits?: string[];
}

interface Principal {
  readonly type: 'GROUP' | 'USER';
  readonly principalId: string;
  readonly scope: Construct;
  /** The for_each assignment over the OUs' accounts, once there is an OU. */
  organizationalUnits?: SsoadminAccountAssignment;
}

/**
 * Gives groups and users a permission set on accounts, organizational units and the root.
 *
 * Ids derive from (permission set, principal, account) and never from list positions: each
 * listed account is one `aws_ssoadmin_account_assignment` at `<group display name>/<account id>`
 * (users at `user:<user name>/<account id>`), and the accounts of the OUs are one more resource per
 * principal at `<principal>/OrganizationalUnits` with `for_each` keyed by account id. Adding an
 * account, a principal or an OU, or an account joining an OU, adds resources and renames none.
 */
export class PermissionSetAssignment extends Construct {
  public readonly permissionSet: IPermissionSet;
  private readonly principalsByConstruct = new Map<IPushedGroup | IPushedUser, Principal>();
  private readonly accountList: string[] = [];
  private readonly ouSources = new Map<string, OrganizationalUnitAccounts>();

  constructor(scope: Construct, id: string, props: PermissionSetAssignmentProps) {
    super(scope, id);
    acceptAwsProviderRange(this);
    this.permissionSet = props.permissionSet;
    validate(this, [
      {
        condition: (props.groups ?? []).length + (props.users ?? []).length === 0,
        message: `no groups or users given for permission set ${show(props.permissionSet.permissionSetName)}; name at least one group or user`,
      },
    ]);
    for (const g of props.groups ?? []) this.addGroup(g);
    for (const u of props.users ?? []) this.addUser(u);
    for (const a of props.accounts ?? []) this.addAccount(a);
    for (const ou of props.organizationalUnits ?? []) this.addOrganizationalUnit(ou);
  }

  /** Assigns the permission set to one more group on every account and OU of this assignment. */
  public addGroup(group: IPushedGroup): void {
    const key = isKnown(group.displayName) ? group.displayName : group.node.id;
    this.addPrincipal(group, 'GROUP', key, group.groupId, `group ${show(group.displayName)} is named twice; assign each group once`);
  }

  /** Assigns the permission set directly to one more user on every account and OU of this assignment. */
  public addUser(user: IPushedUser): void {
    const key = `user:${isKnown(user.userName) ? user.userName : user.node.id}`;
    this.addPrincipal(user, 'USER', key, user.userId, `user ${show(user.userName)} is named twice; assign each user once`);
  }

  /** Assigns the permission set to every group and user on one more account. */
  public addAccount(accountId: string): void {
    validate(this, accountRules(accountId, this.accountList));
    this.accountList.push(accountId);
    for (const p of this.principalsByConstruct.values()) this.assign(p, accountId);
  }

  /**
   * Assigns the permission set to every group and user on the ACTIVE accounts of one more OU (or
   * the root). Accounts also listed with addAccount keep their own resource and are left out here.
   */
  public addOrganizationalUnit(id: string): void {
    validate(this, organizationalUnitRules(id, [...this.ouSources.keys()]));
    this.ouSources.set(id, OrganizationalUnitAccounts.of(this, id));
    for (const p of this.principalsByConstruct.values()) this.assignOrganizationalUnits(p);
  }

  public get accounts(): readonly string[] {
    return [...this.accountList];
  }

  public get organizationalUnits(): readonly string[] {
    return [...this.ouSources.keys()];
  }

  private addPrincipal(principal: IPushedGroup | IPushedUser, type: Principal['type'], key: string, principalId: string, duplicate: string): void {
    validate(this, [{ condition: this.principalsByConstruct.has(principal) || this.node.tryFindChild(key) !== undefined, message: duplicate }]);
    const p: Principal = { type, principalId, scope: new Construct(this, key) };
    this.principalsByConstruct.set(principal, p);
    for (const account of this.accountList) this.assign(p, account);
    if (this.ouSources.size > 0) this.assignOrganizationalUnits(p);
  }

  private assign(p: Principal, accountId: string): void {
    this.permissionSet.provisionBefore(new SsoadminAccountAssignment(p.scope, accountId, this.assignmentConfig(p, accountId)));
  }

  private assignOrganizationalUnits(p: Principal): void {
    if (p.organizationalUnits) return;
    // Lazy: OUs and accounts added later are part of the same expression at synth time.
    const accounts = Lazy.anyValue({ produce: () => Fn.concat([...this.ouSources.values()].map((ou) => ou.resource.accounts)) });
    const condition = Lazy.stringValue({ produce: () => `val.id if val.status == "ACTIVE" && !contains(${JSON.stringify(this.accountList)}, val.id)` });
    const ids = TerraformIterator.fromList(Token.asList(TerraformIterator.fromList(Token.asList(accounts)).forExpressionForList(condition)));
    p.organizationalUnits = new SsoadminAccountAssignment(p.scope, 'OrganizationalUnits', { forEach: ids, ...this.assignmentConfig(p, Token.asString(ids.value)) });
    this.permissionSet.provisionBefore(p.organizationalUnits);
  }

  private assignmentConfig(p: Principal, targetId: string) {
    return {
      instanceArn: this.permissionSet.instance.instanceArn,
      permissionSetArn: this.permissionSet.permissionSetArn,
      principalType: p.type,
      principalId: p.principalId,
      targetType: 'AWS_ACCOUNT',
      targetId,
    };
  }
}

export function accountRules(accountId: string, existing: readonly string[]): ValidationRule[] {
  const isOu = isKnown(accountId) && (ORGANIZATIONAL_UNIT_ID.test(accountId) || ROOT_ID.test(accountId));
  return [
    {
      condition: isOu,
      message: `${show(accountId)} is an organizational unit or root, not an account; list it in organizationalUnits`,
    },
    {
      condition: isKnown(accountId) && !isOu && !ACCOUNT_ID.test(accountId),
      message: `account id ${show(accountId)} is invalid; expected 12 digits, e.g. "123456789012" (quote it in config files so leading zeros survive)`,
    },
    {
      condition: existing.includes(accountId),
      message: `account ${show(accountId)} is listed twice; list each account once`,
    },
  ];
}
