import { Testing } from 'cdktf';
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { IdentityCenterInstance } from '../../constructs/identity-center';
import { ManagedPolicy } from '../../constructs/managed-policy';
import { PermissionSet } from '../../constructs/permission-set';
import { PermissionSetAssignment } from '../../constructs/permission-set-assignment';
import { PushedGroup } from '../../constructs/pushed-group';
import { errorOf, testStack } from './helpers';

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

  test('fails when no group is given', () => {
    const { stack, ps } = setup();
    expect(errorOf(() => new PermissionSetAssignment(stack, 'A', { permissionSet: ps, groups: [] }))).toBe(
      'test/A: no groups given for permission set "ReadOnly"; name at least one group',
    );
  });
});
