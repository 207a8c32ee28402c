import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { Logger } from '../log';
import { generateCertificate, handshakeCertField } from './cert';
import { MAX_MESSAGE_BYTES, grpcDefinitions } from './grpc-defs';
import { formatHandshake } from './handshake';
import type { ProviderService } from './provider-service';

/** Socket directories of servers still running in this process. */
const liveSocketDirs = new Set<string>();
let exitHookInstalled = false;

/** Covers process.exit paths that skip stop() (one listener per process); only SIGKILL leaves a directory behind. */
function watchSocketDir(dir: string): void {
  liveSocketDirs.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const d of liveSocketDirs) rmSync(d, { recursive: true, force: true });
  });
}

export interface ServeOptions {
  readonly service: ProviderService;
  readonly log: Logger;
  /** PEM of Terraform's AutoMTLS client certificate (PLUGIN_CLIENT_CERT); absent = plaintext. */
  readonly clientCertPem?: string;
  /** Where the socket directory goes. @default - PLUGIN_UNIX_SOCKET_DIR or the OS temp dir */
  readonly socketDir?: string;
  /**
   * A unix socket, or TCP on 127.0.0.1 as go-plugin serves on Windows, where Node's net module
   * takes a socket path for a named pipe. @default - tcp on Windows, unix elsewhere
   */
  readonly network?: 'unix' | 'tcp';
  /** Called after GRPCController.Shutdown has been answered and the server has stopped. */
  readonly onShutdown?: () => void;
}

export interface RunningServer {
  /** The handshake line (with newline) to print on stdout. */
  readonly handshake: string;
  /** The unix socket's path, or `127.0.0.1:<port>`. */
  readonly socketPath: string;
  /** Stops serving and removes the socket; resolves once stopped. */
  stop(): Promise<void>;
}

type Handler = (req: Record<string, unknown>) => Promise<Record<string, unknown>>;

/**
 * Serves tfplugin6.Provider plus go-plugin's services on a unix socket in a fresh private
 * directory, with mutual TLS pinned to Terraform's client certificate.
 */
export async function serve(o: ServeOptions): Promise<RunningServer> {
  const defs = grpcDefinitions();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });

  const unary = (name: string, fn: Handler): grpc.handleUnaryCall<Record<string, unknown>, Record<string, unknown>> => (call, callback) => {
    o.log.debug(`rpc ${name}`, { type: (call.request as { type_name?: string }).type_name });
    fn(call.request).then(
      (res) => callback(null, res),
      // Only reached on a framework bug: handlers turn failures into diagnostics.
      (err: Error) => callback({ code: grpc.status.INTERNAL, details: `internal error in ${name}: ${err.message}` }),
    );
  };

  const svc = o.service;
  const methods = Object.keys(defs.provider.service) as (keyof ProviderService)[];
  const impl: grpc.UntypedServiceImplementation = {};
  for (const m of methods) impl[m] = unary(m, (req) => (svc[m] as unknown as Handler).call(svc, req));
  server.addService(defs.provider.service, impl);

  const openStreams = new Set<grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>>();
  let stopping: Promise<void> | undefined;
  const network = o.network ?? (process.platform === 'win32' ? 'tcp' : 'unix');
  const socketDir = network === 'unix' ? mkdtempSync(join(o.socketDir ?? (process.env.PLUGIN_UNIX_SOCKET_DIR || tmpdir()), 'plugin')) : undefined;

  const removeSocketDir = () => {
    if (!socketDir) return;
    liveSocketDirs.delete(socketDir);
    rmSync(socketDir, { recursive: true, force: true });
  };
  if (socketDir) watchSocketDir(socketDir);

  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      for (const s of openStreams) s.end();
      server.tryShutdown(() => {
        removeSocketDir();
        resolve();
      });
      // Don't let a client that keeps streams open delay exit past go-plugin's 2 s grace.
      setTimeout(() => server.forceShutdown(), 500).unref();
    });
    return stopping;
  };

  server.addService(defs.controller.service, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<Record<string, never>>) => {
      o.log.debug('GRPCController.Shutdown');
      callback(null, {});
      setImmediate(() => void stop().then(() => o.onShutdown?.()));
    },
  });
  // We write logs straight to stderr (Terraform reads it), so stdio streaming has nothing to
  // send; keep the stream open like go-plugin does until shutdown.
  server.addService(defs.stdio.service, {
    StreamStdio: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      openStreams.add(call);
      call.on('cancelled', () => openStreams.delete(call));
    },
  });
  // Terraform starts the broker stream and never uses it; accept and idle.
  server.addService(defs.broker.service, {
    StartStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      openStreams.add(call);
      call.on('data', () => undefined);
      call.on('end', () => {
        openStreams.delete(call);
        call.end();
      });
      call.on('cancelled', () => openStreams.delete(call));
    },
  });
  server.addService(defs.health.service, {
    Check: (_call: unknown, callback: grpc.sendUnaryData<{ status: string }>) => callback(null, { status: 'SERVING' }),
  });

  let creds: grpc.ServerCredentials;
  let certField = '';
  if (o.clientCertPem) {
    const cert = generateCertificate();
    certField = handshakeCertField(cert.der);
    creds = grpc.ServerCredentials.createSsl(
      Buffer.from(o.clientCertPem),
      [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }],
      true,
    );
  } else {
    creds = grpc.ServerCredentials.createInsecure();
  }

  if (!socketDir) {
    const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', creds, (err, p) => (err ? reject(err) : resolve(p))));
    const address = `127.0.0.1:${port}`;
    return { handshake: formatHandshake({ network: 'tcp', address, cert: certField }), socketPath: address, stop };
  }
  const socketPath = join(socketDir, 'idemeum.sock');
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix:${socketPath}`, creds, (err) => (err ? reject(err) : resolve())));
  return { handshake: formatHandshake({ network: 'unix', address: socketPath, cert: certField }), socketPath, stop };
}
