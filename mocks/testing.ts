import { setupEmulator, type InProcessEmulator } from './node';
import { scimBaseUrl } from './scim';
import { startEmulatorServer, type RunningEmulator, type StartEmulatorOptions } from './server';
import type { EmulatorStateInit } from './store';

export interface StartedEmulator extends RunningEmulator {
  /** A freshly issued SCIM bearer token (secret). */
  readonly scimToken: string;
  /** `http://127.0.0.1:<port>/<tenant>/scim/v2` */
  readonly scimUrl: string;
}

/** Loopback emulator plus an issued SCIM token: what most tests against real clients need. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<StartedEmulator> {
  const running = await startEmulatorServer(options);
  const token = running.state.directory.scimTokens.issue();
  return { ...running, scimToken: token.secret, scimUrl: scimBaseUrl(running.state) };
}

export interface InProcessScim extends InProcessEmulator {
  readonly scimToken: string;
  /** `https://scim.<region>.amazonaws.com/<tenant>/scim/v2` */
  readonly scimUrl: string;
}

/** In-process emulator (MSW setupServer, not yet listening) with an issued SCIM token. */
export function setupScimEmulator(init: EmulatorStateInit = {}): InProcessScim {
  const emulator = setupEmulator(init);
  const token = emulator.state.directory.scimTokens.issue();
  return { ...emulator, scimToken: token.secret, scimUrl: scimBaseUrl(emulator.state) };
}
