import { Construct } from 'constructs';
import { IdemeumAwsApplication } from './idemeum-aws-application';
import type { IdemeumAwsSsoProps, SsoExternalGroupSpec, SsoGrantSpec, SsoGroupSpec, SsoPermissionSetSpec } from './idemeum-aws-sso-props';
import { IdentityCenterInstance, IIdentityCenterInstance } from './identity-center';
import { PermissionSet } from './permission-set';
import { organizationalUnitRules } from './organizational-unit';
import { accountRules, PermissionSetAssignment } from './permission-set-assignment';
import { IPushedGroup, PushedGroup } from './pushed-group';
import { PushedUser, PushedUserProps } from './pushed-user';
import { ScimLink } from './scim-link';
import { isKnown, show, validate } from './validation';

/**
 * The whole idemeum ↔ IAM Identity Center integration from one typed description: the SCIM
 * link, pushed users and groups, permission sets, grants of permission sets to groups and users on
 * accounts and organizational units, and the AWS tile with its entitlements.
 *
 * Construct ids come from the data (user name, group name, permission set name, account), so
 * adding an account to a grant adds exactly one assignment and renames nothing; the accounts of an
 * OU are instances keyed by account id.
 */
export class IdemeumAwsSso extends Construct {
  public readonly instance: IIdentityCenterInstance;
  public readonly scimLink?: ScimLink;
  public readonly application?: IdemeumAwsApplication;

  private readonly users = new Map<string, PushedUser>();
  private readonly groups = new Map<string, IPushedGroup>();
  private readonly permissionSets = new Map<string, PermissionSet>();
  private readonly assignments = new Map<string, PermissionSetAssignment>();
  private readonly granted = new Set<string>();
  private readonly entitledGroups = new Set<IPushedGroup>();
  private readonly entitledUsers = new Set<PushedUser>();
  private readonly autoEntitleGroups: boolean;
  private readonly autoEntitleUsers: boolean;
  private readonly scopes: Record<'Users' | 'Groups' | 'ExternalGroups' | 'PermissionSets' | 'Assignments', Construct>;

  constructor(scope: Construct, id: string, props: IdemeumAwsSsoProps = {}) {
    super(scope, id);
    validate(this, [
      {
        condition: !props.application && (props.entitledGroups !== undefined || props.entitledUsers !== undefined),
        message: 'entitledGroups/entitledUsers are given but there is no application; add `application` or drop the entitlements',
      },
    ]);
    // the link first: it configures the idemeum provider every other construct uses.
    if (props.scim) this.scimLink = new ScimLink(this, 'ScimLink', props.scim);
    this.instance =
      props.instanceArn === undefined
        ? IdentityCenterInstance.lookup(this, 'Instance')
        : IdentityCenterInstance.fromInstanceArn(this, 'Instance', props.instanceArn);
    this.scopes = {
      Users: new Construct(this, 'Users'),
      Groups: new Construct(this, 'Groups'),
      ExternalGroups: new Construct(this, 'ExternalGroups'),
      PermissionSets: new Construct(this, 'PermissionSets'),
      Assignments: new Construct(this, 'Assignments'),
    };
    if (props.application) this.application = new IdemeumAwsApplication(this, 'Application', props.application);
    this.autoEntitleGroups = props.entitledGroups === undefined;
    this.autoEntitleUsers = props.entitledUsers === undefined;

    for (const u of props.users ?? []) this.addUser(u);
    for (const g of props.groups ?? []) this.addGroup(g);
    for (const g of props.externalGroups ?? []) this.addExternalGroup(g);
    for (const p of props.permissionSets ?? []) this.addPermissionSet(p);
    for (const g of props.grants ?? []) this.grant(g);
    for (const name of props.entitledGroups ?? []) this.entitleGroup(name);
    for (const name of props.entitledUsers ?? []) this.entitleUser(name);
  }

  /** Pushes a user; its userName is how groups list it. */
  public addUser(props: PushedUserProps): PushedUser {
    const key = props.userName.toLowerCase();
    validate(this, [
      { condition: this.users.has(key), message: `user ${show(props.userName)} is listed twice; AWS user names are unique, list each once` },
    ]);
    const user = new PushedUser(this.scopes.Users, props.userName, props);
    this.users.set(key, user);
    return user;
  }

  /** Pushes a group with members named by user name. */
  public addGroup(spec: SsoGroupSpec): PushedGroup {
    this.checkNewGroupName(spec.displayName);
    const members = spec.members ?? [];
    validate(
      this,
      members.map((m) => ({
        condition: !this.users.has(m.toLowerCase()),
        message: `group ${show(spec.displayName)} lists member ${show(m)}, who is not among the users; add the user or fix the name`,
      })),
    );
    const group = new PushedGroup(this.scopes.Groups, spec.displayName, {
      displayName: spec.displayName,
      externalId: spec.externalId,
      adoptExisting: spec.adoptExisting,
      members: members.map((m) => this.users.get(m.toLowerCase())!),
    });
    this.groups.set(spec.displayName.toLowerCase(), group);
    return group;
  }

  /** References a group pushed outside this stack (waits for it at plan time). */
  public addExternalGroup(spec: SsoExternalGroupSpec): IPushedGroup {
    this.checkNewGroupName(spec.displayName);
    const group = PushedGroup.fromDisplayName(this.scopes.ExternalGroups, spec.displayName, spec.displayName, { timeout: spec.timeout });
    this.groups.set(spec.displayName.toLowerCase(), group);
    return group;
  }

  public addPermissionSet(spec: SsoPermissionSetSpec): PermissionSet {
    validate(this, [
      {
        condition: this.permissionSets.has(spec.name),
        message: `permission set ${show(spec.name)} is defined twice; permission set names are unique per instance`,
      },
    ]);
    const ps = new PermissionSet(this.scopes.PermissionSets, spec.name, { ...spec, instance: this.instance });
    this.permissionSets.set(spec.name, ps);
    return ps;
  }

  /**
   * Gives groups and users a permission set on accounts and organizational units; may be called
   * again to extend an earlier grant.
   */
  public grant(spec: SsoGrantSpec): void {
    const ps = this.permissionSets.get(spec.permissionSet);
    const where = `grant of ${show(spec.permissionSet)}`;
    const groups = spec.groups ?? [];
    const users = spec.users ?? [];
    const accounts = spec.accounts ?? [];
    const ous = spec.organizationalUnits ?? [];
    const principals = [...groups.map((g) => ['group', g] as const), ...users.map((u) => ['user', u] as const)];
    const seen = new Set<string>();
    validate(this, [
      {
        condition: ps === undefined,
        message: `${where} names an unknown permission set; define it in permissionSets (known: ${[...this.permissionSets.keys()].join(', ') || 'none'})`,
      },
      { condition: principals.length === 0, message: `${where} names no groups or users; list at least one group or user` },
      { condition: accounts.length + ous.length === 0, message: `${where} names no accounts or organizational units; list at least one account id or OU id` },
      ...groups.map((g) => ({
        condition: !this.groups.has(g.toLowerCase()),
        message: `${where} names unknown group ${show(g)}; add it to groups (pushed here) or externalGroups (pushed elsewhere)`,
      })),
      ...users.map((u) => ({
        condition: !this.users.has(u.toLowerCase()),
        message: `${where} names unknown user ${show(u)}; add them to users (a direct grant needs the pushed user's id)`,
      })),
      ...accounts.flatMap((a) => accountRules(a, [])),
      ...ous.flatMap((ou) => organizationalUnitRules(ou, [])),
      ...principals.flatMap(([kind, name]) =>
        [...accounts.map((a) => ['account', a] as const), ...ous.map((ou) => ['organizational unit', ou] as const)].map(([targetKind, target]) => {
          const key = grantKey(kind, name, spec.permissionSet, target);
          const duplicate = this.granted.has(key) || seen.has(key);
          seen.add(key);
          return { condition: duplicate, message: `${where} to ${kind} ${show(name)} on ${targetKind} ${show(target)} is given twice; remove the duplicate` };
        }),
      ),
    ]);
    for (const principal of this.resolvePrincipals(groups, users)) {
      const assignment = this.assignmentFor(ps!, principal);
      for (const account of accounts) assignment.addAccount(account);
      for (const ou of ous) assignment.addOrganizationalUnit(ou);
      for (const target of [...accounts, ...ous]) this.granted.add(grantKey(principal.kind, principal.name, spec.permissionSet, target));
      if (!this.application) continue;
      if (principal.kind === 'group' && this.autoEntitleGroups && !this.entitledGroups.has(principal.group)) this.entitle(principal.group);
      if (principal.kind === 'user' && this.autoEntitleUsers) this.entitleUserOnce(principal.user);
    }
  }

  /** Lets the members of a group launch the AWS tile. */
  public entitleGroup(displayName: string): void {
    const group = this.groups.get(displayName.toLowerCase());
    validate(this, [
      { condition: !this.application, message: 'there is no application to entitle groups to; add `application`' },
      { condition: group === undefined, message: `entitled group ${show(displayName)} is unknown; add it to groups or externalGroups` },
    ]);
    this.entitle(group!);
  }

  /** Lets one user launch the AWS tile. */
  public entitleUser(userName: string): void {
    const user = this.users.get(userName.toLowerCase());
    validate(this, [
      { condition: !this.application, message: 'there is no application to entitle users to; add `application`' },
      { condition: user === undefined, message: `entitled user ${show(userName)} is unknown; add them to users` },
    ]);
    this.entitleUserOnce(user!);
  }

  public user(userName: string): PushedUser | undefined {
    return this.users.get(userName.toLowerCase());
  }

  public group(displayName: string): IPushedGroup | undefined {
    return this.groups.get(displayName.toLowerCase());
  }

  public permissionSet(name: string): PermissionSet | undefined {
    return this.permissionSets.get(name);
  }

  private entitle(group: IPushedGroup): void {
    this.application!.entitleGroup(group);
    this.entitledGroups.add(group);
  }

  private entitleUserOnce(user: PushedUser): void {
    if (this.entitledUsers.has(user)) return;
    this.application!.entitleUser(user);
    this.entitledUsers.add(user);
  }

  private checkNewGroupName(displayName: string): void {
    validate(this, [
      {
        condition: isKnown(displayName) && this.groups.has(displayName.toLowerCase()),
        message: `group ${show(displayName)} is defined twice; AWS group names are unique (ignoring case), define each once`,
      },
    ]);
  }

  /** The validated names of a grant as constructs. */
  private resolvePrincipals(groups: readonly string[], users: readonly string[]): GrantPrincipal[] {
    return [
      ...groups.map((name): GrantPrincipal => ({ kind: 'group', name, group: this.groups.get(name.toLowerCase())! })),
      ...users.map((name): GrantPrincipal => ({ kind: 'user', name, user: this.users.get(name.toLowerCase())! })),
    ];
  }

  /** One PermissionSetAssignment per (permission set, principal), at `Assignments/<permission set>/<group | user:<user name>>`. */
  private assignmentFor(ps: PermissionSet, principal: GrantPrincipal): PermissionSetAssignment {
    const key = `${ps.permissionSetName}\u0000${principal.kind}\u0000${principal.name.toLowerCase()}`;
    let assignment = this.assignments.get(key);
    if (!assignment) {
      const psScope = (this.scopes.Assignments.node.tryFindChild(ps.permissionSetName) as Construct | undefined) ??
        new Construct(this.scopes.Assignments, ps.permissionSetName);
      assignment =
        principal.kind === 'group'
          ? new PermissionSetAssignment(psScope, principal.group.displayName, { permissionSet: ps, groups: [principal.group] })
          : new PermissionSetAssignment(psScope, `user:${principal.user.userName}`, { permissionSet: ps, users: [principal.user] });
      this.assignments.set(key, assignment);
    }
    return assignment;
  }
}

type GrantPrincipal =
  | { readonly kind: 'group'; readonly name: string; readonly group: IPushedGroup }
  | { readonly kind: 'user'; readonly name: string; readonly user: PushedUser };

function grantKey(kind: 'group' | 'user', name: string, permissionSet: string, target: string): string {
  return `${kind}\u0000${name.toLowerCase()}\u0000${permissionSet}\u0000${target}`;
}
