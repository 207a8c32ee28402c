import { setupServer, SetupServerApi } from 'msw/node';
import { createHandlers } from './handlers';
import { EmulatorState, EmulatorStateInit } from './store';

export interface InProcessEmulator {
  readonly state: EmulatorState;
  readonly server: SetupServerApi;
}

/**
 * The emulator inside the test process (MSW setupServer). Intercepts node:http and global fetch
 * (the AWS SDK, fetch-based clients); undici.request is not intercepted, so undici-based clients
 * are tested against the loopback server (mocks/server.ts) instead.
 */
export function setupEmulator(init: EmulatorStateInit = {}): InProcessEmulator {
  const state = new EmulatorState(init);
  const server = setupServer(...createHandlers(state));
  return { state, server };
}
