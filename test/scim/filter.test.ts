import { GroupFilter, InvalidFilterValueError, UserFilter } from '../../src/scim/filter';

describe('filter builder', () => {
  test.each([
    ['userName', UserFilter.userName('ana@example.com'), 'Users', 'userName eq "ana@example.com"'],
    ['user externalId', UserFilter.externalId('idm-1'), 'Users', 'externalId eq "idm-1"'],
    ['users in a group', UserFilter.inGroup('g-1'), 'Users', 'groups.value eq "g-1"'],
    ['user id', UserFilter.id('u-1'), 'Users', 'id eq "u-1"'],
    ['id and manager', UserFilter.idAndManager('u-1', 'm-1'), 'Users', 'id eq "u-1" and manager eq "m-1"'],
    ['displayName', GroupFilter.displayName('Engineering'), 'Groups', 'displayName eq "Engineering"'],
    ['group externalId', GroupFilter.externalId('x'), 'Groups', 'externalId eq "x"'],
    ['groups of a member', GroupFilter.withMember('u-9'), 'Groups', 'members.value eq "u-9"'],
    ['id and member', GroupFilter.idAndMember('g-1', 'u-9'), 'Groups', 'id eq "g-1" and members eq "u-9"'],
  ])('%s', (_name, filter, target, expression) => {
    expect(filter.target).toBe(target);
    expect(filter.expression).toBe(expression);
    expect(String(filter)).toBe(expression);
  });

  test('quotes and backslashes in values are escaped, so a value cannot extend the expression', () => {
    const f = GroupFilter.displayName('a" or displayName eq "b\\');
    expect(f.expression).toBe('displayName eq "a\\" or displayName eq \\"b\\\\"');
  });

  test.each([['empty string', ''], ['not a string', 42 as unknown as string]])('fails when the value is %s', (_n, value) => {
    expect(() => UserFilter.userName(value)).toThrow(InvalidFilterValueError);
    expect(() => UserFilter.userName(value)).toThrow('filter on userName: the value must be a non-empty string');
  });
});
