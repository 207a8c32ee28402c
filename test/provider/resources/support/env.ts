import { clearFaults } from '../../../../mocks/control/faults';
import { startEmulatorServer, type RunningEmulator } from '../../../../mocks/server';
import { scimBaseUrl } from '../../../../mocks/scim';
import type { ObjectValue } from '../../../../src/provider/codec/values';
import type { DataSourceType, ResourceType } from '../../../../src/provider/framework/resource';
import { dataSources, resources } from '../../../../src/provider/registry';
import { FakeCore } from '../../../support/fake-core';

/**
 * The resources under test, served by the protocol engineer's fake Terraform core (real gRPC,
 * msgpack, plan rules) and pushing to the emulator on loopback. A new core is a new provider
 * process, with its own SCIM client and read cache, as Terraform starts one per command.
 */
export interface ResourceEnv {
  readonly emu: RunningEmulator;
  token: string;
  /** A configured provider process; `env` is its environment, `config` adds to its provider block. */
  core(options?: CoreOptions): Promise<FakeCore>;
  close(): Promise<void>;
}

export interface CoreOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly config?: ObjectValue;
}

export async function startResourceEnv(): Promise<ResourceEnv> {
  const emu = await startEmulatorServer();
  const cores: FakeCore[] = [];
  const env: ResourceEnv = {
    emu,
    token: emu.state.directory.scimTokens.issue().secret,
    async core(options = {}) {
      const core = await FakeCore.inProcess({ resources: resources as ResourceType[], dataSources: dataSources as DataSourceType[], env: options.env });
      cores.push(core);
      const diags = await core.configure({ ...options.config, scim_endpoint: scimBaseUrl(emu.state), scim_token: env.token });
      if (diags.some((d) => d.severity === 'error')) throw new Error(`configure failed: ${JSON.stringify(diags)}`);
      return core;
    },
    async close() {
      for (const c of cores) await c.shutdown().catch(() => undefined);
      await emu.close();
    },
  };
  return env;
}

/** Resets the emulator between tests, faults included, and issues a fresh token (reset drops tokens too). */
export function resetEmulator(env: ResourceEnv): void {
  env.emu.state.reset();
  clearFaults(env.emu.state);
  env.token = env.emu.state.directory.scimTokens.issue().secret;
}

/**
 * One emulator for the test file, started before its first test, reset before each and closed
 * after the last: the returned env reads the running one.
 */
export function useResourceEnv(): ResourceEnv {
  let running: ResourceEnv | undefined;
  const live = (): ResourceEnv => {
    if (!running) throw new Error('the resource env is used outside a test (it starts in beforeAll)');
    return running;
  };
  beforeAll(async () => {
    running = await startResourceEnv();
  });
  afterAll(() => running?.close());
  beforeEach(() => resetEmulator(live()));
  return {
    get emu() {
      return live().emu;
    },
    get token() {
      return live().token;
    },
    set token(value: string) {
      live().token = value;
    },
    core: (options) => live().core(options),
    close: () => live().close(),
  };
}

/** The emulator's fault API (docs/emulator.md "Faults"): POST adds one, DELETE clears them all. */
export async function fault(env: ResourceEnv, method: 'POST' | 'DELETE', body?: object): Promise<void> {
  const res = await fetch(`${env.emu.endpoint}/_fake/faults`, { method, ...(body && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  if (!res.ok) throw new Error(`fault API answered ${res.status}: ${await res.text()}`);
}
