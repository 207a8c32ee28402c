import { Testing } from 'cdktf';
import { PushedGroup } from '../../constructs/pushed-group';
import { PushedUser } from '../../constructs/pushed-user';
import { errorOf, only, rendered, synthJson, testStack } from './helpers';

const jane = { userName: 'jane@example.com', givenName: 'Jane', familyName: 'Doe' };
const john = { userName: 'john@example.com', givenName: 'John', familyName: 'Roe' };

describe('PushedGroup', () => {
  test('defaults: no members attribute, default provider', () => {
    const json = synthJson((scope) => new PushedGroup(scope, 'Ops', { displayName: 'Ops' }));
    expect(only(json, 'resource', 'idemeum_pushed_group')).toEqual({
      provider: 'idemeum',
      display_name: 'Ops',
      // The ownership marker: how an interrupted apply's create is recognised as this group's.
      external_id: expect.stringMatching(/^idemeum-aws-sso:c8[0-9a-f]{40}$/),
    });
  });

  test('members reference the pushed users, including ones added with addMember', () => {
    const stack = testStack();
    const a = new PushedUser(stack, 'Jane', jane);
    const b = new PushedUser(stack, 'John', john);
    const g = new PushedGroup(stack, 'Ops', { displayName: 'Ops', members: [a], externalId: 'idm-g', adoptExisting: true });
    g.addMember(b);
    const out = JSON.parse(Testing.synth(stack));
    const [ua, ub] = Object.keys(out.resource.idemeum_pushed_user);
    expect(only(out, 'resource', 'idemeum_pushed_group')).toMatchObject({
      members: [`\${idemeum_pushed_user.${ua}.id}`, `\${idemeum_pushed_user.${ub}.id}`],
      external_id: 'idm-g',
      adopt_existing: true,
    });
    expect(g.members).toEqual([a, b]);
  });

  test('groupId is the pushed group resource id', () => {
    const stack = testStack();
    const g = new PushedGroup(stack, 'Ops', { displayName: 'Ops' });
    const [ref] = rendered(stack, [g.groupId]);
    expect(ref).toMatch(/^\$\{idemeum_pushed_group\.Ops_[0-9A-F]+\.id\}$|^\$\{idemeum_pushed_group\.Ops\.id\}$/);
  });

  test('fromDisplayName waits for an outside group with the data source', () => {
    const stack = testStack();
    const g = PushedGroup.fromDisplayName(stack, 'Finance', 'Finance', { timeout: '5m' });
    const out = JSON.parse(Testing.synth(stack));
    expect(only(out, 'data', 'idemeum_aws_group')).toEqual({ provider: 'idemeum', display_name: 'Finance', timeout: '5m' });
    expect(g.displayName).toBe('Finance');
    expect(rendered(stack, [g.groupId])[0]).toMatch(/^\$\{data\.idemeum_aws_group\.Finance.*\.id\}$/);
  });

  test.each([
    ['Administrator', 'group display name "Administrator" is reserved by AWS (Administrator, AWSAdministrators); choose another name, e.g. "Admins"'],
    ['awsadministrators', 'group display name "awsadministrators" is reserved by AWS'],
    ['', 'group display name "" is invalid; expected 1–1024 characters'],
  ])('fails when the display name is %j', (name, message) => {
    expect(errorOf(() => new PushedGroup(testStack(), 'G', { displayName: name }))).toContain(`test/G: ${message}`);
    expect(errorOf(() => PushedGroup.fromDisplayName(testStack(), 'G', name))).toContain(`test/G: ${message}`);
  });

  test('passes with a non-reserved name close to a reserved one', () => {
    expect(() => new PushedGroup(testStack(), 'G', { displayName: 'Administrators' })).not.toThrow();
  });

  test('fails when a member is added twice', () => {
    const stack = testStack();
    const a = new PushedUser(stack, 'Jane', jane);
    const g = new PushedGroup(stack, 'Ops', { displayName: 'Ops', members: [a] });
    expect(() => g.addMember(a)).toThrow('test/Ops: user "jane@example.com" (test/Jane) is already a member of "Ops"; add each user once');
  });
});
