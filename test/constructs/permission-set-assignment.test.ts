import { Testing } from 'cdktf';
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { IdentityCenterInstance } from '../../constructs/identity-center';
import { ManagedPolicy } from '../../constructs/managed-policy';
import { PermissionSet } from '../../constructs/permission-set';
import { PermissionSetAssignment } from '../../constructs/permission-set-assignment';
import { PushedGroup } from '../../constructs/pushed-group';
import { PushedUser } from '../../constructs/pushed-user';
import { errorOf, testStack, type Json } from './helpers';

const synthJson = (stack: ReturnType<typeof testStack>): Json => JSON.parse(Testing.synth(stack));

function setup() {
  const stack = testStack();
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'I', 'arn:aws:sso:::instance/ssoins-0123456789abcdef');
  const ps = new PermissionSet(stack, 'RO', { instance, name: 'ReadOnly', managedPolicies: [ManagedPolicy.aws('ReadOnlyAccess')] });
  const ops = new PushedGroup(stack, 'Ops', { displayName: 'Ops' });
  const dev = new PushedGroup(stack, 'Dev', { displayName: 'Dev' });
  return { stack, ps, ops, dev };
}

const assignments = (stack: ReturnType<typeof setup>['stack']) =>
  JSON.parse(Testing.synth(stack)).resource.aws_ssoadmin_account_assignment as Record<string, Record<string, unknown>>;

describe('PermissionSetAssignment', () => {
  test('one assignment per group × account; principal_id is the pushed group id', () => {
    const { stack, ps, ops, dev } = setup();
    new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [ops, dev], accounts: ['111111111111', '222222222222'] });
    const synth = Testing.synth(stack);
    const out = JSON.parse(synth);
    const groupIds = Object.keys(out.resource.idemeum_pushed_group);
    const [psId] = Object.keys(out.resource.aws_ssoadmin_permission_set);
    const [attId] = Object.keys(out.resource.aws_ssoadmin_managed_policy_attachment);
    const all = Object.values(out.resource.aws_ssoadmin_account_assignment) as Record<string, unknown>[];
    expect(all).toHaveLength(4);
    expect(new Set(all.map((a) => a.principal_id))).toEqual(new Set(groupIds.map((g) => `\${idemeum_pushed_group.${g}.id}`)));
    expect(synth).toHaveResourceWithProperties(SsoadminAccountAssignment, {
      instance_arn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef',
      permission_set_arn: `\${aws_ssoadmin_permission_set.${psId}.arn}`,
      principal_type: 'GROUP',
      target_type: 'AWS_ACCOUNT',
      target_id: '222222222222',
      depends_on: [`aws_ssoadmin_managed_policy_attachment.${attId}`],
    });
  });

  test('adding an account adds exactly one resource and keeps every existing id', () => {
    const before = setup();
    new PermissionSetAssignment(before.stack, 'A', { permissionSet: before.ps, groups: [before.ops], accounts: ['111111111111'] });
    const after = setup();
    const a = new PermissionSetAssignment(after.stack, 'A', { permissionSet: after.ps, groups: [after.ops], accounts: ['111111111111'] });
    a.addAccount('222222222222');
    const b = assignments(before.stack);
    const c = assignments(after.stack);
    expect(Object.keys(c)).toEqual(expect.arrayContaining(Object.keys(b)));
    expect(Object.keys(c)).toHaveLength(Object.keys(b).length + 1);
    for (const id of Object.keys(b)) expect(c[id]).toEqual(b[id]);
  });

  test('addGroup assigns the new group on every existing account', () => {
    const { stack, ps, ops, dev } = setup();
    const a = new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [ops], accounts: ['111111111111', '222222222222'] });
    a.addGroup(dev);
    expect(Object.keys(assignments(stack))).toHaveLength(4);
    expect(a.accounts).toEqual(['111111111111', '222222222222']);
  });

  test.each([
    ['12 digits', '012345678901', '12345678901', 'account id "12345678901" is invalid; expected 12 digits, e.g. "123456789012" (quote it in config files so leading zeros survive)'],
    ['digits only', '999999999999', '12345678901a', 'account id "12345678901a" is invalid; expected 12 digits, e.g. "123456789012" (quote it in config files so leading zeros survive)'],
  ])('account id (%s): passes when valid, fails when invalid', (_rule, good, bad, message) => {
    const ok = setup();
    expect(() => new PermissionSetAssignment(ok.stack, 'A', { permissionSet: ok.ps, groups: [ok.ops], accounts: [good] })).not.toThrow();
    const ko = setup();
    expect(errorOf(() => new PermissionSetAssignment(ko.stack, 'A', { permissionSet: ko.ps, groups: [ko.ops], accounts: [bad] }))).toBe(`test/A: ${message}`);
  });

  test('fails when an account is listed twice', () => {
    const { stack, ps, ops } = setup();
    expect(errorOf(() => new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [ops], accounts: ['111111111111', '111111111111'] }))).toBe(
      'test/A: account "111111111111" is listed twice; list each account once',
    );
  });

  test('fails when a group is named twice', () => {
    const { stack, ps, ops } = setup();
    expect(errorOf(() => new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [ops, ops] }))).toBe(
      'test/A: group "Ops" is named twice; assign each group once',
    );
  });

  test('fails when no group or user is given', () => {
    const { stack, ps } = setup();
    expect(errorOf(() => new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [], users: [] }))).toBe(
      'test/A: no groups or users given for permission set "ReadOnly"; name at least one group or user',
    );
  });
});

describe('PermissionSetAssignment to users', () => {
  test('one USER assignment per user × account, principal_id the pushed user id, at user:<user name>/<account>', () => {
    const { stack, ps, ops } = setup();
    const ada = new PushedUser(stack, 'Ada', { userName: 'ada@acme.example', givenName: 'Ada', familyName: 'Lovelace' });
    new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [ops], users: [ada], accounts: ['111111111111'] });
    const out = synthJson(stack);
    const [userId] = Object.keys(out.resource.idemeum_pushed_user);
    const users = Object.entries(out.resource.aws_ssoadmin_account_assignment as Record<string, Json>).filter(([, a]) => a.principal_type === 'USER');
    expect(users.map(([, a]) => a)).toEqual([expect.objectContaining({ principal_id: `\${idemeum_pushed_user.${userId}.id}`, target_id: '111111111111', target_type: 'AWS_ACCOUNT' })]);
    expect(users[0][0]).toMatch(/^A_useradaacmeexample_111111111111_[0-9A-F]{8}$/);
  });

  test('adding a user adds its assignments and keeps every existing id', () => {
    const make = (withUser: boolean) => {
      const s = setup();
      const a = new PermissionSetAssignment(s.stack, 'A', { permissionSet: s.ps, groups: [s.ops], accounts: ['111111111111', '222222222222'] });
      if (withUser) a.addUser(new PushedUser(s.stack, 'Ada', { userName: 'ada@acme.example', givenName: 'Ada', familyName: 'Lovelace' }));
      return assignments(s.stack);
    };
    const before = make(false);
    const after = make(true);
    expect(Object.keys(after)).toHaveLength(Object.keys(before).length + 2);
    for (const id of Object.keys(before)) expect(after[id]).toEqual(before[id]);
  });

  test('fails when a user is named twice', () => {
    const { stack, ps } = setup();
    const ada = new PushedUser(stack, 'Ada', { userName: 'ada@acme.example', givenName: 'Ada', familyName: 'Lovelace' });
    expect(errorOf(() => new PermissionSetAssignment(stack, 'A', { permissionSet: ps, users: [ada, ada] }))).toBe(
      'test/A: user "ada@acme.example" is named twice; assign each user once',
    );
  });
});

describe('PermissionSetAssignment to organizational units', () => {
  const OU = 'ou-ab12-cd34ef56';

  test('one for_each assignment per principal over the ACTIVE accounts of the OUs, keyed by account id; listed accounts are left out', () => {
    const { stack, ps, ops, dev } = setup();
    new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [ops, dev], accounts: ['111111111111'], organizationalUnits: [OU, 'r-ab12'] });
    const out = synthJson(stack);
    const readers = out.data.aws_organizations_organizational_unit_descendant_accounts as Record<string, Json>;
    expect(Object.values(readers).map((d) => d.parent_id)).toEqual([OU, 'r-ab12']);
    const [ouReader, rootReader] = Object.keys(readers);
    const forEach = Object.entries(out.resource.aws_ssoadmin_account_assignment as Record<string, Json>).filter(([, a]) => a.for_each);
    expect(forEach.map(([id]) => id.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual(['A_Dev_OrganizationalUnits', 'A_Ops_OrganizationalUnits']);
    for (const [, a] of forEach) {
      expect(a.for_each).toBe(
        `\${toset([ for key, val in toset(concat(data.aws_organizations_organizational_unit_descendant_accounts.${ouReader}.accounts, data.aws_organizations_organizational_unit_descendant_accounts.${rootReader}.accounts)): val.id if val.status == "ACTIVE" && !contains(["111111111111"], val.id)])}`,
      );
      expect(a).toMatchObject({ target_id: '${each.value}', target_type: 'AWS_ACCOUNT', principal_type: 'GROUP' });
      expect(a.depends_on).toEqual([expect.stringMatching(/^aws_ssoadmin_managed_policy_attachment\./)]);
    }
  });

  test('one reader per OU per stack, shared by every assignment that targets it', () => {
    const { stack, ps, ops, dev } = setup();
    new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [ops], organizationalUnits: [OU] });
    new PermissionSetAssignment(stack, 'B', { permissionSet: ps, groups: [dev], organizationalUnits: [OU] });
    expect(Object.keys(synthJson(stack).data.aws_organizations_organizational_unit_descendant_accounts)).toHaveLength(1);
  });

  test('adding an OU adds one resource per principal and keeps every existing id; a second OU renames nothing', () => {
    const make = (ous: string[]) => {
      const s = setup();
      const a = new PermissionSetAssignment(s.stack, 'A', { permissionSet: s.ps, groups: [s.ops], accounts: ['111111111111'] });
      for (const ou of ous) a.addOrganizationalUnit(ou);
      return assignments(s.stack);
    };
    const none = make([]);
    const one = make([OU]);
    const two = make([OU, 'ou-ab12-99999999']);
    expect(Object.keys(one)).toHaveLength(Object.keys(none).length + 1);
    for (const id of Object.keys(none)) expect(one[id]).toEqual(none[id]);
    expect(Object.keys(two)).toEqual(Object.keys(one));
  });

  test.each([
    ['an OU id', OU, 'ou-ab12', 'organizational unit "ou-ab12" is invalid; expected an OU id "ou-<4-32 letters/digits>-<8-32 letters/digits>" (e.g. "ou-ab12-cd34ef56") or the root "r-<4-32>" (e.g. "r-ab12"), as the Organizations console shows them'],
    ['the root', 'r-ab12', 'r-AB12', 'organizational unit "r-AB12" is invalid; expected an OU id'],
    ['not an account', OU, '111111111111', '"111111111111" is an account id, not an organizational unit; list it in accounts'],
  ])('organizational unit (%s): passes when valid, fails when invalid', (_rule, good, bad, message) => {
    const ok = setup();
    expect(() => new PermissionSetAssignment(ok.stack, 'A', { permissionSet: ok.ps, groups: [ok.ops], organizationalUnits: [good] })).not.toThrow();
    const ko = setup();
    expect(errorOf(() => new PermissionSetAssignment(ko.stack, 'A', { permissionSet: ko.ps, groups: [ko.ops], organizationalUnits: [bad] }))).toContain(message);
  });

  test.each([
    ['an OU is listed as an account', { accounts: [OU] }, `"${OU}" is an organizational unit or root, not an account; list it in organizationalUnits`],
    ['an OU is listed twice', { organizationalUnits: [OU, OU] }, `organizational unit "${OU}" is listed twice; list each once`],
  ])('fails when %s', (_case, targets, message) => {
    const { stack, ps, ops } = setup();
    expect(errorOf(() => new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [ops], ...targets }))).toBe(`test/A: ${message}`);
  });
});
