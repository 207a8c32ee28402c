/**
 * The emulator as a server: SCIM GET and POST throughput on loopback (throttling off) with the
 * client in another process, the emulator's CPU per request, and the memory the store holds per user at 100,000 users. Prints a
 * table, writes bench/results/scim-throughput.json; never passes or fails on time.
 *
 *   npm run bench:scim            # defaults
 *   BENCH_SECONDS=5 BENCH_CONCURRENCY=16 BENCH_USERS=100000 npm run bench:scim
 */
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fork } from 'node:child_process';
import { startEmulator } from '../mocks/testing';
import { EmulatorState } from '../mocks/store';
import type { UserFields } from '../mocks/store/directory-model';
import type { LoadRequest, LoadResult } from './lib/load-generator';
import { load, table, writeResult } from './lib/machine';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage();
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Users as a SCIM POST stores them: fields parsed from a JSON body, as the handler receives them. */
function seed(state: EmulatorState, n: number): void {
  for (let i = 0; i < n; i++) {
    const fields = JSON.parse(
      JSON.stringify({
        userName: `user${i}@example.com`,
        externalId: `ext-${i}`,
        name: { givenName: `Given${i}`, familyName: `Family${i}` },
        displayName: `Given${i} Family${i}`,
        active: true,
        emails: [{ value: `user${i}@example.com`, type: 'work', primary: true }],
        addresses: [],
        phoneNumbers: [],
        roles: [],
      }),
    ) as UserFields;
    state.directory.createUser(fields);
  }
}

/** Runs the load generator in its own process; returns its result and the CPU this process spent serving meanwhile. */
function drive(request: LoadRequest): Promise<LoadResult & { serverCpuMs: number }> {
  const child = fork(join(__dirname, 'lib', 'load-generator.ts'), [JSON.stringify(request)], { execArgv: ['--require', require.resolve('tsx/cjs')] });
  let cpu: NodeJS.CpuUsage | undefined;
  return new Promise((resolve, reject) => {
    // Counted from the child's first message on would miss nothing: it sends only its result.
    cpu = process.cpuUsage();
    child.once('message', (r: LoadResult) => {
      const used = process.cpuUsage(cpu);
      resolve({ ...r, serverCpuMs: (used.user + used.system) / 1000 });
    });
    child.once('error', reject);
  });
}

/**
 * Throughput as measured, and the emulator's CPU per request: on this shared 2-core machine the
 * first depends on what else runs, the second much less, and 1 s / (CPU per request) is what the
 * single-threaded emulator serves with a core to itself.
 */
function summary(r: LoadResult & { serverCpuMs: number }) {
  const lat = [...r.latencies].sort((a, b) => a - b);
  const pct = (p: number) => Number(lat[Math.min(lat.length - 1, Math.floor(lat.length * p))].toFixed(2));
  const cpuPerRequestUs = Math.round((r.serverCpuMs * 1000) / r.count);
  return { perSecond: Math.round((r.count / r.ms) * 1000), requests: r.count, failures: r.failures, p50Ms: pct(0.5), p99Ms: pct(0.99), cpuPerRequestUs, perSecondOnOneCore: Math.round(1e6 / cpuPerRequestUs) };
}

async function main(): Promise<void> {
  const loadBefore = load();
  console.log(`node ${process.version}, concurrency ${CONCURRENCY}, ${SECONDS}s per measurement, load ${loadBefore.join(' ')}`);

  const before = settle();
  // Raise the identity-store quota (200,000 by default) when asked to measure beyond it.
  const state = new EmulatorState({ throttle: { enabled: false }, usersPerIdentityStore: Math.max(200_000, USERS + 100_000) });
  const t0 = performance.now();
  seed(state, USERS);
  const seedMs = performance.now() - t0;
  const after = settle();
  const memory = { users: USERS, heapBytes: after.heapUsed - before.heapUsed, rssBytes: after.rss - before.rss, bytesPerUser: Math.round((after.heapUsed - before.heapUsed) / USERS), seedMs: Math.round(seedMs) };

  const emu = await startEmulator({ state });
  const origin = new URL(emu.endpoint).origin;
  const base = new URL(emu.scimUrl).pathname;
  const common = { origin, base, token: emu.scimToken, users: USERS, seconds: SECONDS, concurrency: CONCURRENCY };
  try {
    const getLoad = load();
    const get = summary(await drive({ ...common, kind: 'get' }));
    const postLoad = load();
    const post = summary(await drive({ ...common, kind: 'post' }));
    console.log(
      table([
        ['measurement', 'figure', 'emulator CPU per request (→ req/s on one free core)', 'detail', 'load (1/5/15 min)'],
        [`GET /Users?filter=userName eq (${USERS.toLocaleString('en')} users)`, `${get.perSecond} req/s`, `${get.cpuPerRequestUs} µs (→ ${get.perSecondOnOneCore})`, `${get.requests} requests, ${get.failures} non-2xx, p50 ${get.p50Ms} ms, p99 ${get.p99Ms} ms`, getLoad.join(' ')],
        ['POST /Users', `${post.perSecond} req/s`, `${post.cpuPerRequestUs} µs (→ ${post.perSecondOnOneCore})`, `${post.requests} requests, ${post.failures} non-2xx, p50 ${post.p50Ms} ms, p99 ${post.p99Ms} ms`, postLoad.join(' ')],
        [`store, ${USERS.toLocaleString('en')} users`, `${memory.bytesPerUser} B/user`, '', `heap +${mb(memory.heapBytes)}, RSS +${mb(memory.rssBytes)}, seeded in ${memory.seedMs} ms`, loadBefore.join(' ')],
      ]),
    );
    console.log(`wrote ${writeResult('scim-throughput', { loadBefore, concurrency: CONCURRENCY, seconds: SECONDS, get, post, memory })}`);
  } finally {
    await emu.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
