import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Clock, ProviderConfig, ProviderContext } from '../framework/context';
import type { Logger } from '../log';

/** The one ProviderContext of a provider process; ConfigureProvider and StopProvider mutate it. */
export class ProviderRuntime implements ProviderContext {
  config: ProviderConfig | undefined;
  terraformVersion = '';
  readonly cache = new Map<string, unknown>();
  private readonly abort = new AbortController();

  constructor(
    readonly log: Logger,
    readonly clock: Clock = { now: () => new Date() },
    readonly newId: () => string = randomUUID,
  ) {
    // Every in-flight SCIM request listens for StopProvider; Terraform runs 10 at a time and more.
    setMaxListeners(0, this.abort.signal);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  stop(): void {
    this.abort.abort(new Error('Terraform asked the provider to stop (StopProvider)'));
  }
}
