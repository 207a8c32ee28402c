/**
 * SCIM throughput on the loopback emulator (throttling off) and the memory cost of 100,000 users
 * in the store. Prints figures; never passes or fails on time.
 *
 *   npm run bench:scim            # defaults
 *   BENCH_SECONDS=5 BENCH_CONCURRENCY=16 npm run bench:scim
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool } from 'undici';
import { startEmulator } from '../mocks/testing';
import { EmulatorState } from '../mocks/store';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage();
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function seed(state: EmulatorState, n: number): void {
  for (let i = 0; i < n; i++) {
    state.directory.createUser({
      userName: `user${i}@example.com`,
      externalId: `ext-${i}`,
      name: { givenName: `Given${i}`, familyName: `Family${i}` },
      displayName: `Given${i} Family${i}`,
      active: true,
      emails: [{ value: `user${i}@example.com`, type: 'work', primary: true }],
      addresses: [],
      phoneNumbers: [],
      roles: [],
    });
  }
}

/** Runs `next()` from CONCURRENCY workers for SECONDS; returns completed requests, errors and latencies. */
async function drive(next: (i: number) => Promise<number>): Promise<{ count: number; failures: number; ms: number; lat: number[] }> {
  const lat: number[] = [];
  let count = 0;
  let failures = 0;
  let i = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const status = await next(i++);
        lat.push(performance.now() - t0);
        if (status >= 300) failures++;
        count++;
      }
    }),
  );
  return { count, failures, ms: performance.now() - started, lat: lat.sort((a, b) => a - b) };
}

function report(name: string, r: Awaited<ReturnType<typeof drive>>): void {
  const pct = (p: number) => r.lat[Math.min(r.lat.length - 1, Math.floor(r.lat.length * p))].toFixed(2);
  console.log(
    `${name.padEnd(42)} ${((r.count / r.ms) * 1000).toFixed(0).padStart(7)} req/s  (${r.count} requests, ${r.failures} non-2xx, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms)`,
  );
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, concurrency ${CONCURRENCY}, ${SECONDS}s per measurement`);

  const before = settle();
  // Raise the identity-store quota (200,000 by default) when asked to measure beyond it.
  const state = new EmulatorState({ throttle: { enabled: false }, usersPerIdentityStore: Math.max(200_000, USERS + 100_000) });
  const t0 = performance.now();
  seed(state, USERS);
  const seedMs = performance.now() - t0;
  const after = settle();
  console.log(
    `memory for ${USERS} users in the store: heap +${mb(after.heapUsed - before.heapUsed)}, RSS +${mb(after.rss - before.rss)} ` +
      `(${((after.heapUsed - before.heapUsed) / USERS).toFixed(0)} B/user heap; seeded in ${seedMs.toFixed(0)} ms)`,
  );

  const emu = await startEmulator({ state });
  const origin = new URL(emu.endpoint).origin;
  const base = new URL(emu.scimUrl).pathname;
  const pool = new Pool(origin, { connections: CONCURRENCY, pipelining: 1 });
  const headers = { authorization: `Bearer ${emu.scimToken}`, 'content-type': 'application/scim+json' };
  try {
    const get = await drive(async (i) => {
      const filter = encodeURIComponent(`userName eq "user${(i * 7919) % USERS}@example.com"`);
      const res = await pool.request({ method: 'GET', path: `${base}/Users?filter=${filter}`, headers });
      await res.body.dump();
      return res.statusCode;
    });
    report(`GET /Users?filter=userName eq (${USERS} users)`, get);

    const post = await drive(async (i) => {
      const body = JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `new${i}@example.com`,
        name: { givenName: 'New', familyName: `User${i}` },
        displayName: `New User${i}`,
        emails: [{ value: `new${i}@example.com`, type: 'work', primary: true }],
      });
      const res = await pool.request({ method: 'POST', path: `${base}/Users`, headers, body });
      await res.body.dump();
      return res.statusCode;
    });
    report('POST /Users', post);
  } finally {
    await pool.close();
    await emu.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
