import { createLogger } from './log';
import { Redactor } from './redact';
import { providerDefinition } from './registry';
import { HandshakeError, checkLaunchEnvironment } from './server/handshake';
import { ProviderService } from './server/provider-service';
import { ProviderRuntime } from './server/runtime';
import { serve } from './server/server';

/**
 * A killed terraform (SIGKILL, a pre-empted runner) never calls Shutdown, and its provider would
 * go on finishing creates nobody records. Re-parenting is the sign: exit then.
 */
function watchParent(log: ReturnType<typeof createLogger>): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid === parent) return;
    log.error('terraform (the parent process) is gone; exiting');
    process.exit(1);
  }, 500).unref();
}

/**
 * Entry point of terraform-provider-idemeum (bundled by `idemeum-aws provider install`, whose
 * bundle calls this once; the module does not start itself, or a bundle would start two servers).
 * Terraform execs it with the magic cookie; we answer with one handshake line on stdout and
 * serve gRPC until GRPCController.Shutdown.
 */
export async function runProvider(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    checkLaunchEnvironment(env);
  } catch (err) {
    if (!(err instanceof HandshakeError)) throw err;
    process.stderr.write(err.message);
    process.exit(1);
  }
  // go-plugin servers ignore Ctrl-C: Terraform forwards it as StopProvider so an apply in
  // flight can finish cleanly instead of dying half-way.
  process.on('SIGINT', () => undefined);

  const redactor = new Redactor();
  const log = createLogger({ redactor });
  // Anything printed to stdout would corrupt the plugin protocol; route console output to the log.
  console.log = console.info = console.debug = (...args: unknown[]) => log.info(args.map(String).join(' '));

  // A crash must not print an unredacted stack (it could quote the token); log it through the
  // redacting logger instead, then exit as Node would.
  const crash = (kind: string) => (err: unknown) => {
    log.error(`provider crashed (${kind}): ${err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err)}`);
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled rejection'));

  const runtime = new ProviderRuntime(log);
  const service = new ProviderService(providerDefinition(), runtime, redactor, env);
  const server = await serve({
    service,
    log,
    ...(env.PLUGIN_CLIENT_CERT ? { clientCertPem: env.PLUGIN_CLIENT_CERT } : {}),
    onShutdown: () => process.exit(0),
    redact: (text) => redactor.redact(text),
  });
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
  watchParent(log);
  process.stdout.write(server.handshake);
}
