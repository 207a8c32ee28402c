/**
 * Side by side with real terraform, on one emulator with AWS's throttles on (SCIM 25 writes/s and
 * 40 reads/s per API, Identity Store 20/s per API): the idemeum provider, hashicorp/aws's
 * identitystore resources for the same users/groups/memberships, and terraform_data of the idemeum
 * configuration's resource count. Each goes through plan, apply, a no-change plan and a plan with
 * -refresh=false; the emulator counts requests and throttled answers per operation. Then the
 * idemeum configuration once more against an identity store whose throttle is below AWS's (another
 * client using part of the budget): it must still apply and plan clean. Prints tables, writes
 * bench/results/terraform-scale.json. Never passes or fails on time.
 *
 *   npx tsx bench/terraform-scale.ts            # quick: 1,000/100/5,000 (peer 200/20/1,000)
 *   npx tsx bench/terraform-scale.ts --full     # 10,000/1,000/50,000 (peer 1,000/100/5,000)
 *   BENCH_ONLY=idemeum,terraform_data     # a subset (idemeum, hashicorp/aws, terraform_data, shared)
 *   BENCH_BACKEND=local|http              # state backend; default http for --full, local for quick
 *
 * The full run keeps state in Terraform's http backend (a loopback store in this process), as a
 * team with remote state would: the local backend rewrites terraform.tfstate after every resource,
 * which is quadratic in the resource count (bench/terraform-curve.ts measures it).
 */
import { emulatorEnvironment } from '../mocks/environment';
import { emulatorEndpoints } from '../mocks/ready';
import { startEmulatorServer, type RunningEmulator } from '../mocks/server';
import { EmulatorState } from '../mocks/store';
import { idemeumProviderMirror, requireTerraformToolchain } from '../testing/toolchain';
import { AWS_SCIM_LIMITS } from '../src/scim/urn';
import { awsConfig, idemeumConfig, membershipCount, resourceCount, terraformDataConfig, type Layout, type Shape } from './lib/configs';
import { fullRun, load, machine, seconds, table, writeResult } from './lib/machine';
import { TrafficCounter, describeTraffic } from './lib/traffic';
import { StateServer } from './lib/state-server';
import { runVariant, type Phase } from './lib/variant';

const FULL = fullRun();
const IDEMEUM: Shape = FULL ? { users: 10_000, groups: 1_000, memberships: 50_000 } : { users: 1_000, groups: 100, memberships: 5_000 };
const PEER: Shape = FULL ? { users: 1_000, groups: 100, memberships: 5_000 } : { users: 200, groups: 20, memberships: 1_000 };
/** The shared identity store of the last run: only this many SCIM writes and reads per second are left. */
const SHARED: Shape = { users: 200, groups: 20, memberships: 1_000 };
const SHARED_THROTTLE = { scimWritesPerSecond: 10, scimReadsPerSecond: 16 };
const PARALLELISM = Number(process.env.BENCH_PARALLELISM ?? 10);
const BACKEND = process.env.BENCH_BACKEND ?? (FULL ? 'http' : 'local');
const ONLY = process.env.BENCH_ONLY?.split(',');
const TIMEOUT_MS = 3 * 60 * 60 * 1000;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function emulator(throttle: Partial<EmulatorState['options']['throttle']> = {}): Promise<{ emu: RunningEmulator; env: NodeJS.ProcessEnv; counter: TrafficCounter }> {
  const state = new EmulatorState({ throttle: { enabled: true, ...throttle } });
  const emu = await startEmulatorServer({ state });
  const token = state.directory.scimTokens.issue();
  const env: NodeJS.ProcessEnv = { ...process.env, ...emulatorEnvironment(emulatorEndpoints(state, token.secret), token.createdAt) };
  return { emu, env, counter: new TrafficCounter(state) };
}

/** Least time the throttle allows for the first apply: every user, then every group (they reference the users), at the write rate. */
function throttleBoundMs(kind: 'idemeum' | 'aws', shape: Shape, rates = { scim: AWS_SCIM_LIMITS.writesPerSecond, identityStore: 20 }): number {
  if (kind === 'idemeum') return ((shape.users + shape.groups) / rates.scim) * 1000;
  // Identity Store: CreateUser, CreateGroup and CreateGroupMembership are separate APIs at 20/s each.
  return (Math.max(shape.users, membershipCount(shape)) / rates.identityStore) * 1000;
}

/** Reads a no-change refresh cannot go below: user and group listings (100 a page) and one member query per group. */
function refreshMinimum(shape: Shape): number {
  const perGroup = Math.floor(shape.memberships / shape.groups);
  return Math.ceil(shape.users / 100) + Math.ceil(shape.groups / 100) + shape.groups * Math.max(1, Math.ceil(perGroup / 100));
}

const phase = (phases: Phase[] | undefined, name: string) => phases?.find((p) => p.phase === name);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);
const cell = (p: Phase | undefined) => (p ? `${seconds(p.ms)}, ${p.traffic.requests} req${p.traffic.throttled ? ` (${p.traffic.throttled} throttled)` : ''}` : '–');
const shapeText = (s: Shape) => `${s.users.toLocaleString('en')}/${s.groups.toLocaleString('en')}/${s.memberships.toLocaleString('en')}`;

async function main(): Promise<void> {
  const loadBefore = load();
  const toolchain = requireTerraformToolchain({ search: true });
  const provider = await idemeumProviderMirror();
  const mirrors = [toolchain.awsMirror, provider.mirrorDir];
  log(`terraform-scale (${FULL ? 'full' : 'quick'}): idemeum ${shapeText(IDEMEUM)}, peer ${shapeText(PEER)}, parallelism ${PARALLELISM}, ${BACKEND} state backend; load ${loadBefore.join(' ')}`);

  const wanted = (name: string) => !ONLY || ONLY.includes(name);
  const results: Record<string, { shape: Shape; resources: number; phases: Phase[] }> = {};
  const states = await StateServer.start();
  const layout = (name: string): Layout => (BACKEND === 'http' ? { backend: states.backend(name) } : {});
  const { emu, env, counter } = await emulator();
  try {
    const run = async (name: string, kind: 'idemeum' | 'aws' | 'terraform_data', shape: Shape, config: object) => {
      if (!wanted(name)) return;
      const phases = await runVariant({
        name,
        terraform: toolchain.terraform,
        mirrors,
        env,
        config,
        counter,
        parallelism: PARALLELISM,
        timeoutMs: TIMEOUT_MS,
        log,
        ...(kind === 'idemeum' && { providerMarker: 'terraform-provider-idemeum' }),
      });
      results[name] = { shape, resources: resourceCount(kind, shape), phases };
    };
    await run('terraform_data', 'terraform_data', IDEMEUM, terraformDataConfig(IDEMEUM, 'td', layout('terraform_data')));
    await run('idemeum', 'idemeum', IDEMEUM, idemeumConfig(IDEMEUM, 'idm', layout('idemeum')));
    await run('hashicorp/aws', 'aws', PEER, awsConfig(PEER, 'aws', emu.state.identityStoreId, layout('aws')));
  } finally {
    await emu.close();
  }

  // A shared identity store: the emulator allows less than AWS's quota, the provider is left at its defaults.
  let shared: { shape: Shape; throttle: typeof SHARED_THROTTLE; phases: Phase[] } | undefined;
  if (wanted('shared')) {
    const lower = await emulator(SHARED_THROTTLE);
    try {
      const phases = await runVariant({
        name: 'idemeum (shared store)',
        terraform: toolchain.terraform,
        mirrors,
        env: lower.env,
        config: idemeumConfig(SHARED, 'shared', layout('shared')),
        counter: lower.counter,
        parallelism: PARALLELISM,
        timeoutMs: TIMEOUT_MS,
        log,
      });
      shared = { shape: SHARED, throttle: SHARED_THROTTLE, phases };
    } finally {
      await lower.emu.close();
    }
  }
  await states.close();

  const td = results.terraform_data?.phases;
  const idm = results.idemeum?.phases;
  const aws = results['hashicorp/aws']?.phases;
  const rows: (string | number)[][] = [['work', `idemeum (${shapeText(IDEMEUM)})`, `hashicorp/aws (${shapeText(PEER)})`, `terraform_data (${resourceCount('idemeum', IDEMEUM)})`]];
  for (const name of ['plan (create)', 'apply', 'no-change plan', 'plan -refresh=false']) rows.push([name, cell(phase(idm, name)), cell(phase(aws, name)), cell(phase(td, name))]);
  log('');
  log(table(rows));

  const bound = throttleBoundMs('idemeum', IDEMEUM);
  const applyBound = Math.max(bound, phase(td, 'apply')?.ms ?? 0);
  const minimum = refreshMinimum(IDEMEUM);
  const refreshReads = phase(idm, 'no-change plan')?.traffic.requests;
  const memory = phase(idm, 'no-change plan')?.providerPeakBytes;
  const targets: (string | number)[][] = [
    ['target', 'measured', 'bound', 'ratio', 'goal'],
    ['idemeum apply', seconds(phase(idm, 'apply')?.ms ?? 0), `max(throttle ${seconds(bound)}, terraform_data ${seconds(phase(td, 'apply')?.ms ?? 0)})`, ratio(phase(idm, 'apply')?.ms, applyBound), '≤ 1.10×'],
    ['idemeum apply throttled answers', phase(idm, 'apply')?.traffic.throttled ?? '–', '0', '', '0'],
    ['idemeum no-change plan', seconds(phase(idm, 'no-change plan')?.ms ?? 0), `terraform_data ${seconds(phase(td, 'no-change plan')?.ms ?? 0)}`, ratio(phase(idm, 'no-change plan')?.ms, phase(td, 'no-change plan')?.ms), '≤ 1.50×'],
    ['idemeum refresh reads', refreshReads ?? '–', `API minimum ${minimum}`, ratio(refreshReads, minimum), '≤ 1.10×'],
    ['provider peak memory (no-change plan)', memory ? `${(memory / 2 ** 20).toFixed(0)} MiB` : '–', '', '', 'recorded'],
  ];
  if (shared) {
    const sharedApply = phase(shared.phases, 'apply');
    targets.push([
      `shared store (${SHARED_THROTTLE.scimWritesPerSecond} writes/s left) apply`,
      cell(sharedApply),
      `throttle ${seconds(((SHARED.users + SHARED.groups) / SHARED_THROTTLE.scimWritesPerSecond) * 1000)}`,
      ratio(sharedApply?.ms, ((SHARED.users + SHARED.groups) / SHARED_THROTTLE.scimWritesPerSecond) * 1000),
      'applies, then plans clean',
    ]);
  }
  log('');
  log(table(targets));
  for (const [name, r] of Object.entries(results)) for (const p of r.phases) log(`  ${name} ${p.phase}: ${describeTraffic(p.traffic) || 'no requests'} (load ${p.loadBefore.join(' ')} → ${p.loadAfter.join(' ')})`);
  if (shared) for (const p of shared.phases) log(`  shared store ${p.phase}: ${describeTraffic(p.traffic) || 'no requests'}`);

  // A subset run (BENCH_ONLY) writes a file of its own, so two subsets can run side by side.
  const file = writeResult(ONLY ? `terraform-scale-${ONLY.join('+').replace(/[^a-z0-9+_]+/gi, '-')}` : 'terraform-scale', {
    loadBefore,
    parallelism: PARALLELISM,
    backend: BACKEND,
    throttle: { scimWritesPerSecond: 25, scimReadsPerSecond: 40, identityStorePerSecond: 20 },
    bounds: { idemeumApplyThrottleMs: bound, peerApplyThrottleMs: throttleBoundMs('aws', PEER), idemeumRefreshReadMinimum: minimum },
    results,
    ...(shared && { sharedStore: shared }),
    machineAtStart: machine(),
  });
  log(`\nwrote ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
