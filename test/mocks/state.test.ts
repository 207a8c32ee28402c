import { EmulatorState, ManualClock, sequentialIds } from '../../mocks/store';

describe('EmulatorState', () => {
  test('derives AWS-shaped identifiers', () => {
    const state = new EmulatorState({ clock: new ManualClock(), ids: sequentialIds() });
    expect(state.identityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
    expect(state.instanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    expect(state.options.region).toBe('us-east-1');
  });

  test('reset keeps identifiers and clears the directory; the organization keeps only its management account', () => {
    const state = new EmulatorState();
    const before = [state.identityStoreId, state.organization.organizationId, state.organization.rootId];
    state.sso.accounts.add('111111111111');
    state.organization.createOrganizationalUnit(state.organization.rootId, 'Workloads');
    state.reset();
    expect([state.identityStoreId, state.organization.organizationId, state.organization.rootId]).toEqual(before);
    expect([...state.sso.accounts]).toEqual([state.options.managementAccountId]);
    expect(state.organization.organizationalUnits.size).toBe(0);
  });
});
