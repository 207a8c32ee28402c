import type { RequestHandler } from 'msw';
import type { EmulatorState } from '../store';

/** Handlers for this AWS surface (filled in by the surface's implementation). */
export function samlHandlers(_state: EmulatorState): RequestHandler[] {
  return [];
}
