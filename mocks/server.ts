import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, RequestHandler } from 'msw';
import { handlerIndex } from './handler-index';
import { createHandlers } from './handlers';
import { EmulatorState, EmulatorStateInit } from './store';

export interface StartEmulatorOptions extends EmulatorStateInit {
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
  /** Loopback only. @default '127.0.0.1' */
  readonly host?: string;
  /** Serve this state instead of a new one (e.g. one loaded from a state file). */
  readonly state?: EmulatorState;
}

export interface RunningEmulator {
  readonly state: EmulatorState;
  /** `http://127.0.0.1:<port>` — every surface (SCIM, JSON APIs, SAML, portal, /_fake) lives under it. */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Hooks run before a request reaches the handlers. A hook may answer the request itself
 * (fault injection), destroy the socket (connection reset) or return false to let it through.
 */
export type BeforeDispatch = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;
const beforeDispatchHooks = new WeakMap<EmulatorState, BeforeDispatch[]>();

export function addBeforeDispatch(state: EmulatorState, hook: BeforeDispatch): void {
  const hooks = beforeDispatchHooks.get(state) ?? [];
  hooks.push(hook);
  beforeDispatchHooks.set(state, hooks);
}

/** Far above any AWS request here (SCIM bodies, 32 KB inline policies, 75,000-character IdP metadata). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

/** The same MSW handlers as the in-process emulator, served on a real loopback HTTP port. */
export async function startEmulatorServer(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) {
    throw new Error(`refusing to listen on ${host}: the emulator serves loopback addresses only (use 127.0.0.1)`);
  }
  const { port: _port, host: _host, state: given, ...init } = options;
  const state = given ?? new EmulatorState(init);
  const handlers: RequestHandler[] = createHandlers(state);
  const candidates = handlerIndex(handlers);

  const server: Server = createServer((req, res) => {
    void dispatch(state, candidates, req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `emulator error: ${(err as Error).message}` }));
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.endpoint = endpoint;
  return {
    state,
    endpoint,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function dispatch(state: EmulatorState, candidates: (method: string, pathname: string) => RequestHandler[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const hook of beforeDispatchHooks.get(state) ?? []) {
    if (await hook(req, res)) return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ message: `request body over ${MAX_BODY_BYTES} bytes; no AWS API this emulator serves accepts one that large` }));
    req.destroy();
    return;
  }
  const baseUrl = state.endpoint ?? `http://${req.headers.host}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', baseUrl);
  const request = new Request(url, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' || body.length === 0 ? undefined : body,
  });
  const response = await getResponse(candidates(method, url.pathname), request, { baseUrl });
  if (!response) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `The emulator has no route for ${method} ${req.url}` }));
    return;
  }
  if (response.type === 'error') {
    // An injected connection reset (HttpResponse.error() in-process) becomes a real dropped socket.
    if (res.socket) res.socket.resetAndDestroy();
    else res.destroy();
    return;
  }
  const outHeaders: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    outHeaders[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) outHeaders['set-cookie'] = cookies;
  res.writeHead(response.status, outHeaders);
  res.end(Buffer.from(await response.arrayBuffer()));
}

const NO_BODY = Buffer.alloc(0);

/** The request body, or undefined when it is over MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  // Most GETs carry no body: skipping the stream iteration is a good part of a GET's cost.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return NO_BODY;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
