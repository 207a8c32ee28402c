import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformWorkdir } from '../../src/terraform/workdir';
import { load } from './machine';
import { endedChildrenCpuSeconds, PeakMemory } from './memory';
import { TrafficCounter, type Traffic } from './traffic';

/** One terraform command, timed, with what the emulator saw meanwhile. */
export interface Phase {
  readonly phase: string;
  readonly ms: number;
  readonly traffic: Traffic;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  /** Largest resident set of one provider process during the phase (idemeum only). */
  readonly providerPeakBytes?: number;
  /** CPU seconds of terraform and its plugins together, and of the provider's processes alone (Linux). */
  readonly cpuSeconds?: { readonly terraformAndPlugins: number; readonly provider?: number };
  readonly providerProcesses?: number;
}

export interface VariantOptions {
  readonly name: string;
  readonly terraform: string;
  readonly mirrors: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly config: object;
  readonly counter: TrafficCounter;
  readonly parallelism: number;
  /** The plugin's executable name, to sample its memory (terraform runs it from the working directory). */
  readonly providerMarker?: string;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

/**
 * A configuration taken through a first apply and two no-change plans with real terraform: plan
 * to a file (the create plan), apply that file, plan again (refresh), plan -refresh=false.
 */
export async function runVariant(o: VariantOptions): Promise<Phase[]> {
  const dir = mkdtempSync(join(tmpdir(), `idemeum-bench-${o.name.replace(/[^a-z0-9_]+/gi, "-")}-`));
  const tf = TerraformWorkdir.create({ terraform: o.terraform, mirrors: o.mirrors, dir, baseEnv: o.env });
  tf.writeFile('main.tf.json', JSON.stringify(o.config));
  const memory = o.providerMarker ? new PeakMemory(o.providerMarker, dir) : undefined;
  const phases: Phase[] = [];
  const p = [`-parallelism=${o.parallelism}`];
  try {
    await tf.init();
    o.counter.take();
    const steps: [string, string[], number[]][] = [
      ['plan (create)', ['plan', '-no-color', '-input=false', '-out=create.tfplan', ...p], [0]],
      ['apply', ['apply', '-no-color', '-input=false', ...p, 'create.tfplan'], [0]],
      // -detailed-exitcode: 0 means no changes, which is what a no-change plan must find.
      ['no-change plan', ['plan', '-no-color', '-input=false', '-detailed-exitcode', ...p], [0]],
      ['plan -refresh=false', ['plan', '-no-color', '-input=false', '-detailed-exitcode', '-refresh=false', ...p], [0]],
    ];
    for (const [phase, args, okCodes] of steps) {
      memory?.reset();
      const loadBefore = load();
      const cpu0 = endedChildrenCpuSeconds();
      const t0 = performance.now();
      const result = await tf.run(args, { timeoutMs: o.timeoutMs });
      const ms = performance.now() - t0;
      const cpu1 = endedChildrenCpuSeconds();
      const traffic = o.counter.take();
      const mem = memory?.read();
      if (!okCodes.includes(result.code)) {
        const tail = `${result.stdout}\n${result.stderr}`.split('\n').slice(-40).join('\n');
        throw new Error(`${o.name}: terraform ${args[0]} (${phase}) exited ${result.code}${result.code === 2 ? ' (the plan found changes)' : ''}:\n${tail}`);
      }
      const cpuSeconds =
        cpu0 !== undefined && cpu1 !== undefined ? { terraformAndPlugins: Math.round((cpu1 - cpu0) * 100) / 100, ...(mem && { provider: mem.cpuSeconds }) } : undefined;
      phases.push({
        phase,
        ms,
        traffic,
        loadBefore,
        loadAfter: load(),
        ...(mem && { providerPeakBytes: mem.peakBytes, providerProcesses: mem.processes }),
        ...(cpuSeconds && { cpuSeconds }),
      });
      o.log(
        `  ${o.name} ${phase}: ${(ms / 1000).toFixed(1)} s, ${traffic.requests} requests (${traffic.throttled} throttled)` +
          (cpuSeconds ? `, CPU ${cpuSeconds.terraformAndPlugins.toFixed(1)} s${cpuSeconds.provider !== undefined ? ` (provider ${cpuSeconds.provider.toFixed(1)} s)` : ''}` : '') +
          (mem ? `, provider peak ${(mem.peakBytes / 2 ** 20).toFixed(0)} MiB in ${mem.processes} processes` : ''),
      );
    }
    return phases;
  } finally {
    memory?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
