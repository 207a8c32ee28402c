import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { IdemeumAwsApplication, IdemeumAwsApplicationProps } from '../../constructs/idemeum-aws-application';
import { PushedGroup } from '../../constructs/pushed-group';
import { PushedUser } from '../../constructs/pushed-user';
import { SessionDuration } from '../../constructs/session-duration';
import { SigningMode } from '../../constructs/signing-mode';
import { SpMetadata } from '../../constructs/sp-metadata';
import { errorOf, only, testStack } from './helpers';

const XML = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example"/>';
const base: IdemeumAwsApplicationProps = { spMetadata: SpMetadata.fromString(XML), entityId: 'https://acme.idemeum.com', ssoUrl: 'https://acme.idemeum.com/sso' };

describe('IdemeumAwsApplication', () => {
  test('defaults: metadata, tenant, no entitlements', () => {
    const stack = testStack();
    new IdemeumAwsApplication(stack, 'Aws', base);
    expect(only(JSON.parse(Testing.synth(stack)), 'resource', 'idemeum_aws_application')).toEqual({
      provider: 'idemeum',
      sp_metadata_xml: XML,
      entity_id: 'https://acme.idemeum.com',
      sso_url: 'https://acme.idemeum.com/sso',
    });
  });

  test('overrides and entitlements reference pushed ids', () => {
    const stack = testStack();
    const user = new PushedUser(stack, 'Jane', { userName: 'jane@example.com', givenName: 'Jane', familyName: 'Doe' });
    const group = new PushedGroup(stack, 'Ops', { displayName: 'Ops' });
    const outside = PushedGroup.fromDisplayName(stack, 'Finance', 'Finance');
    const app = new IdemeumAwsApplication(stack, 'Aws', {
      ...base,
      sessionDuration: SessionDuration.hours(2),
      sign: SigningMode.BOTH,
      attributeMappings: { CostCenter: 'costCenter' },
      entitledGroups: [group],
    });
    app.entitleGroup(outside);
    app.entitleUser(user);
    const out = JSON.parse(Testing.synth(stack));
    const [groupId] = Object.keys(out.resource.idemeum_pushed_group);
    const [userId] = Object.keys(out.resource.idemeum_pushed_user);
    const [dataId] = Object.keys(out.data.idemeum_aws_group);
    expect(only(out, 'resource', 'idemeum_aws_application')).toMatchObject({
      session_duration: 'PT2H',
      sign: 'both',
      attribute_mappings: { CostCenter: 'costCenter' },
      entitled_group_ids: [`\${idemeum_pushed_group.${groupId}.id}`, `\${data.idemeum_aws_group.${dataId}.id}`],
      entitled_user_ids: [`\${idemeum_pushed_user.${userId}.id}`],
    });
  });

  test('reads SP metadata from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spmd-'));
    writeFileSync(join(dir, 'sp.xml'), XML);
    const stack = testStack();
    new IdemeumAwsApplication(stack, 'Aws', { ...base, spMetadata: SpMetadata.fromFile(join(dir, 'sp.xml')) });
    expect(only(JSON.parse(Testing.synth(stack)), 'resource', 'idemeum_aws_application').sp_metadata_xml).toBe(XML);
  });

  test.each<[string, Partial<IdemeumAwsApplicationProps>, Partial<IdemeumAwsApplicationProps>, string]>([
    ['metadata', { spMetadata: SpMetadata.fromString('<EntityDescriptor entityID="x"/>') }, { spMetadata: SpMetadata.fromString('<html>login</html>') }, 'SP metadata from the given string has no EntityDescriptor; download it from IAM Identity Center'],
    ['entity id', { entityId: 'urn:acme' }, { entityId: ' ' }, 'entity id is empty; use your idemeum tenant URL, e.g. "https://acme.idemeum.com"'],
    ['SSO URL', { ssoUrl: 'http://127.0.0.1:9/sso' }, { ssoUrl: 'acme/sso' }, 'SSO URL "acme/sso" is not a URL; use the SAML SSO URL of your idemeum tenant'],
    ['session duration', { sessionDuration: SessionDuration.hours(12) }, { sessionDuration: SessionDuration.hours(24) }, 'session duration "24 hours" is out of range; expected 1 to 12 hours, e.g. SessionDuration.hours(8)'],
  ])('%s: passes when valid, fails when invalid', (_rule, good, bad, message) => {
    expect(() => new IdemeumAwsApplication(testStack(), 'Aws', { ...base, ...good })).not.toThrow();
    expect(errorOf(() => new IdemeumAwsApplication(testStack(), 'Aws', { ...base, ...bad }))).toContain(`test/Aws: ${message}`);
  });

  test('fails when a group is entitled twice', () => {
    const stack = testStack();
    const group = new PushedGroup(stack, 'Ops', { displayName: 'Ops' });
    const app = new IdemeumAwsApplication(stack, 'Aws', { ...base, entitledGroups: [group] });
    expect(() => app.entitleGroup(group)).toThrow('test/Aws: group "Ops" is already entitled; entitle each group once');
  });
});
