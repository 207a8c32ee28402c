import { resolveOptions } from '../../mocks/store';

describe('throttle options', () => {
  test('defaults follow UG:limits; the unpublished ones are unset', () => {
    expect(resolveOptions().throttle).toEqual({
      enabled: true, scimWritesPerSecond: 25, scimReadsPerSecond: 40, identityStorePerSecond: 20, ssoAdminPerSecond: 20,
    });
  });

  test('a partial throttle object keeps the other defaults', () => {
    expect(resolveOptions({ throttle: { scimMembershipOpsPerSecond: 50 } }).throttle).toMatchObject({ enabled: true, scimMembershipOpsPerSecond: 50, ssoAdminPerSecond: 20 });
  });

  test.each([
    ['identityStorePerSecond', 0, 'throttle.identityStorePerSecond must be a whole number of calls per second (1 or more), got 0'],
    ['ssoAdminPerSecond', 2.5, 'throttle.ssoAdminPerSecond must be a whole number'],
    ['scimMembershipOpsPerSecond', -1, 'throttle.scimMembershipOpsPerSecond must be a whole number'],
    ['scimRetryAfterSeconds', -1, 'throttle.scimRetryAfterSeconds must be a whole number of seconds (0 or more), got -1'],
  ])('fails when %s is %s', (name, value, message) => {
    expect(() => resolveOptions({ throttle: { [name]: value } })).toThrow(message);
  });

  test.each([
    ['identityStorePerSecond', 1],
    ['scimRetryAfterSeconds', 0],
  ])('accepts %s = %s', (name, value) => {
    expect(resolveOptions({ throttle: { [name]: value } }).throttle).toMatchObject({ [name]: value });
  });
});
