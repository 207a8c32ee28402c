import { parsePlan, planAccessChanges, PlanFormatError } from '../../../src/access';

/** Builders for the parts of `terraform show -json <planfile>` (format 1.2) the reader uses. */
type V = Record<string, unknown>;
interface Res { type: string; name: string; mode?: 'managed' | 'data'; index?: string; values: V; unknown?: V; actions?: string[]; before?: V | null; module?: string }
const addr = (r: Res) => `${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${r.index !== undefined ? `["${r.index}"]` : ''}`;

function plan(opts: { prior?: Res[]; changes?: Res[]; config?: { type: string; name: string; mode?: 'managed' | 'data'; expressions: V; module?: string }[] }) {
  const prior = opts.prior ?? [];
  const root = prior.filter((r) => !r.module);
  const modules = [...new Set(prior.filter((r) => r.module).map((r) => r.module!))];
  const stateRes = (r: Res) => ({ address: addr(r), mode: r.mode ?? 'managed', type: r.type, name: r.name, ...(r.index && { index: r.index }), values: r.values });
  const configRes = (c: { type: string; name: string; mode?: string; expressions: V }) => ({ address: `${c.mode === 'data' ? 'data.' : ''}${c.type}.${c.name}`, mode: c.mode ?? 'managed', type: c.type, name: c.name, expressions: c.expressions });
  const config = opts.config ?? [];
  const calls: V = {};
  for (const m of [...new Set(config.filter((c) => c.module).map((c) => c.module!))]) {
    calls[m.replace(/^module\./, '')] = { module: { resources: config.filter((c) => c.module === m).map(configRes) } };
  }
  return JSON.stringify({
    format_version: '1.2',
    prior_state: { values: { root_module: { resources: root.map(stateRes), child_modules: modules.map((m) => ({ address: m, resources: prior.filter((r) => r.module === m).map(stateRes) })) } } },
    resource_changes: (opts.changes ?? []).map((r) => ({
      address: addr(r),
      ...(r.module && { module_address: r.module }),
      mode: r.mode ?? 'managed',
      type: r.type,
      name: r.name,
      ...(r.index && { index: r.index }),
      change: { actions: r.actions ?? ['create'], before: r.before ?? null, after: r.actions?.[0] === 'delete' ? null : r.values, after_unknown: r.unknown ?? {} },
    })),
    configuration: { root_module: { resources: config.filter((c) => !c.module).map(configRes), module_calls: calls } },
  });
}
const ref = (traversal: string) => ({ constant_value: `\${${traversal}}`, references: [traversal, traversal.replace(/\.[^.]+$/, '')] });
const hclRefs = (...traversals: string[]) => ({ references: traversals.flatMap((t) => [t, t.replace(/\.[^.]+$/, '')]) });

const PS = 'arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef';
const user = (name: string, userName: string, id?: string): Res => ({ type: 'idemeum_pushed_user', name, values: { user_name: userName, active: true, ...(id && { id }) }, unknown: id ? {} : { id: true } });
const permissionSet = (arn?: string): Res => ({ type: 'aws_ssoadmin_permission_set', name: 'ro', values: { name: 'ReadOnly', ...(arn && { arn }) }, unknown: arn ? {} : { arn: true } });

describe('access diff of a plan', () => {
  test('a new group of new users on a new permission set: every unknown id resolves through the configuration (CDKTF JSON, positional)', () => {
    const report = planAccessChanges(
      plan({
        changes: [
          user('ada', 'ada@acme.example'),
          user('bob', 'bob@acme.example'),
          { type: 'idemeum_pushed_group', name: 'eng', values: { display_name: 'Engineering', members: [null, null] }, unknown: { id: true, members: [true, true] } },
          permissionSet(),
          { type: 'aws_ssoadmin_account_assignment', name: 'a', index: '111111111111', values: { principal_type: 'GROUP', target_id: '111111111111', target_type: 'AWS_ACCOUNT' }, unknown: { principal_id: true, permission_set_arn: true } },
        ],
        config: [
          { type: 'idemeum_pushed_group', name: 'eng', expressions: { members: { constant_value: ['${idemeum_pushed_user.ada.id}', '${idemeum_pushed_user.bob.id}'], references: ['idemeum_pushed_user.ada.id', 'idemeum_pushed_user.ada', 'idemeum_pushed_user.bob.id', 'idemeum_pushed_user.bob'] } } },
          { type: 'aws_ssoadmin_account_assignment', name: 'a', expressions: { principal_id: ref('idemeum_pushed_group.eng.id'), permission_set_arn: ref('aws_ssoadmin_permission_set.ro.arn'), target_id: { constant_value: '${each.value}', references: ['each.value'] } } },
        ],
      }),
    );
    expect(report.changes).toEqual([
      { user: 'ada@acme.example', account: '111111111111', permissionSet: 'ReadOnly', change: 'gain', via: ['group:Engineering'] },
      { user: 'bob@acme.example', account: '111111111111', permissionSet: 'ReadOnly', change: 'gain', via: ['group:Engineering'] },
    ]);
    expect(report.unresolved).toEqual([]);
    expect(report.summary.usersAdded).toBe(2);
  });

  test('plain HCL with hashicorp/aws identity store resources: references resolve one member and one principal each', () => {
    const report = planAccessChanges(
      plan({
        prior: [{ type: 'aws_ssoadmin_permission_set', name: 'ro', values: { arn: PS, name: 'ReadOnly' } }],
        changes: [
          { ...permissionSet(PS), actions: ['no-op'] },
          { type: 'aws_identitystore_user', name: 'eve', values: { user_name: 'eve@acme.example' }, unknown: { user_id: true } },
          { type: 'aws_identitystore_group', name: 'ops', values: { display_name: 'Ops' }, unknown: { group_id: true } },
          { type: 'aws_identitystore_group_membership', name: 'm', values: {}, unknown: { group_id: true, member_id: true } },
          { type: 'aws_ssoadmin_account_assignment', name: 'a', values: { principal_type: 'GROUP', target_id: '222222222222', permission_set_arn: PS }, unknown: { principal_id: true } },
        ],
        config: [
          { type: 'aws_identitystore_group_membership', name: 'm', expressions: { group_id: hclRefs('aws_identitystore_group.ops.group_id'), member_id: hclRefs('aws_identitystore_user.eve.user_id') } },
          { type: 'aws_ssoadmin_account_assignment', name: 'a', expressions: { principal_id: hclRefs('aws_identitystore_group.ops.group_id') } },
        ],
      }),
    );
    expect(report.changes).toEqual([{ user: 'eve@acme.example', account: '222222222222', permissionSet: 'ReadOnly', change: 'gain', via: ['group:Ops'] }]);
    expect(report.unresolved).toEqual([]);
  });

  test('a member list in HCL resolves when as many referenced users are unknown as elements are', () => {
    const report = planAccessChanges(
      plan({
        prior: [user('ada', 'ada@acme.example', 'u-ada'), { type: 'idemeum_pushed_group', name: 'eng', values: { id: 'g-eng', display_name: 'Eng', members: ['u-ada'] } }, { ...permissionSet(PS) },
          { type: 'aws_ssoadmin_account_assignment', name: 'a', values: { principal_type: 'GROUP', principal_id: 'g-eng', permission_set_arn: PS, target_id: '111111111111' } }],
        changes: [
          { ...user('ada', 'ada@acme.example', 'u-ada'), actions: ['no-op'] },
          user('bob', 'bob@acme.example'),
          { type: 'idemeum_pushed_group', name: 'eng', actions: ['update'], values: { id: 'g-eng', display_name: 'Eng', members: ['u-ada', null] }, unknown: { members: [false, true] } },
          { ...permissionSet(PS), actions: ['no-op'] },
          { type: 'aws_ssoadmin_account_assignment', name: 'a', actions: ['no-op'], values: { principal_type: 'GROUP', principal_id: 'g-eng', permission_set_arn: PS, target_id: '111111111111' } },
        ],
        config: [{ type: 'idemeum_pushed_group', name: 'eng', expressions: { members: hclRefs('idemeum_pushed_user.ada.id', 'idemeum_pushed_user.bob.id') } }],
      }),
    );
    expect(report.changes.map((c) => `${c.change} ${c.user}`)).toEqual(['gain bob@acme.example']);
    expect(report.details.membershipChanges).toEqual([{ user: 'bob@acme.example', group: 'Eng', change: 'added' }]);
  });

  test('a member list that is fully known needs no resolution, whatever its configuration refers to', () => {
    const group: Res = { type: 'idemeum_pushed_group', name: 'g', values: { id: 'g-1', display_name: 'Eng', members: ['u-ada'] }, unknown: { members: [false] } };
    const report = planAccessChanges(
      plan({
        changes: [{ ...user('ada', 'ada@acme.example', 'u-ada'), actions: ['no-op'] }, { ...group, actions: ['create'] }],
        config: [{ type: 'idemeum_pushed_group', name: 'g', expressions: { members: { references: ['var.members'] } } }],
      }),
    );
    expect(report.unresolved).toEqual([]);
    expect(report.details.membershipChanges).toEqual([{ user: 'ada@acme.example', group: 'Eng', change: 'added' }]);
  });

  test('a reference into a for_each resource resolves by its key; resources in modules resolve within the module', () => {
    const report = planAccessChanges(
      plan({
        changes: [
          { ...user('u', 'ada@acme.example'), index: 'ada', module: 'module.sso' },
          { type: 'idemeum_pushed_group', name: 'g', module: 'module.sso', values: { display_name: 'Admins', members: [null] }, unknown: { id: true, members: [true] } },
          { ...permissionSet(PS), module: 'module.sso' },
          { type: 'aws_ssoadmin_account_assignment', name: 'a', module: 'module.sso', values: { principal_type: 'GROUP', target_id: '111111111111', permission_set_arn: PS }, unknown: { principal_id: true } },
        ],
        config: [
          { module: 'module.sso', type: 'idemeum_pushed_group', name: 'g', expressions: { members: hclRefs('idemeum_pushed_user.u["ada"].id') } },
          { module: 'module.sso', type: 'aws_ssoadmin_account_assignment', name: 'a', expressions: { principal_id: hclRefs('idemeum_pushed_group.g.id') } },
        ],
      }),
    );
    expect(report.changes.map((c) => `${c.user} ${c.permissionSet} ${c.via}`)).toEqual(['ada@acme.example ReadOnly group:Admins']);
    expect(report.unresolved).toEqual([]);
  });

  test('a policy change on an existing permission set reaches everyone who holds it; a removed assignment is a loss', () => {
    const prior: Res[] = [
      user('ada', 'ada@acme.example', 'u-ada'),
      user('bob', 'bob@acme.example', 'u-bob'),
      permissionSet(PS),
      { type: 'aws_ssoadmin_account_assignment', name: 'ada', values: { principal_type: 'USER', principal_id: 'u-ada', permission_set_arn: PS, target_id: '111111111111' } },
      { type: 'aws_ssoadmin_account_assignment', name: 'bob', values: { principal_type: 'USER', principal_id: 'u-bob', permission_set_arn: PS, target_id: '111111111111' } },
      { type: 'aws_ssoadmin_managed_policy_attachment', name: 'p', values: { permission_set_arn: PS, managed_policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
    ];
    const report = planAccessChanges(
      plan({
        prior,
        changes: [
          ...prior.slice(0, 4).map((r) => ({ ...r, actions: ['no-op'] })),
          { ...prior[4], actions: ['delete'], before: prior[4].values },
          { ...prior[5], actions: ['delete'], before: prior[5].values },
          { type: 'aws_ssoadmin_managed_policy_attachment', name: 'q', values: { permission_set_arn: PS, managed_policy_arn: 'arn:aws:iam::aws:policy/ViewOnlyAccess' } },
        ],
      }),
    );
    expect(report.changes).toEqual([{ user: 'bob@acme.example', account: '111111111111', permissionSet: 'ReadOnly', change: 'loss', via: ['user'] }]);
    expect(report.policyChanges).toEqual([{ permissionSet: 'ReadOnly', reaches: ['ada@acme.example'] }]);
  });

  test('fails to resolve, and says so, when a principal comes from a local value', () => {
    const report = planAccessChanges(
      plan({
        changes: [
          permissionSet(PS),
          { type: 'aws_ssoadmin_account_assignment', name: 'a', values: { principal_type: 'GROUP', target_id: '111111111111', permission_set_arn: PS }, unknown: { principal_id: true } },
        ],
        config: [{ type: 'aws_ssoadmin_account_assignment', name: 'a', expressions: { principal_id: { references: ['local.group_id'] } } }],
      }),
    );
    expect(report.changes).toEqual([]);
    expect(report.unresolved).toEqual([
      'aws_ssoadmin_account_assignment.a: principal_id is known only after apply and it comes from local.group_id, which does not name one resource of this plan',
    ]);
  });

  test('fails to resolve members when the references do not match the unknown elements', () => {
    const report = planAccessChanges(
      plan({
        changes: [
          user('ada', 'ada@acme.example'),
          user('bob', 'bob@acme.example'),
          { type: 'idemeum_pushed_group', name: 'g', values: { display_name: 'Eng', members: [null] }, unknown: { id: true, members: [true] } },
        ],
        config: [{ type: 'idemeum_pushed_group', name: 'g', expressions: { members: hclRefs('idemeum_pushed_user.ada.id', 'idemeum_pushed_user.bob.id') } }],
      }),
    );
    expect(report.unresolved).toEqual([expect.stringMatching(/^idemeum_pushed_group\.g: members is known only after apply .*; some members of group Eng are not known$/)]);
  });

  test('a grant to a group managed outside the configuration is reported, not guessed', () => {
    const report = planAccessChanges(
      plan({
        prior: [{ type: 'idemeum_aws_group', name: 'fin', mode: 'data', values: { id: 'g-fin', display_name: 'Finance' } }, permissionSet(PS)],
        changes: [
          { ...permissionSet(PS), actions: ['no-op'] },
          { type: 'aws_ssoadmin_account_assignment', name: 'a', values: { principal_type: 'GROUP', principal_id: 'g-fin', target_id: '111111111111', permission_set_arn: PS } },
        ],
      }),
    );
    expect(report.changes).toEqual([]);
    expect(report.unresolved).toEqual([
      'grant of ReadOnly on account 111111111111 to group Finance is added, but that group is managed outside this configuration: the plan does not say who its members are',
    ]);
  });

  test('a plan without any change (terraform leaves out resource_changes) changes no access', () => {
    const report = planAccessChanges(JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} }, configuration: { root_module: {} } }));
    expect(report.changes).toEqual([]);
    expect(report.unresolved).toEqual([]);
  });

  test.each([
    ['it is not JSON', '{', /is not JSON/],
    ['it is a state, not a plan', JSON.stringify({ format_version: '1.0', values: {} }), /is not a Terraform plan in JSON: it has no "planned_values" or "configuration"; run `terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > plan.json`/],
    ['its format is unknown', JSON.stringify({ format_version: '2.0', planned_values: {}, resource_changes: [] }), /has plan format 2\.0; this reader understands format 1\.x/],
  ])('fails when %s', (_case, text, message) => {
    expect(() => parsePlan(text, 'plan.json')).toThrow(PlanFormatError);
    expect(() => parsePlan(text, 'plan.json')).toThrow(message);
  });
});
