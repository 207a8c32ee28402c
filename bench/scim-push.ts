/**
 * SCIM requests needed to push, then refresh, 1,000 users / 100 groups / 5,000 memberships
 * through the provider's resource code (the same create/read code Terraform drives), against
 * the loopback emulator, compared with the least the AWS SCIM API allows. Prints figures; never
 * passes or fails.
 *
 *   npx tsx bench/scim-push.ts                       # throttles off: counts only, fast
 *   BENCH_REALISTIC=1 npx tsx bench/scim-push.ts     # AWS throttles on both sides: also wall time
 *   BENCH_USERS=1000 BENCH_GROUPS=100 BENCH_MEMBERS_PER_GROUP=50 BENCH_PARALLELISM=10
 */
import { startEmulator } from '../mocks/testing';
import type { ObjectValue } from '../src/provider/codec/values';
import type { ProviderContext, ResourceType } from '../src/provider/framework/resource';
import { pushedGroup } from '../src/provider/resources/pushed-group';
import { pushedUser } from '../src/provider/resources/pushed-user';
import { createScimSession, SCIM_SESSION_KEY } from '../src/provider/resources/scim-session';
import type { ScimRequestEvent } from '../src/scim/transport';
import { MAX_MEMBER_OPERATIONS, MAX_PAGE_SIZE } from '../src/scim/urn';
import { load, writeResult } from './lib/machine';

const USERS = Number(process.env.BENCH_USERS ?? 1000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 100);
const PER_GROUP = Number(process.env.BENCH_MEMBERS_PER_GROUP ?? 50);
const PARALLELISM = Number(process.env.BENCH_PARALLELISM ?? 10); // terraform's default
const REALISTIC = process.env.BENCH_REALISTIC === '1';

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** A provider process: its own SCIM session (client + read cache), as Terraform starts one per command. */
function processContext(endpoint: string, token: string, events: ScimRequestEvent[]): ProviderContext {
  const cache = new Map<string, unknown>();
  cache.set(SCIM_SESSION_KEY, createScimSession({ endpoint, token, rateLimits: REALISTIC ? undefined : false, onRequest: (e) => events.push(e) }));
  return {
    config: { requestTimeoutMs: 30_000, maxRetries: 8, scim: { endpoint, token, requestTimeoutMs: 30_000, maxRetries: 8, readsPerSecond: 40, writesPerSecond: 25 } },
    terraformVersion: 'bench',
    log: silent,
    clock: { now: () => new Date() },
    signal: new AbortController().signal,
    cache,
    newId: () => 'unused',
  };
}

/** Runs jobs `parallelism` at a time, like terraform's walk. */
async function walk<T, R>(items: T[], parallelism: number, job: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallelism }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await job(items[i]);
      }
    }),
  );
  return out;
}

function tally(events: ScimRequestEvent[]): string {
  const by = new Map<string, number>();
  for (const e of events) by.set(e.api, (by.get(e.api) ?? 0) + 1);
  return [...by].map(([api, n]) => `${api} ${n}`).join(', ');
}

const blank = (type: ResourceType): ObjectValue => Object.fromEntries(Object.keys(type.schema.attributes).map((k) => [k, null]));

async function main(): Promise<void> {
  const loadBefore = load();
  const emu = await startEmulator({ throttle: { enabled: REALISTIC } });
  try {
    // ---- create -------------------------------------------------------------------------
    const createEvents: ScimRequestEvent[] = [];
    const ctx = processContext(emu.scimUrl, emu.scimToken, createEvents);
    let started = Date.now();
    const users = await walk(Array.from({ length: USERS }, (_, i) => i), PARALLELISM, async (i) => {
      const planned = { ...blank(pushedUser), user_name: `user${i}@example.com`, display_name: `User ${i}`, given_name: 'User', family_name: `${i}`, email: `user${i}@example.com`, active: true, deprovision: 'delete' };
      return (await pushedUser.create({ planned, config: planned, plannedPrivate: Buffer.alloc(0) }, ctx)).state;
    });
    const memberships = (g: number) => Array.from({ length: PER_GROUP }, (_, k) => users[(g * PER_GROUP + k) % USERS].id as string);
    const groups = await walk(Array.from({ length: GROUPS }, (_, g) => g), PARALLELISM, async (g) => {
      const planned = { ...blank(pushedGroup), display_name: `Group ${g}`, members: memberships(g) };
      return (await pushedGroup.create({ planned, config: planned, plannedPrivate: Buffer.alloc(0) }, ctx)).state;
    });
    const createMs = Date.now() - started;

    // ---- refresh (a new provider process; users first, as their groups depend on them) ---
    const refreshEvents: ScimRequestEvent[] = [];
    const rctx = processContext(emu.scimUrl, emu.scimToken, refreshEvents);
    started = Date.now();
    const readUsers = await walk(users, PARALLELISM, (state) => pushedUser.read({ state, private: Buffer.alloc(0) }, rctx));
    const readGroups = await walk(groups, PARALLELISM, (state) => pushedGroup.read({ state, private: Buffer.alloc(0) }, rctx));
    const refreshMs = Date.now() - started;
    const lost = readGroups.filter((r, g) => !r || new Set(r.state.members as string[]).size !== new Set(memberships(g)).size).length;
    if (readUsers.some((r) => !r) || lost) throw new Error(`refresh lost objects: users ${readUsers.filter((r) => !r).length}, groups ${lost}`);

    // ---- the least the API allows ---------------------------------------------------------
    const groupSizes = Array.from({ length: GROUPS }, (_, g) => new Set(memberships(g)).size);
    const inAnyGroup = new Set(Array.from({ length: GROUPS }, (_, g) => memberships(g)).flat()).size;
    // Create: one POST per user; per group one POST carrying ≤100 members, one PATCH per further 100.
    const minCreate = USERS + groupSizes.reduce((n, m) => n + Math.max(1, Math.ceil(m / MAX_MEMBER_OPERATIONS)), 0);
    // Create as specified: plus one GET per group proving it is readable before dependents use its id.
    const minCreateReadable = minCreate + GROUPS;
    // Refresh: AWS returns no members on groups, so membership takes a filtered query per group
    // (GET /Users?filter=groups.value eq "<g>", 100 users a page), and those pages also return
    // every grouped user in full. Group attributes take a listing (100 a page); users in no group
    // would take a user listing.
    const minRefresh =
      Math.ceil(GROUPS / MAX_PAGE_SIZE) + groupSizes.reduce((n, m) => n + Math.max(1, Math.ceil(m / MAX_PAGE_SIZE)), 0) + (inAnyGroup < USERS ? Math.ceil(USERS / MAX_PAGE_SIZE) : 0);
    const perUserAlternative = Math.ceil(GROUPS / MAX_PAGE_SIZE) + USERS; // members.value per user

    const mem = emu.state.directory;
    const stored = { users: mem.users.size, groups: mem.groups.size, memberships: [...mem.memberships.values()].reduce((n, m) => n + m.size, 0) };
    console.log(`scim-push: ${USERS} users, ${GROUPS} groups, ${GROUPS * PER_GROUP} memberships (parallelism ${PARALLELISM}, throttles ${REALISTIC ? 'on' : 'off'})`);
    console.log(`  emulator holds: ${stored.users} users, ${stored.groups} groups, ${stored.memberships} memberships`);
    console.log(`  create : ${createEvents.length} requests (${tally(createEvents)}) in ${createMs} ms`);
    console.log(`           API minimum ${minCreate}; with the readable check per group ${minCreateReadable}`);
    console.log(`  refresh: ${refreshEvents.length} requests (${tally(refreshEvents)}) in ${refreshMs} ms`);
    console.log(`           API minimum ${minRefresh}; naive (GET each user and group, members.value per user) ${USERS + GROUPS + USERS}; per-user membership queries ${perUserAlternative}`);
    const retried = [...createEvents, ...refreshEvents].filter((e) => e.attempt > 1).length;
    console.log(`  retries: ${retried}`);
    const count = (events: ScimRequestEvent[]) => Object.fromEntries(tally(events).split(', ').map((p) => [p.split(' ')[0], Number(p.split(' ')[1])]));
    const file = writeResult('scim-push', {
      loadBefore,
      shape: { users: USERS, groups: GROUPS, membersPerGroup: PER_GROUP, parallelism: PARALLELISM, throttles: REALISTIC },
      create: { requests: createEvents.length, byApi: count(createEvents), ms: createMs, apiMinimum: minCreate, apiMinimumWithReadableCheck: minCreateReadable },
      refresh: { requests: refreshEvents.length, byApi: count(refreshEvents), ms: refreshMs, apiMinimum: minRefresh },
      retries: retried,
    });
    console.log(`wrote ${file}`);
  } finally {
    await emu.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
