/**
 * Account assignments at scale through real terraform: the L3 (IdemeumAwsSso) with groups pushed
 * over SCIM, permission sets and one aws_ssoadmin_account_assignment per group and account,
 * applied with hashicorp/aws to the emulator with AWS's throttles on (SSO Admin: 20 calls/s
 * across its APIs), then a no-change plan. Counts SSO Admin calls by operation and compares the
 * wall time with what bounds it: SSO Admin's 20 TPS, and the AWS provider's own wait of 10 s
 * before it first polls a new assignment's status (parallelism of them at a time). Prints a
 * table, writes bench/results/assignments.json; never passes or fails on time.
 *
 *   npx tsx bench/assignments.ts            # quick: 15 groups × 5 permission sets × 4 accounts (60 assignments)
 *   npx tsx bench/assignments.ts --full     # 300 × 50 × 20 (6,000 assignments)
 */
import { emulatorEnvironment } from '../mocks/environment';
import { emulatorEndpoints } from '../mocks/ready';
import { startEmulatorServer } from '../mocks/server';
import { EmulatorState } from '../mocks/store';
import { idemeumProviderMirror, requireTerraformToolchain } from '../testing/toolchain';
import { accountIds, assignmentCount, assignmentsConfig, type AssignmentShape } from './lib/assignments-stack';
import { fullRun, load, seconds, table, writeResult } from './lib/machine';
import { StateServer } from './lib/state-server';
import { describeTraffic, TrafficCounter, type Traffic } from './lib/traffic';
import { runVariant } from './lib/variant';

const FULL = fullRun();
const SHAPE: AssignmentShape = FULL ? { groups: 300, permissionSets: 50, accounts: 20 } : { groups: 15, permissionSets: 5, accounts: 4 };
/**
 * Terraform's default at the quick size. At full size 50: the AWS provider's 10 s wait per assignment
 * then allows 5 creations a second (4 SSO Admin calls each), which is SSO Admin's 20 TPS; at 10 the
 * apply could not take less than 100 minutes whatever AWS does.
 */
const PARALLELISM = Number(process.env.BENCH_PARALLELISM ?? (FULL ? 50 : 10));
const BACKEND = process.env.BENCH_BACKEND ?? (FULL ? 'http' : 'local');
/** hashicorp/aws waits this long after CreateAccountAssignment before its first status poll (account_assignment.go). */
const FIRST_POLL_DELAY_MS = 10_000;
const SSO_ADMIN_TPS = 20;

const sso = (t: Traffic) => Object.entries(t.byOperation).filter(([op]) => op.startsWith('sso:'));
const ssoCalls = (t: Traffic) => sso(t).reduce((n, [, c]) => n + c.requests, 0);
const ssoThrottled = (t: Traffic) => sso(t).reduce((n, [, c]) => n + c.throttled, 0);

async function main(): Promise<void> {
  const loadBefore = load();
  const n = assignmentCount(SHAPE);
  console.log(`assignments (${FULL ? 'full' : 'quick'}): ${SHAPE.groups} groups × ${SHAPE.permissionSets} permission sets × ${SHAPE.accounts} accounts = ${n} assignments, parallelism ${PARALLELISM}, ${BACKEND} state backend; load ${loadBefore.join(' ')}`);
  const toolchain = requireTerraformToolchain({ search: true });
  const provider = await idemeumProviderMirror();
  const state = new EmulatorState({ throttle: { enabled: true } });
  for (const id of accountIds(SHAPE)) state.sso.accounts.add(id);
  const emu = await startEmulatorServer({ state });
  const states = await StateServer.start();
  const token = state.directory.scimTokens.issue();
  const env = { ...process.env, ...emulatorEnvironment(emulatorEndpoints(state, token.secret), token.createdAt) };
  const counter = new TrafficCounter(state);
  try {
    const config = assignmentsConfig(SHAPE, state.instanceArn, token.createdAt.toISOString().slice(0, 10));
    if (BACKEND === 'http') Object.assign((config as { terraform: object }).terraform, { backend: states.backend('assignments') });
    const phases = await runVariant({
      name: 'assignments',
      terraform: toolchain.terraform,
      mirrors: [toolchain.awsMirror, provider.mirrorDir],
      env,
      config,
      counter,
      parallelism: PARALLELISM,
      timeoutMs: 4 * 60 * 60 * 1000,
      log: (line) => console.log(line),
    });
    const held = state.sso.assignments.length;
    const apply = phases.find((p) => p.phase === 'apply')!;
    const plan = phases.find((p) => p.phase === 'no-change plan')!;
    const pollBound = Math.ceil(n / PARALLELISM) * FIRST_POLL_DELAY_MS;
    console.log('');
    console.log(
      table([
        ['phase', 'wall', 'SSO Admin calls', 'throttled', 'SSO Admin 20 TPS bound', 'first-poll bound (10 s × assignments / parallelism)', 'load before → after'],
        ...phases.map((p) => [
          p.phase,
          seconds(p.ms),
          ssoCalls(p.traffic),
          ssoThrottled(p.traffic),
          seconds((ssoCalls(p.traffic) / SSO_ADMIN_TPS) * 1000),
          p === apply ? seconds(pollBound) : '',
          `${p.loadBefore.join(' ')} → ${p.loadAfter.join(' ')}`,
        ]),
      ]),
    );
    for (const p of phases) console.log(`  ${p.phase}: ${describeTraffic(p.traffic) || 'no requests'}`);
    console.log(`  the emulator holds ${held} assignments (expected ${n})`);
    const file = writeResult('assignments', {
      loadBefore,
      shape: SHAPE,
      assignments: n,
      held,
      parallelism: PARALLELISM,
      backend: BACKEND,
      bounds: { ssoAdminTps: SSO_ADMIN_TPS, firstPollDelayMs: FIRST_POLL_DELAY_MS, applyFirstPollBoundMs: pollBound, noChangePlanTpsBoundMs: (ssoCalls(plan.traffic) / SSO_ADMIN_TPS) * 1000 },
      phases,
    });
    console.log(`wrote ${file}`);
  } finally {
    await states.close();
    await emu.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
