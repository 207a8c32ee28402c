import { getResponse, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { accessSnapshot } from '../mocks/access-snapshot';
import { withEmulatorEnvironment, emulatorEnvironment } from '../mocks/environment';
import { createHandlers } from '../mocks/handlers';
import { emulatorEndpoints, type EmulatorEndpoints } from '../mocks/ready';
import { startEmulatorServer } from '../mocks/server';
import { applyOrganizationTree, EmulatorState, parseOrganizationTree, type OrganizationTreeInput } from '../mocks/store';
import { effectiveAccess } from '../src/access';
import { EmulatorControl } from './control';

export type { EmulatorEndpoints } from '../mocks/ready';

export interface EmulatorOptions {
  /** AWS accounts to register (assignments can only target registered accounts, as in an organization). @default - none */
  readonly accounts?: readonly string[];
  /**
   * The organization's OUs and accounts (the `mock-aws --org-file` format); `accounts` are added at
   * the root after it. Read the OU ids back with `control.organization()`. @default - the root only
   */
  readonly organization?: OrganizationTreeInput;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Enforce AWS's request rates (SCIM 25 writes/s and 40 reads/s, Identity Store and SSO Admin 20/s). @default true */
  readonly throttle?: boolean;
}

export interface StartEmulatorOptions extends EmulatorOptions {
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
}

/** A running emulator on 127.0.0.1: the fields `mock-aws` prints, its control API, and `stop()`. */
export interface Emulator extends EmulatorEndpoints {
  readonly control: EmulatorControl;
  /**
   * Environment variables that point terraform (both providers), cdktf and AWS SDKs at this
   * emulator: AWS_ENDPOINT_URL, fake credentials, IDEMEUM_SCIM_ENDPOINT, IDEMEUM_SCIM_TOKEN,
   * IDEMEUM_SCIM_TOKEN_ISSUED_AT and IDEMEUM_AWS_SAML_METADATA_URL.
   */
  environment(): Record<string, string>;
  /** `base` (default process.env) minus AWS profile/session variables, plus environment(). */
  childEnvironment(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** The emulator inside this process with MSW: handlers over a fresh directory, nothing listening. */
export interface InProcessEmulator extends EmulatorEndpoints {
  /**
   * msw 2 `RequestHandler`s for your own `setupServer(...(handlers as RequestHandler[]))`. Typed
   * opaquely so these declarations never pull msw's browser typings into your compile; prefer
   * setupEmulatorServer(), which uses the msw this package depends on.
   */
  readonly handlers: readonly unknown[];
  readonly control: EmulatorControl;
}

/** The part of msw's `SetupServerApi` a test needs (the object is msw's own). */
export interface EmulatorServer {
  listen(options?: { readonly onUnhandledRequest?: 'error' | 'warn' | 'bypass' }): void;
  resetHandlers(): void;
  close(): void;
}

function controlOf(state: EmulatorState, handlers: RequestHandler[]): EmulatorControl {
  const base = state.endpoint ?? 'http://emulator.invalid';
  return new EmulatorControl(
    (request) => getResponse(handlers, request, { baseUrl: base }),
    () => effectiveAccess(accessSnapshot(state)),
    base,
  );
}

function newState(options: EmulatorOptions): EmulatorState {
  const state = new EmulatorState({
    ...(options.region !== undefined && { region: options.region }),
    ...(options.throttle !== undefined && { throttle: { enabled: options.throttle } }),
  });
  if (options.organization) applyOrganizationTree(state.organization, parseOrganizationTree(options.organization));
  for (const id of options.accounts ?? []) {
    if (!/^\d{12}$/.test(id)) throw new RangeError(`accounts: "${id}" is not a 12-digit AWS account id`);
    state.sso.accounts.add(id);
  }
  return state;
}

/**
 * Starts the emulator on a loopback port, with one SCIM token issued:
 * `const aws = await startEmulator({ accounts: ['111111111111'] })` … `await aws.stop()`.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const state = newState(options);
  const running = await startEmulatorServer({ state, ...(options.port !== undefined && { port: options.port }) });
  const token = state.directory.scimTokens.issue();
  const endpoints = emulatorEndpoints(state, token.secret);
  const control = controlOf(state, createHandlers(state));
  return {
    ...endpoints,
    control,
    environment: () => emulatorEnvironment(endpoints, token.createdAt),
    childEnvironment: (base = process.env) => withEmulatorEnvironment(base, endpoints, token.createdAt),
    stop: () => running.close(),
  };
}

/**
 * The emulator's MSW handlers over a fresh directory, for `setupServer` in your own tests (clients
 * then talk to AWS's real hostnames, intercepted in-process: listen with
 * `onUnhandledRequest: 'error'` so nothing unmatched leaves the process).
 */
export function createEmulator(options: EmulatorOptions = {}): InProcessEmulator {
  const state = newState(options);
  const handlers = createHandlers(state);
  return { ...emulatorEndpoints(state, state.directory.scimTokens.issue().secret), handlers, control: controlOf(state, handlers) };
}

/** createEmulator() with msw's `setupServer` over its handlers: call `server.listen({ onUnhandledRequest: 'error' })`. */
export function setupEmulatorServer(options: EmulatorOptions = {}): InProcessEmulator & { readonly server: EmulatorServer } {
  const emulator = createEmulator(options);
  return { ...emulator, server: setupServer(...(emulator.handlers as RequestHandler[])) };
}
