import { ListUsersCommand } from '@aws-sdk/client-identitystore';
import { rateWindows } from '../../mocks/store/throttle';
import { awsJsonHarness, sdkError } from './ssoadmin/harness';

/** `n` identical raw calls in the current second; their HTTP statuses and error types. */
async function burst(h: ReturnType<typeof awsJsonHarness>, n: number, target: string, body: unknown): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await h.call(target, body);
    outcomes.push(res.status === 200 ? 'ok' : `${res.status} ${res.body.__type}`);
  }
  return outcomes;
}

describe('JSON API throttles at AWS\'s published rates (on by default)', () => {
  const h = awsJsonHarness({ throttle: { enabled: true } });
  const ids = () => ({ IdentityStoreId: h.emulator.state.identityStoreId });
  const sso = () => ({ InstanceArn: h.emulator.state.instanceArn });
  beforeEach(() => rateWindows(h.emulator.state).reset());

  test('defaults are 20 TPS per Identity Store API and 20 TPS for SSO Admin as a whole', () => {
    expect(h.emulator.state.options.throttle).toMatchObject({ enabled: true, identityStorePerSecond: 20, ssoAdminPerSecond: 20 });
  });

  test('the 21st call of one Identity Store API in a second is a ThrottlingException "Rate exceeded" (HTTP 400)', async () => {
    const outcomes = await burst(h, 21, 'AWSIdentityStore.ListUsers', ids());
    expect(outcomes.slice(0, 20).every((o) => o === 'ok')).toBe(true);
    const res = await h.call('AWSIdentityStore.ListUsers', ids());
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(res.body).toEqual({ __type: 'ThrottlingException', Message: 'Rate exceeded', RequestId: res.headers.get('x-amzn-requestid') });
    expect(outcomes[20]).toBe('400 ThrottlingException');
  });

  test('each Identity Store API has its own budget, and the next second starts afresh', async () => {
    await burst(h, 21, 'AWSIdentityStore.ListUsers', ids());
    expect(await burst(h, 1, 'AWSIdentityStore.ListGroups', ids())).toEqual(['ok']);
    h.clock.advance(1000);
    expect(await burst(h, 1, 'AWSIdentityStore.ListUsers', ids())).toEqual(['ok']);
  });

  test('the SDK sees a retryable ThrottlingException', async () => {
    await burst(h, 20, 'AWSIdentityStore.ListUsers', ids());
    const err = await sdkError(h.identityStore.send(new ListUsersCommand(ids())));
    expect(err.name).toBe('ThrottlingException');
    expect(err.raw.$retryable).toEqual({ throttling: true });
  });

  test('SSO Admin counts all its APIs together: 10 + 10 pass, the 21st of any API is throttled', async () => {
    const first = await burst(h, 10, 'SWBExternalService.ListPermissionSets', sso());
    const second = await burst(h, 10, 'SWBExternalService.ListInstances', {});
    expect([...first, ...second].every((o) => o === 'ok')).toBe(true);
    expect(await burst(h, 1, 'SWBExternalService.DescribeInstance', sso())).toEqual(['400 ThrottlingException']);
  });

  test('a throttled mutation changes nothing', async () => {
    await burst(h, 20, 'AWSIdentityStore.CreateGroup', { ...ids(), DisplayName: 'x' }); // 1 created, 19 conflicts, all counted
    const res = await h.call('AWSIdentityStore.CreateGroup', { ...ids(), DisplayName: 'Throttled' });
    expect(res.body.__type).toBe('ThrottlingException');
    expect(h.emulator.state.directory.findGroupByDisplayName('Throttled')).toBeUndefined();
  });
});

describe('JSON API throttles are configurable', () => {
  const h = awsJsonHarness({ throttle: { enabled: true, identityStorePerSecond: 2, ssoAdminPerSecond: 3 } });
  beforeEach(() => rateWindows(h.emulator.state).reset());

  test('lower limits throttle earlier', async () => {
    expect(await burst(h, 3, 'AWSIdentityStore.ListGroups', { IdentityStoreId: h.emulator.state.identityStoreId })).toEqual(['ok', 'ok', '400 ThrottlingException']);
    expect(await burst(h, 4, 'SWBExternalService.ListInstances', {})).toEqual(['ok', 'ok', 'ok', '400 ThrottlingException']);
  });
});

describe('JSON API throttles switched off (throttle.enabled: false, as mock-aws --no-throttle)', () => {
  const h = awsJsonHarness({ throttle: { enabled: false } });

  test('never throttles however many calls arrive in one second', async () => {
    const outcomes = new Set([
      ...(await burst(h, 30, 'AWSIdentityStore.ListUsers', { IdentityStoreId: h.emulator.state.identityStoreId })),
      ...(await burst(h, 30, 'SWBExternalService.ListInstances', {})),
    ]);
    expect([...outcomes]).toEqual(['ok']);
  });
});
