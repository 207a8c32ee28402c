import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A state store for Terraform's own `http` backend on 127.0.0.1: GET returns the state, POST
 * replaces it, DELETE removes it (no locking: one terraform runs at a time here). With a remote
 * backend Terraform keeps state in memory during apply and persists it every 20 s
 * (TF_STATE_PERSIST_INTERVAL), where the local backend rewrites terraform.tfstate after every
 * resource; the benchmark uses it to show what that costs at scale.
 */
export class StateServer {
  private readonly states = new Map<string, Buffer>();
  /** State uploads so far, per path. */
  readonly writes = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<StateServer> {
    const holder: { store?: StateServer } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        const store = holder.store!;
        if (req.method === 'GET') {
          const state = store.states.get(path);
          res.writeHead(state ? 200 : 404, { 'content-type': 'application/json' }).end(state);
        } else if (req.method === 'POST') {
          store.states.set(path, Buffer.concat(chunks));
          store.writes.set(path, (store.writes.get(path) ?? 0) + 1);
          res.writeHead(200).end();
        } else if (req.method === 'DELETE') {
          store.states.delete(path);
          res.writeHead(200).end();
        } else {
          res.writeHead(405).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.store = new StateServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return holder.store;
  }

  /** The `terraform { backend "http" {...} }` block for one state. */
  backend(name: string): object {
    return { http: { address: `${this.url}/${encodeURIComponent(name)}` } };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
