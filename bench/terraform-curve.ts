/**
 * Terraform's own cost as the resource count grows, with no provider in the way: terraform_data
 * in the idemeum configuration's shape (users, and groups listing their members' ids), written
 * four ways, timed (wall and terraform's CPU) for plan, apply and a no-change plan:
 *
 *   as-written   one for_each per resource, members as `terraform_data.u[k].id`, local state
 *   id-map       members from one local map of ids built once
 *   chunked      id-map, and no for_each larger than 1,000 instances
 *   remote-state chunked, state in Terraform's http backend (a loopback store in this process)
 *
 * What the profiles show (goroutine dumps of terraform 1.11.4, see README "Performance"): planning
 * an instance evaluates its resource's whole for_each map again, `u[k]` inside a for expression
 * assembles every instance of `u`, and the local backend serialises the whole state twice after
 * every resource it applies. Prints a table, writes bench/results/terraform-curve.json.
 *
 *   npx tsx bench/terraform-curve.ts                      # 550, 1,100, 2,200 resources
 *   npx tsx bench/terraform-curve.ts --full               # 1,100, 2,200, 4,400 (as-written at 11,000 would take hours)
 *   BENCH_CURVE_LAYOUTS=chunked,remote-state              # a subset
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliConfig } from '../src/terraform/workdir';
import { requireTerraformToolchain } from '../testing/toolchain';
import { terraformDataConfig, type Layout, type Shape } from './lib/configs';
import { fullRun, load, table, writeResult } from './lib/machine';
import { StateServer } from './lib/state-server';

const SIZES = (process.env.BENCH_CURVE_SIZES ?? (fullRun() ? '1100,2200,4400' : '550,1100,2200')).split(',').map(Number);
const LAYOUTS = (process.env.BENCH_CURVE_LAYOUTS ?? 'as-written,id-map,chunked,remote-state').split(',');

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Runs terraform under sh so `times` reports its CPU (user + system) when it exits. */
function timed(terraform: string, dir: string, args: string[]): Promise<Timing> {
  const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, '.terraformrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', '"$0" "$@" >/dev/null; s=$?; times >&2; exit $s', terraform, ...args], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      // `times`: the shell's own user/system times, then its children's.
      const lines = err.trim().split('\n');
      const children = lines[lines.length - 1].match(/(\d+)m([\d.]+)s/g) ?? [];
      const cpuMs = children.reduce((sum, t) => {
        const [, m, s] = /(\d+)m([\d.]+)s/.exec(t)!;
        return sum + (Number(m) * 60 + Number(s)) * 1000;
      }, 0);
      if (code !== 0 && !(code === 2 && args.includes('-detailed-exitcode'))) reject(new Error(`terraform ${args.join(' ')} exited ${code}:\n${err}`));
      else resolve({ wallMs, cpuMs });
    });
  });
}

function layout(name: string, states: StateServer, key: string): Layout {
  if (name === 'as-written') return { references: 'resource', chunk: Number.MAX_SAFE_INTEGER };
  if (name === 'id-map') return { chunk: Number.MAX_SAFE_INTEGER };
  if (name === 'chunked') return { chunk: 1000 };
  return { chunk: 1000, backend: states.backend(key) };
}

async function main(): Promise<void> {
  const loadBefore = load();
  const { terraform } = requireTerraformToolchain({ search: true });
  const states = await StateServer.start();
  console.log(`terraform-curve: sizes ${SIZES.join(', ')}, layouts ${LAYOUTS.join(', ')}; load ${loadBefore.join(' ')}`);
  const rows: Record<string, unknown>[] = [];
  try {
    for (const resources of SIZES) {
      const shape: Shape = { users: Math.round((resources * 10) / 11), groups: Math.round(resources / 11), memberships: Math.round(resources / 11) * 50 };
      for (const name of LAYOUTS) {
        const dir = mkdtempSync(join(tmpdir(), `idemeum-curve-${name}-`));
        try {
          writeFileSync(join(dir, '.terraformrc'), cliConfig([]));
          writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(terraformDataConfig(shape, 'td', layout(name, states, `${name}-${resources}`))));
          await timed(terraform, dir, ['init', '-input=false']);
          const loadAt = load();
          const plan = await timed(terraform, dir, ['plan', '-input=false', '-out=p.tfplan']);
          const apply = await timed(terraform, dir, ['apply', '-input=false', 'p.tfplan']);
          const noChange = await timed(terraform, dir, ['plan', '-input=false', '-detailed-exitcode']);
          const row = { resources, layout: name, plan, apply, noChange, load: loadAt };
          rows.push(row);
          const s = (t: Timing) => `${(t.wallMs / 1000).toFixed(1)} s wall, ${(t.cpuMs / 1000).toFixed(1)} s CPU`;
          console.log(`  ${resources} ${name}: plan ${s(plan)}; apply ${s(apply)}; no-change plan ${s(noChange)} (load ${loadAt.join(' ')})`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await states.close();
  }
  const cpu = (t: unknown) => `${((t as Timing).cpuMs / 1000).toFixed(1)} s`;
  const wall = (t: unknown) => `${((t as Timing).wallMs / 1000).toFixed(1)} s`;
  console.log('');
  console.log(
    table([
      ['resources', 'layout', 'plan wall / CPU', 'apply wall / CPU', 'no-change plan wall / CPU', 'load'],
      ...rows.map((r) => [String(r.resources), String(r.layout), `${wall(r.plan)} / ${cpu(r.plan)}`, `${wall(r.apply)} / ${cpu(r.apply)}`, `${wall(r.noChange)} / ${cpu(r.noChange)}`, (r.load as number[]).join(' ')]),
    ]),
  );
  console.log(`wrote ${writeResult('terraform-curve', { loadBefore, sizes: SIZES, layouts: LAYOUTS, rows })}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
