import type { RequestHandler } from 'msw';
import type { EmulatorState } from '../store';
import { controlRoutes } from './routes';

export { addFault, clearFaults, faultHandler, faultsOf, type Fault } from './faults';
export { dumpState, loadStateFile, saveStateFile, StateFileError } from './snapshot';
export { stateFiles } from './routes';

/** The emulator's own control API under `/_fake/` (documented in docs/emulator.md). */
export function controlHandlers(state: EmulatorState): RequestHandler[] {
  return controlRoutes(state);
}
