import { TerraformStack, Testing } from 'cdktf';
import { SsoadminManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { IdentityCenterInstance } from '../../constructs/identity-center';
import { ManagedPolicy } from '../../constructs/managed-policy';
import { PermissionSet, PermissionSetProps } from '../../constructs/permission-set';
import { PolicyDocument } from '../../constructs/policy-document';
import { SessionDuration } from '../../constructs/session-duration';
import { errorOf, testStack } from './helpers';

const ARN = 'arn:aws:sso:::instance/ssoins-0123456789abcdef';

function build(props: Partial<PermissionSetProps> = {}, stack: TerraformStack = testStack()) {
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', ARN);
  const ps = new PermissionSet(stack, 'ReadOnly', { instance, name: 'ReadOnly', ...props });
  return { stack, ps, json: () => JSON.parse(Testing.synth(stack)) };
}

describe('PermissionSet', () => {
  test('defaults: only name and instance, no policies', () => {
    const { json } = build();
    const out = json();
    expect(Object.values(out.resource.aws_ssoadmin_permission_set)).toEqual([{ instance_arn: ARN, name: 'ReadOnly' }]);
    expect(out.resource.aws_ssoadmin_managed_policy_attachment).toBeUndefined();
    expect(out.resource.aws_ssoadmin_permission_set_inline_policy).toBeUndefined();
    expect(out.resource.aws_ssoadmin_permissions_boundary_attachment).toBeUndefined();
  });

  test('overrides: every property reaches its resource', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    const { stack } = build({
      description: 'Read things',
      sessionDuration: SessionDuration.fromIso('PT1H30M'),
      relayState: 'https://console.aws.amazon.com/s3/home',
      tags: { team: 'platform' },
      managedPolicies: [ManagedPolicy.aws('ReadOnlyAccess'), ManagedPolicy.customerManaged('Billing', '/teams/')],
      inlinePolicy: PolicyDocument.fromObject(doc),
      permissionsBoundary: ManagedPolicy.customerManaged('Boundary'),
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(SsoadminPermissionSet, {
      name: 'ReadOnly',
      description: 'Read things',
      session_duration: 'PT1H30M',
      relay_state: 'https://console.aws.amazon.com/s3/home',
      tags: { team: 'platform' },
    });
    expect(synth).toHaveResourceWithProperties(SsoadminManagedPolicyAttachment, {
      managed_policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    const out = JSON.parse(synth);
    const [psId] = Object.keys(out.resource.aws_ssoadmin_permission_set);
    expect(Object.values(out.resource.aws_ssoadmin_managed_policy_attachment)).toEqual([
      expect.objectContaining({ permission_set_arn: `\${aws_ssoadmin_permission_set.${psId}.arn}`, instance_arn: ARN }),
    ]);
    expect(Object.values(out.resource.aws_ssoadmin_customer_managed_policy_attachment)).toEqual([
      expect.objectContaining({ customer_managed_policy_reference: { name: 'Billing', path: '/teams/' } }),
    ]);
    expect(Object.values(out.resource.aws_ssoadmin_permission_set_inline_policy)).toEqual([
      expect.objectContaining({ inline_policy: JSON.stringify(doc) }),
    ]);
    expect(Object.values(out.resource.aws_ssoadmin_permissions_boundary_attachment)).toEqual([
      expect.objectContaining({ permissions_boundary: { customer_managed_policy_reference: { name: 'Boundary', path: '/' } } }),
    ]);
  });

  test('an AWS managed permissions boundary is referenced by ARN', () => {
    const { json } = build({ permissionsBoundary: ManagedPolicy.aws('PowerUserAccess') });
    expect(Object.values(json().resource.aws_ssoadmin_permissions_boundary_attachment)).toEqual([
      expect.objectContaining({ permissions_boundary: { managed_policy_arn: 'arn:aws:iam::aws:policy/PowerUserAccess' } }),
    ]);
  });

  test('attachment ids derive from the policy, so adding one policy renames nothing', () => {
    const ids = (policies: ManagedPolicy[]) =>
      Object.keys(build({ managedPolicies: policies }).json().resource.aws_ssoadmin_managed_policy_attachment).sort();
    const before = ids([ManagedPolicy.aws('ReadOnlyAccess')]);
    const after = ids([ManagedPolicy.aws('AmazonS3ReadOnlyAccess'), ManagedPolicy.aws('ReadOnlyAccess')]);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(2);
  });

  test('addManagedPolicy attaches after construction and consumers wait for it', () => {
    const { ps, stack } = build();
    const { SsoadminAccountAssignment } = require('@cdktf/provider-aws/lib/ssoadmin-account-assignment');
    const consumer = new SsoadminAccountAssignment(stack, 'A', {
      instanceArn: ARN, permissionSetArn: ps.permissionSetArn, principalId: 'g', principalType: 'GROUP', targetId: '111111111111', targetType: 'AWS_ACCOUNT',
    });
    ps.provisionBefore(consumer);
    ps.addManagedPolicy(ManagedPolicy.aws('job-function/ViewOnlyAccess'));
    const out = JSON.parse(Testing.synth(stack));
    const [attachmentId] = Object.keys(out.resource.aws_ssoadmin_managed_policy_attachment);
    expect(attachmentId).toMatch(/^ReadOnly_ManagedPolicies_job-function--ViewOnlyAccess_/);
    expect(out.resource.aws_ssoadmin_account_assignment.A.depends_on).toEqual([`aws_ssoadmin_managed_policy_attachment.${attachmentId}`]);
    expect(ps.managedPolicies.map(String)).toEqual(['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess']);
  });

  test('fromPermissionSetArn references an existing set without creating one', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'I', ARN);
    const imported = PermissionSet.fromPermissionSetArn(stack, 'Existing', instance, 'arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef');
    expect(imported.permissionSetArn).toBe('arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef');
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  test('unresolved tokens are not validated', () => {
    const stack = testStack();
    const { TerraformVariable } = require('cdktf');
    const name = new TerraformVariable(stack, 'name', { type: 'string' }).stringValue;
    expect(() => build({ name, description: name, relayState: name }, stack)).not.toThrow();
  });

  const many = (n: number) => Array.from({ length: n }, (_, i) => ManagedPolicy.aws(`Policy${i}`));
  const big = PolicyDocument.fromObject({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'x'.repeat(10_300), Resource: '*' }] });

  test.each<[string, Partial<PermissionSetProps>, Partial<PermissionSetProps>, string]>([
    ['name', { name: 'Power_User.2' }, { name: 'Power User' }, 'permission set name "Power User" is invalid; expected 1–32 characters of letters, digits and +=,.@_- (no spaces), e.g. "PowerUser"'],
    ['name length', { name: 'a'.repeat(32) }, { name: 'a'.repeat(33) }, `permission set name "${'a'.repeat(33)}" is invalid`],
    ['session duration (low)', { sessionDuration: SessionDuration.hours(1) }, { sessionDuration: SessionDuration.minutes(59) }, 'session duration "59 minutes" is out of range; AWS accepts 1 to 12 hours, e.g. SessionDuration.hours(8) or "PT8H"'],
    ['session duration (high)', { sessionDuration: SessionDuration.hours(12) }, { sessionDuration: SessionDuration.fromIso('PT13H') }, 'session duration "PT13H" is out of range'],
    ['session duration (syntax)', { sessionDuration: SessionDuration.fromIso('PT90M') }, { sessionDuration: SessionDuration.fromIso('8 hours') }, 'session duration "8 hours" is out of range'],
    ['relay state', { relayState: 'https://console.aws.amazon.com/ec2/home?region=us-east-1#Instances:' }, { relayState: 'https://x.example/<script>' }, 'relay state "https://x.example/<script>" is invalid; expected a URL of 1–240 characters'],
    ['relay state length', { relayState: `https://x.example/${'a'.repeat(200)}` }, { relayState: `https://x.example/${'a'.repeat(230)}` }, 'relay state'],
    ['description', { description: 'Read-only, for auditors (SOC 2)' }, { description: 'emoji 🚀' }, 'description "emoji 🚀" is invalid; expected 1–700 printable Latin-1 characters, or omit it'],
    ['tag key', { tags: { 'cost-center': '42' } }, { tags: { 'bad*key': 'v' } }, 'tag key "bad*key" is invalid; expected 1–128 letters, digits, spaces or _.:/=+-@'],
    ['tag value', { tags: { team: 'a b' } }, { tags: { team: 'x'.repeat(257) } }, 'tag "team" has invalid value'],
    ['inline policy JSON', { inlinePolicy: PolicyDocument.fromJson('{"Version":"2012-10-17","Statement":[]}') }, { inlinePolicy: PolicyDocument.fromJson('{"Version":') }, 'inline policy is not valid JSON ('],
    ['inline policy is an object', { inlinePolicy: PolicyDocument.fromJson('{}') }, { inlinePolicy: PolicyDocument.fromJson('[1]') }, 'inline policy is not valid JSON (the document is not a JSON object)'],
    ['inline policy size', { inlinePolicy: PolicyDocument.fromJson(`{"a":"${'x'.repeat(10_000)}"}`) }, { inlinePolicy: big }, 'non-whitespace characters; AWS allows 10240; move statements into customer managed policies'],
    ['managed policy ARN', { managedPolicies: [ManagedPolicy.fromArn('arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess')] }, { managedPolicies: [ManagedPolicy.fromArn('arn:aws:iam::123456789012:policy/Mine')] }, 'managed policy ARN "arn:aws:iam::123456789012:policy/Mine" is not an AWS managed policy ARN; expected arn:aws:iam::aws:policy/<name>, e.g. ManagedPolicy.aws("ReadOnlyAccess"); for your own policies use ManagedPolicy.customerManaged(name, path)'],
    ['customer policy path', { managedPolicies: [ManagedPolicy.customerManaged('P', '/a/b/')] }, { managedPolicies: [ManagedPolicy.customerManaged('P', 'a/b')] }, 'managed policy path "a/b" is invalid; expected "/" or "/segments/" (begins and ends with a slash)'],
    ['customer policy name', { managedPolicies: [ManagedPolicy.customerManaged('P.1')] }, { managedPolicies: [ManagedPolicy.customerManaged('P 1')] }, 'managed policy name "P 1" is invalid'],
    ['boundary ARN', { permissionsBoundary: ManagedPolicy.aws('PowerUserAccess') }, { permissionsBoundary: ManagedPolicy.fromArn('not-an-arn') }, 'permissions boundary ARN "not-an-arn" is not an AWS managed policy ARN'],
    ['≤ 25 policies', { managedPolicies: many(25) }, { managedPolicies: many(26) }, '26 managed policies given; AWS allows 25 (AWS and customer managed together) per permission set; merge some into a customer managed policy'],
    ['duplicate policy', { managedPolicies: [ManagedPolicy.aws('A'), ManagedPolicy.aws('B')] }, { managedPolicies: [ManagedPolicy.aws('A'), ManagedPolicy.aws('A')] }, 'managed policy arn:aws:iam::aws:policy/A is attached twice; remove the duplicate'],
  ])('%s: passes when valid, fails when invalid', (_rule, good, bad, message) => {
    expect(() => build(good)).not.toThrow();
    const msg = errorOf(() => build(bad));
    expect(msg.startsWith('test/ReadOnly: ')).toBe(true);
    expect(msg).toContain(message);
  });

  test('fails when there are more than 75 tags', () => {
    const tags = Object.fromEntries(Array.from({ length: 76 }, (_, i) => [`k${i}`, 'v']));
    expect(errorOf(() => build({ tags }))).toBe('test/ReadOnly: 76 tags given; AWS allows 75 per permission set');
  });

  test('fails when addManagedPolicy would exceed 25 policies', () => {
    const { ps } = build({ managedPolicies: many(25) });
    expect(() => ps.addManagedPolicy(ManagedPolicy.aws('One-too-many'))).toThrow('26 managed policies given');
  });

  test('fails with every problem listed at once', () => {
    expect(errorOf(() => build({ name: 'a b', relayState: '<x>' }))).toMatchInlineSnapshot(`
"test/ReadOnly: 2 problems:
  - permission set name "a b" is invalid; expected 1–32 characters of letters, digits and +=,.@_- (no spaces), e.g. "PowerUser"
  - relay state "<x>" is invalid; expected a URL of 1–240 characters, e.g. "https://console.aws.amazon.com/s3/home", or omit it"
`);
  });
});
