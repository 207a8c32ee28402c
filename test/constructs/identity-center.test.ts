import { Testing } from 'cdktf';
import { IdentityCenterInstance } from '../../constructs/identity-center';
import { errorOf, rendered, testStack } from './helpers';

describe('IdentityCenterInstance', () => {
  test('lookup reads aws_ssoadmin_instances and takes the first ARN', () => {
    const stack = testStack();
    const i = IdentityCenterInstance.lookup(stack, 'Instance');
    const [arn] = rendered(stack, [i.instanceArn]);
    expect(arn).toMatch(/^\$\{element\(data\.aws_ssoadmin_instances\.Instance[A-Z0-9_]*\.arns, 0\)\}$/);
    expect(JSON.parse(Testing.synth(stack)).terraform.required_providers.aws.version).toBe('>= 5.100, < 7');
  });

  test('fromInstanceArn uses the ARN and looks nothing up', () => {
    const stack = testStack();
    const i = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', 'arn:aws:sso:::instance/ssoins-72238d4e4906358a');
    expect(i.instanceArn).toBe('arn:aws:sso:::instance/ssoins-72238d4e4906358a');
    expect(JSON.parse(Testing.synth(stack)).data).toBeUndefined();
  });

  test('fails when the ARN is not an instance ARN', () => {
    expect(errorOf(() => IdentityCenterInstance.fromInstanceArn(testStack(), 'Instance', 'ssoins-72238d4e4906358a'))).toBe(
      'test/Instance: instance ARN "ssoins-72238d4e4906358a" is not an IAM Identity Center instance ARN; expected arn:aws:sso:::instance/ssoins-<16 characters> (Identity Center console → Settings → Instance ARN), or omit it to look the instance up',
    );
  });
});
