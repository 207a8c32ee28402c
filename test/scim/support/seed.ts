import type { EmulatorState } from '../../../mocks/store';

/** Puts users straight into the emulator's directory: setup, not the behaviour under test. */
export function seedUsers(state: EmulatorState, count: number, prefix = 'user'): { id: string; userName: string }[] {
  return Array.from({ length: count }, (_, i) =>
    state.directory.createUser({
      userName: `${prefix}${i}@example.com`,
      displayName: `User ${i}`,
      name: { givenName: 'U', familyName: `${i}` },
      active: true,
      emails: [],
      addresses: [],
      phoneNumbers: [],
      roles: [],
    }),
  );
}
