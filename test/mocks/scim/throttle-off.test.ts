import { scimHarness } from './support';

describe('SCIM throttling switched off', () => {
  const t = scimHarness({ throttle: { enabled: false } });

  test('never answers 429 however many reads arrive in one second', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await t.call('GET', '/Users')).status);
    expect([...statuses]).toEqual([200]);
  });
});
