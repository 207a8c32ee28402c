import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server that answers from a script, for the client mechanics the emulator
 * cannot be asked to produce on cue (a reset on exactly the 2nd attempt, a Retry-After of 1 s,
 * a reply that is not JSON). AWS behaviour itself (filters, paging, 100-member limit) is tested
 * against the emulator. undici bypasses MSW's interceptors, so a real socket is the honest test.
 */
export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'reset'
  | ((req: Recorded) => Reply);

export interface ScriptedServer {
  readonly url: string;
  readonly requests: Recorded[];
  /** Replies used in order; when exhausted, `fallback` answers. */
  script(...replies: Reply[]): void;
  fallback: Reply;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Reply[] = [];
  const requests: Recorded[] = [];
  const state = { fallback: { status: 500, body: { detail: 'script exhausted' } } as Reply };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rec: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
    requests.push(rec);
    let reply = queue.shift() ?? state.fallback;
    while (typeof reply === 'function') reply = reply(rec);
    if (reply === 'reset') {
      req.socket.destroy();
      return;
    }
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/tenant/scim/v2`,
    requests,
    script: (...replies) => void queue.push(...replies),
    get fallback() {
      return state.fallback;
    },
    set fallback(r: Reply) {
      state.fallback = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A clock whose sleeps return at once and advance time, recording each delay. */
export function fakeClock(start = 1_700_000_000_000): { now(): number; sleep(ms: number): Promise<void>; sleeps: number[] } {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}
