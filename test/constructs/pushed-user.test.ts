import { Testing } from 'cdktf';
import { PushedUserResource } from '../../constructs/idemeum/pushed-user';
import { Deprovision, PushedUser, PushedUserProps } from '../../constructs/pushed-user';
import { errorOf, only, rendered, synthJson, testStack } from './helpers';

const base: PushedUserProps = { userName: 'jane@example.com', givenName: 'Jane', familyName: 'Doe' };

describe('PushedUser', () => {
  test('defaults: display name from the names, default idemeum provider', () => {
    const json = synthJson((scope) => new PushedUser(scope, 'Jane', base));
    expect(only(json, 'resource', 'idemeum_pushed_user')).toEqual({
      provider: 'idemeum',
      user_name: 'jane@example.com',
      display_name: 'Jane Doe',
      given_name: 'Jane',
      family_name: 'Doe',
      external_id: expect.stringMatching(/^idemeum-aws-sso:c8[0-9a-f]{40}$/),
    });
    expect(json.provider.idemeum).toEqual([{}]);
  });

  test('the default external_id (the ownership marker) is stable per construct path and differs between paths', () => {
    const marker = (id: string) => only(synthJson((scope) => new PushedUser(scope, id, base)), 'resource', 'idemeum_pushed_user').external_id;
    expect(marker('Jane')).toBe(marker('Jane'));
    expect(marker('Jane')).not.toBe(marker('Jane2'));
  });

  test('overrides reach the resource', () => {
    const stack = testStack();
    new PushedUser(stack, 'Jane', {
      ...base,
      displayName: 'J. Doe',
      email: 'j.doe@example.com',
      active: false,
      externalId: 'idm-42',
      deprovision: Deprovision.DEACTIVATE,
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PushedUserResource, {
      display_name: 'J. Doe',
      email: 'j.doe@example.com',
      active: false,
      external_id: 'idm-42',
      deprovision: 'deactivate',
    });
  });

  test('userId references the pushed user id', () => {
    const stack = testStack();
    const u = new PushedUser(stack, 'Jane', base);
    expect(rendered(stack, [u.userId])[0]).toMatch(/^\$\{idemeum_pushed_user\.Jane[A-Z0-9_]*\.id\}$/);
  });

  test.each<[string, Partial<PushedUserProps>, Partial<PushedUserProps>, string]>([
    ['user name is an email', { userName: 'a.b+c@sub.example.org' }, { userName: 'jane' }, 'user name "jane" is not an email address; idemeum pushes users by email, e.g. "jane@example.com"'],
    ['email', { email: 'x@y.example' }, { email: 'x@y' }, 'email "x@y" is not an email address; fix it or omit it to use the user name'],
    ['given name', { givenName: 'J' }, { givenName: ' ' }, 'givenName is empty; AWS does not provision users without a given name, family name and display name'],
    ['family name', { familyName: 'D' }, { familyName: '' }, 'familyName is empty'],
    ['display name', { displayName: 'JD' }, { displayName: 'x'.repeat(1025) }, 'display name "'],
  ])('%s: passes when valid, fails when invalid', (_rule, good, bad, message) => {
    expect(() => new PushedUser(testStack(), 'U', { ...base, ...good })).not.toThrow();
    const msg = errorOf(() => new PushedUser(testStack(), 'U', { ...base, ...bad }));
    expect(msg).toContain('test/U: ');
    expect(msg).toContain(message);
  });
});
