import { scimHarness, userBody } from './support';

describe('SCIM throttling per identity store', () => {
  const t = scimHarness({ throttle: { enabled: true } });

  test('answers 429 after 40 reads in one second, per API, and recovers in the next second', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await t.call('GET', '/Users')).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const throttled = await t.call('GET', '/Users');
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ status: '429', detail: 'Rate exceeded' });
    expect((await t.call('GET', '/Groups')).status).toBe(200);
    t.clock.advance(1000);
    expect((await t.call('GET', '/Users')).status).toBe(200);
  });

  test('answers 429 after 25 writes in one second and stores nothing for the throttled one', async () => {
    t.clock.advance(1000);
    let last = 0;
    for (let i = 0; i < 26; i++) last = (await t.call('POST', '/Users', userBody(`w${i}`))).status;
    expect(last).toBe(429);
    expect(t.emulator.state.directory.users.size).toBe(25);
  });
});

describe('SCIM throttling limits are configurable', () => {
  const t = scimHarness({ throttle: { enabled: true, scimReadsPerSecond: 2 } });

  test('a lower read limit throttles the third read', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.call('GET', '/Users')).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
