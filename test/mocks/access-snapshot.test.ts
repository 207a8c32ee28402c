import { effectiveAccess } from '../../src/access';
import { accessSnapshot } from '../../mocks/access-snapshot';
import { EmulatorState, ManualClock } from '../../mocks/store';

describe('accessSnapshot', () => {
  test('turns the emulator directory and assignments into effective access', () => {
    const state = new EmulatorState({ clock: new ManualClock() });
    const now = state.clock.now();
    state.directory.users.set('u1', {
      id: 'u1', userName: 'ada@acme.example', name: { givenName: 'Ada', familyName: 'Lovelace' }, displayName: 'Ada',
      active: true, emails: [], addresses: [], phoneNumbers: [], roles: [], created: now, lastModified: now,
    } as never);
    state.directory.groups.set('g1', { id: 'g1', displayName: 'Admins', created: now, lastModified: now } as never);
    state.directory.memberships.set('g1', new Map([['u1', { membershipId: 'm1', groupId: 'g1', userId: 'u1' }]]));
    const arn = `arn:aws:sso:::permissionSet/${state.instanceArn.split('/')[1]}/ps-0123456789abcdef`;
    state.sso.permissionSets.set(arn, { arn, name: 'AdministratorAccess' } as never);
    state.sso.assignments.push({ accountId: '111111111111', permissionSetArn: arn, principalType: 'GROUP', principalId: 'g1' });

    const report = effectiveAccess(accessSnapshot(state));
    expect(report.grants).toEqual([
      { userId: 'u1', userName: 'ada@acme.example', accountId: '111111111111', permissionSet: 'AdministratorAccess', via: ['Admins'], paths: ['group:Admins'] },
    ]);
  });
});
