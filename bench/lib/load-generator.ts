/**
 * The client side of bench/scim-throughput.ts, run as a child process so the emulator's process
 * does nothing but serve (as it does for terraform's provider processes) and its CPU time per
 * request can be read from process.cpuUsage(). Drives `concurrency` keep-alive connections for
 * `seconds`; started with the request as JSON in argv[2], it sends the result over IPC.
 */
import { Pool } from 'undici';

export interface LoadRequest {
  readonly origin: string;
  readonly base: string;
  readonly token: string;
  readonly users: number;
  readonly seconds: number;
  readonly concurrency: number;
  readonly kind: 'get' | 'post';
}

export interface LoadResult {
  readonly count: number;
  readonly failures: number;
  readonly ms: number;
  readonly latencies: number[];
}

async function drive(o: LoadRequest): Promise<LoadResult> {
  const pool = new Pool(o.origin, { connections: o.concurrency, pipelining: 1 });
  const headers = { authorization: `Bearer ${o.token}`, 'content-type': 'application/scim+json' };
  const latencies: number[] = [];
  let count = 0;
  let failures = 0;
  let i = 0;
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  const one = async (n: number): Promise<number> => {
    if (o.kind === 'get') {
      const filter = encodeURIComponent(`userName eq "user${(n * 7919) % o.users}@example.com"`);
      const res = await pool.request({ method: 'GET', path: `${o.base}/Users?filter=${filter}`, headers });
      await res.body.dump();
      return res.statusCode;
    }
    const body = JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `new${n}@example.com`,
      name: { givenName: 'New', familyName: `User${n}` },
      displayName: `New User${n}`,
      emails: [{ value: `new${n}@example.com`, type: 'work', primary: true }],
    });
    const res = await pool.request({ method: 'POST', path: `${o.base}/Users`, headers, body });
    await res.body.dump();
    return res.statusCode;
  };
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const status = await one(i++);
        latencies.push(performance.now() - t0);
        if (status >= 300) failures++;
        count++;
      }
    }),
  );
  const ms = performance.now() - started;
  await pool.close();
  return { count, failures, ms, latencies };
}

if (require.main === module && process.send) {
  void drive(JSON.parse(process.argv[2]) as LoadRequest).then((r) => process.send!(r, () => process.exit(0)));
}
