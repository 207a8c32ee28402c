import { Testing } from 'cdktf';
import { IdemeumAwsSso } from '../../constructs/idemeum-aws-sso';
import type { IdemeumAwsSsoProps } from '../../constructs/idemeum-aws-sso-props';
import { ManagedPolicy } from '../../constructs/managed-policy';
import { SpMetadata } from '../../constructs/sp-metadata';
import { errorOf, only, testStack } from './helpers';

const ACCOUNTS = ['111111111111', '222222222222'];
const OU = 'ou-ab12-cd34ef56';
const base = (): IdemeumAwsSsoProps => ({
  scim: { tokenIssuedAt: '2026-01-31' },
  application: {
    spMetadata: SpMetadata.fromString('<EntityDescriptor entityID="sp"/>'),
    entityId: 'https://acme.idemeum.com',
    ssoUrl: 'https://acme.idemeum.com/sso',
  },
  users: [
    { userName: 'ada@acme.example', givenName: 'Ada', familyName: 'Lovelace' },
    { userName: 'bob@acme.example', givenName: 'Bob', familyName: 'Ross' },
  ],
  groups: [
    { displayName: 'Admins', members: ['ada@acme.example'] },
    { displayName: 'Auditors', members: ['bob@acme.example'] },
  ],
  permissionSets: [
    { name: 'Admin', managedPolicies: [ManagedPolicy.aws('AdministratorAccess')] },
    { name: 'ReadOnly', managedPolicies: [ManagedPolicy.aws('ReadOnlyAccess')] },
  ],
  grants: [
    { groups: ['Admins'], permissionSet: 'Admin', accounts: ACCOUNTS },
    { groups: ['Auditors'], permissionSet: 'ReadOnly', accounts: ACCOUNTS },
  ],
});

function synth(props: IdemeumAwsSsoProps) {
  const stack = testStack();
  const sso = new IdemeumAwsSso(stack, 'Sso', props);
  return { sso, stack, out: JSON.parse(Testing.synth(stack)) };
}

describe('IdemeumAwsSso', () => {
  test('builds users, groups, permission sets, assignments and the application', () => {
    const { out } = synth(base());
    const r = out.resource;
    expect(Object.keys(r.idemeum_pushed_user)).toHaveLength(2);
    expect(Object.keys(r.idemeum_pushed_group)).toHaveLength(2);
    expect(Object.keys(r.aws_ssoadmin_permission_set)).toHaveLength(2);
    expect(Object.keys(r.aws_ssoadmin_account_assignment)).toHaveLength(4);
    expect(Object.keys(r.idemeum_scim_link)).toHaveLength(1);
    expect(out.data.aws_ssoadmin_instances).toBeDefined();
    expect(out.terraform.required_providers.aws.version).toBe('>= 5.100, < 7');
  });

  test("assignments reference the pushed group's id, never a display-name lookup", () => {
    const { out } = synth(base());
    const groups = Object.entries(out.resource.idemeum_pushed_group) as [string, { display_name: string }][];
    const adminsId = groups.find(([, g]) => g.display_name === 'Admins')![0];
    const adminAssignments = Object.entries(out.resource.aws_ssoadmin_account_assignment).filter(([id]) => id.includes('Admin_Admins'));
    expect(adminAssignments).toHaveLength(2);
    for (const [, a] of adminAssignments) expect((a as { principal_id: string }).principal_id).toBe(`\${idemeum_pushed_group.${adminsId}.id}`);
    expect(out.data.aws_identitystore_group).toBeUndefined();
    expect(out.data.idemeum_aws_group).toBeUndefined();
  });

  test('by default entitles every granted group to the AWS tile', () => {
    const { out } = synth(base());
    expect(only(out, 'resource', 'idemeum_aws_application').entitled_group_ids).toHaveLength(2);
  });

  test('explicit entitlements replace the default', () => {
    const { out } = synth({ ...base(), entitledGroups: ['Admins'], entitledUsers: ['bob@acme.example'] });
    const app = only(out, 'resource', 'idemeum_aws_application');
    expect(app.entitled_group_ids).toHaveLength(1);
    expect(app.entitled_user_ids).toHaveLength(1);
  });

  test('uses a given instance ARN without a lookup', () => {
    const { out } = synth({ ...base(), instanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef' });
    expect(out.data).toBeUndefined();
    expect(Object.values(out.resource.aws_ssoadmin_permission_set)).toContainEqual(
      expect.objectContaining({ instance_arn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef' }),
    );
  });

  test('adding one account to a grant adds exactly one assignment and changes nothing else', () => {
    const before = synth(base()).out;
    const props = base();
    const after = synth({ ...props, grants: [{ ...props.grants![0], accounts: [...ACCOUNTS, '333333333333'] }, props.grants![1]] }).out;
    const b = before.resource.aws_ssoadmin_account_assignment;
    const a = after.resource.aws_ssoadmin_account_assignment;
    const added = Object.keys(a).filter((id) => !(id in b));
    expect(added).toHaveLength(1);
    expect(a[added[0]].target_id).toBe('333333333333');
    const { aws_ssoadmin_account_assignment: _x, ...restBefore } = before.resource;
    const { aws_ssoadmin_account_assignment: _y, ...restAfter } = after.resource;
    expect(restAfter).toEqual(restBefore);
    for (const id of Object.keys(b)) expect(a[id]).toEqual(b[id]);
  });

  test('composes piece by piece with addGroup, addPermissionSet and grant', () => {
    const stack = testStack();
    const sso = new IdemeumAwsSso(stack, 'Sso', { instanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef' });
    const user = sso.addUser({ userName: 'eve@acme.example', givenName: 'Eve', familyName: 'Ng' });
    const group = sso.addGroup({ displayName: 'Ops', members: ['eve@acme.example'] });
    sso.addExternalGroup({ displayName: 'Finance' });
    sso.addPermissionSet({ name: 'Ops' });
    sso.grant({ groups: ['Ops', 'Finance'], permissionSet: 'Ops', accounts: ['111111111111'] });
    sso.grant({ groups: ['Ops'], permissionSet: 'Ops', accounts: ['222222222222'] });
    const out = JSON.parse(Testing.synth(stack));
    expect(Object.keys(out.resource.aws_ssoadmin_account_assignment)).toHaveLength(3);
    expect(out.data.idemeum_aws_group).toBeDefined();
    expect(sso.user('EVE@acme.example')).toBe(user);
    expect(sso.group('ops')).toBe(group);
    expect(sso.permissionSet('Ops')).toBeDefined();
  });

  test('grants to a user: USER assignments with the pushed user id, and the user is entitled to the tile', () => {
    const { out } = synth({ ...base(), grants: [...base().grants!, { users: ['bob@acme.example'], permissionSet: 'Admin', accounts: ['111111111111'] }] });
    const [bobId] = Object.entries(out.resource.idemeum_pushed_user as Record<string, { user_name: string }>).find(([, u]) => u.user_name === 'bob@acme.example')!;
    const direct = Object.entries(out.resource.aws_ssoadmin_account_assignment as Record<string, { principal_type: string }>).filter(([, a]) => a.principal_type === 'USER');
    expect(direct.map(([id, a]) => [id.replace(/_[0-9A-F]{8}$/, ''), a])).toEqual([
      ['Sso_Assignments_Admin_userbobacmeexample_111111111111', expect.objectContaining({ principal_id: `\${idemeum_pushed_user.${bobId}.id}`, target_id: '111111111111' })],
    ]);
    expect(only(out, 'resource', 'idemeum_aws_application').entitled_user_ids).toEqual([`\${idemeum_pushed_user.${bobId}.id}`]);
  });

  test('grants to an OU: one reader of its accounts and one for_each assignment per group, beside the listed accounts', () => {
    const { out } = synth({ ...base(), grants: [{ groups: ['Admins', 'Auditors'], permissionSet: 'Admin', accounts: ['111111111111'], organizationalUnits: [OU] }] });
    expect(Object.values(out.data.aws_organizations_organizational_unit_descendant_accounts)).toEqual([expect.objectContaining({ parent_id: OU })]);
    const all = Object.values(out.resource.aws_ssoadmin_account_assignment as Record<string, { for_each?: string; target_id: string }>);
    expect(all.filter((a) => a.for_each).map((a) => a.target_id)).toEqual(['${each.value}', '${each.value}']);
    expect(all.filter((a) => !a.for_each).map((a) => a.target_id)).toEqual(['111111111111', '111111111111']);
  });

  test('an OU target alone is a valid grant (an empty OU then grants nothing)', () => {
    expect(() => synth({ ...base(), grants: [{ groups: ['Admins'], permissionSet: 'Admin', organizationalUnits: ['r-ab12'] }] })).not.toThrow();
  });

  const withGrants = (grants: IdemeumAwsSsoProps['grants']) => ({ ...base(), grants });
  test.each<[string, () => IdemeumAwsSsoProps, string]>([
    ['a group is defined twice (ignoring case)', () => ({ ...base(), groups: [{ displayName: 'Ops' }, { displayName: 'OPS' }] }), 'group "OPS" is defined twice; AWS group names are unique (ignoring case), define each once'],
    ['a group name is reserved', () => ({ ...base(), groups: [{ displayName: 'AWSAdministrators' }] }), 'test/Sso/Groups/AWSAdministrators: group display name "AWSAdministrators" is reserved by AWS'],
    ['a user is listed twice', () => ({ ...base(), users: [...base().users!, { userName: 'ADA@acme.example', givenName: 'A', familyName: 'L' }] }), 'user "ADA@acme.example" is listed twice; AWS user names are unique, list each once'],
    ['a member is not a user', () => ({ ...base(), groups: [{ displayName: 'Ops', members: ['zed@acme.example'] }] }), 'group "Ops" lists member "zed@acme.example", who is not among the users; add the user or fix the name'],
    ['a permission set is defined twice', () => ({ ...base(), permissionSets: [{ name: 'A' }, { name: 'A' }], grants: [] }), 'permission set "A" is defined twice; permission set names are unique per instance'],
    ['a grant names an unknown group', () => withGrants([{ groups: ['Nobody'], permissionSet: 'Admin', accounts: ACCOUNTS }]), 'grant of "Admin" names unknown group "Nobody"; add it to groups (pushed here) or externalGroups (pushed elsewhere)'],
    ['a grant names an unknown permission set', () => withGrants([{ groups: ['Admins'], permissionSet: 'Root', accounts: ACCOUNTS }]), 'grant of "Root" names an unknown permission set; define it in permissionSets (known: Admin, ReadOnly)'],
    ['a grant is given twice', () => withGrants([{ groups: ['Admins'], permissionSet: 'Admin', accounts: ACCOUNTS }, { groups: ['Admins'], permissionSet: 'Admin', accounts: ['222222222222'] }]), 'grant of "Admin" to group "Admins" on account "222222222222" is given twice; remove the duplicate'],
    ['a grant repeats an account', () => withGrants([{ groups: ['Admins'], permissionSet: 'Admin', accounts: ['111111111111', '111111111111'] }]), 'grant of "Admin" to group "Admins" on account "111111111111" is given twice'],
    ['a grant has a bad account id', () => withGrants([{ groups: ['Admins'], permissionSet: 'Admin', accounts: ['1234'] }]), 'account id "1234" is invalid; expected 12 digits'],
    ['a grant names no accounts', () => withGrants([{ groups: ['Admins'], permissionSet: 'Admin', accounts: [] }]), 'grant of "Admin" names no accounts or organizational units; list at least one account id or OU id'],
    ['a grant names no groups or users', () => withGrants([{ permissionSet: 'Admin', accounts: ACCOUNTS }]), 'grant of "Admin" names no groups or users; list at least one group or user'],
    ['a grant names an unknown user', () => withGrants([{ users: ['eve@acme.example'], permissionSet: 'Admin', accounts: ACCOUNTS }]), 'grant of "Admin" names unknown user "eve@acme.example"; add them to users (a direct grant needs the pushed user\'s id)'],
    ['a user grant is given twice', () => withGrants([{ users: ['ada@acme.example'], permissionSet: 'Admin', accounts: ACCOUNTS }, { users: ['ADA@acme.example'], permissionSet: 'Admin', accounts: ['111111111111'] }]), 'grant of "Admin" to user "ADA@acme.example" on account "111111111111" is given twice; remove the duplicate'],
    ['a grant has a bad OU id', () => withGrants([{ groups: ['Admins'], permissionSet: 'Admin', organizationalUnits: ['ou-1'] }]), 'organizational unit "ou-1" is invalid'],
    ['an OU grant is given twice', () => withGrants([{ groups: ['Admins'], permissionSet: 'Admin', organizationalUnits: [OU] }, { groups: ['Admins'], permissionSet: 'Admin', organizationalUnits: [OU] }]), `grant of "Admin" to group "Admins" on organizational unit "${OU}" is given twice`],
    ['an OU is listed as an account', () => withGrants([{ groups: ['Admins'], permissionSet: 'Admin', accounts: [OU] }]), `"${OU}" is an organizational unit or root, not an account; list it in organizationalUnits`],
    ['an entitled group is unknown', () => ({ ...base(), entitledGroups: ['Ghosts'] }), 'entitled group "Ghosts" is unknown; add it to groups or externalGroups'],
    ['an entitled user is unknown', () => ({ ...base(), entitledUsers: ['ghost@acme.example'] }), 'entitled user "ghost@acme.example" is unknown; add them to users'],
    ['entitlements are given without an application', () => ({ ...base(), application: undefined, entitledGroups: ['Admins'] }), 'entitledGroups/entitledUsers are given but there is no application; add `application` or drop the entitlements'],
  ])('fails when %s', (_case, props, message) => {
    expect(errorOf(() => synth(props()))).toContain(message);
  });

  test('the error names the construct path', () => {
    expect(errorOf(() => synth(withGrants([{ groups: ['Nobody'], permissionSet: 'Admin', accounts: ACCOUNTS }])))).toMatch(/^test\/Sso: /);
  });
});
