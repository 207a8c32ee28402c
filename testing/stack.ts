import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { planAccessChanges, type AccessChangeReport, type AccessReport } from '../src/access';
import { TerraformWorkdir, type TerraformResult } from '../src/terraform/workdir';
import type { Emulator } from './emulator';
import { idemeumProviderMirror, requireTerraformToolchain, type TerraformToolchain } from './toolchain';

/** A cdktf `App` (anything with `synth()` and `outdir`): synthesized when the harness needs it. */
export interface SynthesizableApp {
  synth(): void;
  readonly outdir: string;
}

/** A synthesized stack: its directory (holding cdk.tf.json), the cdk.tf.json file, or an App to synthesize. */
export type StackSource = string | SynthesizableApp;

export interface EmulatedStackOptions {
  /** A started emulator (`startEmulator()`); terraform talks to it and to nothing else. */
  readonly emulator: Emulator;
  /** Which stack of the App. @default - the App's only stack */
  readonly stackName?: string;
  /** Where terraform runs and keeps state: a directory of the harness's own (it replaces the configuration files in it). @default - a new temporary directory */
  readonly workdir?: string;
  /** @default - findTerraformToolchain({ search: true }): TERRAFORM_BINARY / PATH, IDEMEUM_TF_PLUGIN_MIRROR or a search */
  readonly toolchain?: TerraformToolchain;
  /** Extra environment for terraform (TF_LOG, TF_VAR_…). */
  readonly env?: Readonly<Record<string, string>>;
  /** Per terraform command. @default 600000 (10 minutes) */
  readonly timeoutMs?: number;
  /** terraform -parallelism. @default 10 (terraform's own default) */
  readonly parallelism?: number;
}

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  /** Terraform's actions: ['create'], ['update'], ['delete'], ['delete','create'] (replace), ['read'], ['no-op']. */
  readonly actions: readonly string[];
}

export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Resources with an action other than no-op/read. */
  readonly changes: readonly ResourceChange[];
  /** No resource changes (output-only changes do not count). */
  readonly empty: boolean;
  /** Who gains or loses which account and permission set if the plan is applied (`access-diff --plan`, docs/access-diff.md). */
  readonly accessChanges?: AccessChangeReport;
}

export interface ApplyResult {
  /** What the apply did, from the plan it applied. */
  readonly plan: PlanSummary;
  /** Who can reach which account with which permission set afterwards. */
  readonly access: AccessReport;
  /** The emulator's state afterwards (GET /_fake/state; no secrets). */
  readonly state: Record<string, unknown>;
  /** The stack's outputs (sensitive ones included, as terraform output -json gives them). */
  readonly outputs: Record<string, unknown>;
}

/** A terraform command failed; the message carries its output (with the emulator's token removed). */
export class TerraformCommandError extends Error {
  override readonly name = 'TerraformCommandError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly output: string,
  ) {
    super(`terraform ${args.join(' ')} exited ${exitCode}:\n${output}`);
  }
}

const OVERRIDE_FILE = 'zz_emulator_override.tf.json';
const PLAN_FILE = 'emulated.tfplan';
/** Files terraform owns in the working directory; everything else comes from the synthesized stack. */
const TERRAFORM_OWNED = new Set(['.terraform', '.terraform.lock.hcl', '.terraformrc', 'terraform.tfstate', 'terraform.tfstate.backup', OVERRIDE_FILE, PLAN_FILE]);

/**
 * A synthesized stack applied with real terraform to the emulator: both providers installed from
 * filesystem mirrors (nothing is fetched), the AWS provider and the idemeum provider sent to the
 * emulator through the environment (the stack itself is unchanged), state kept locally in the
 * working directory whatever backend the stack declares.
 */
export class EmulatedStack {
  private constructor(
    readonly workdir: string,
    private readonly terraform: TerraformWorkdir,
    private readonly options: EmulatedStackOptions,
  ) {}

  /** Copies the stack into a working directory and runs `terraform init` (offline, from the mirrors). */
  static async create(source: StackSource, options: EmulatedStackOptions): Promise<EmulatedStack> {
    const toolchain = options.toolchain ?? requireTerraformToolchain({ search: true });
    const workdir = resolve(options.workdir ?? mkdtempSync(join(tmpdir(), 'idemeum-emulated-stack-')));
    const provider = await idemeumProviderMirror();
    const tf = TerraformWorkdir.create({
      terraform: toolchain.terraform,
      mirrors: [toolchain.awsMirror, provider.mirrorDir],
      dir: workdir,
      baseEnv: options.emulator.childEnvironment(process.env),
      env: { ...options.env },
    });
    const stack = new EmulatedStack(workdir, tf, options);
    stack.copyConfiguration(source);
    await stack.run(['init', '-no-color', '-input=false']);
    return stack;
  }

  /** Replaces the configuration with another synthesis of the stack, keeping state: then plan or apply the change. */
  async update(source: StackSource): Promise<void> {
    this.copyConfiguration(source);
    await this.run(['init', '-no-color', '-input=false']);
  }

  /** `terraform plan` against the emulator (refreshing from it), summarized. */
  async plan(): Promise<PlanSummary> {
    await this.run(['plan', '-no-color', '-input=false', `-out=${PLAN_FILE}`, ...this.parallelism()]);
    return this.showPlan();
  }

  /** Plans, applies that plan, and reports what it did and the access that results. */
  async apply(): Promise<ApplyResult> {
    const plan = await this.plan();
    await this.run(['apply', '-no-color', '-input=false', '-auto-approve', ...this.parallelism(), PLAN_FILE]);
    return this.result(plan);
  }

  /** `terraform destroy`; the emulator then holds nothing this stack created. */
  async destroy(): Promise<ApplyResult> {
    await this.run(['plan', '-destroy', '-no-color', '-input=false', `-out=${PLAN_FILE}`, ...this.parallelism()]);
    const plan = await this.showPlan();
    await this.run(['apply', '-no-color', '-input=false', '-auto-approve', ...this.parallelism(), PLAN_FILE]);
    return this.result(plan);
  }

  /** Who can reach which account with which permission set, now. */
  access(): AccessReport {
    return this.options.emulator.control.access();
  }

  /** Removes the working directory (state included). */
  dispose(): void {
    rmSync(this.workdir, { recursive: true, force: true });
  }

  private async result(plan: PlanSummary): Promise<ApplyResult> {
    const outputs = JSON.parse((await this.run(['output', '-json', '-no-color'])).stdout || '{}') as Record<string, { value: unknown }>;
    return {
      plan,
      access: this.access(),
      state: await this.options.emulator.control.dump(),
      outputs: Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, o.value])),
    };
  }

  private async showPlan(): Promise<PlanSummary> {
    const text = (await this.run(['show', '-json', '-no-color', PLAN_FILE])).stdout;
    const shown = JSON.parse(text) as { resource_changes?: Array<{ address: string; type: string; change: { actions: string[] } }> };
    return { ...summarize(shown.resource_changes ?? []), accessChanges: planAccessChanges(text) };
  }

  private parallelism(): string[] {
    return this.options.parallelism === undefined ? [] : [`-parallelism=${this.options.parallelism}`];
  }

  private copyConfiguration(source: StackSource): void {
    const stackDir = synthesizedStackDir(source, this.options.stackName);
    if (stackDir === this.workdir) throw new RangeError(`workdir ${this.workdir} is the synthesized stack itself; give the harness a directory of its own`);
    for (const entry of readdirSync(this.workdir)) if (!TERRAFORM_OWNED.has(entry)) rmSync(join(this.workdir, entry), { recursive: true, force: true });
    for (const entry of readdirSync(stackDir)) {
      if (!TERRAFORM_OWNED.has(entry)) cpSync(join(stackDir, entry), join(this.workdir, entry), { recursive: true });
    }
    // Whatever backend the stack declares (S3, HCP Terraform), state stays here: the emulator is not AWS.
    writeFileSync(join(this.workdir, OVERRIDE_FILE), JSON.stringify({ terraform: { backend: { local: { path: 'terraform.tfstate' } } } }, null, 2));
  }

  private async run(args: readonly string[]): Promise<TerraformResult> {
    const result = await this.terraform.run(args, { timeoutMs: this.options.timeoutMs ?? 600_000 });
    if (result.code !== 0) {
      const token = this.options.emulator.scimToken;
      const output = `${result.stdout}\n${result.stderr}`.split(token).join('<emulator SCIM token>');
      throw new TerraformCommandError(args, result.code, output.trim());
    }
    return result;
  }
}

/** Synthesizes (an App), then applies the stack to the emulator: init, plan, apply. */
export async function applyStack(source: StackSource, options: EmulatedStackOptions): Promise<ApplyResult & { readonly stack: EmulatedStack }> {
  const stack = await EmulatedStack.create(source, options);
  return { ...(await stack.apply()), stack };
}

export function summarize(changes: ReadonlyArray<{ address: string; type: string; change: { actions: readonly string[] } }>): PlanSummary {
  const relevant = changes
    .filter((c) => !c.change.actions.every((a) => a === 'no-op' || a === 'read'))
    .map((c) => ({ address: c.address, type: c.type, actions: [...c.change.actions] }));
  const count = (action: string) => relevant.filter((c) => c.actions.includes(action)).length;
  return { add: count('create'), change: count('update'), destroy: count('delete'), changes: relevant, empty: relevant.length === 0 };
}

/** The directory holding cdk.tf.json for a source, synthesizing an App first. */
export function synthesizedStackDir(source: StackSource, stackName?: string): string {
  if (typeof source === 'string') {
    const path = resolve(source);
    if (existsSync(path) && statSync(path).isFile()) {
      if (basename(path) !== 'cdk.tf.json') throw new RangeError(`${path} is not a cdk.tf.json; give the synthesized stack's directory or its cdk.tf.json`);
      return dirname(path);
    }
    if (!existsSync(join(path, 'cdk.tf.json'))) {
      throw new RangeError(`${path} holds no cdk.tf.json; synthesize first (cdktf synth, or app.synth()) and give cdktf.out/stacks/<stack>`);
    }
    return path;
  }
  source.synth();
  const manifestFile = join(source.outdir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { workingDirectory: string }> };
  const names = Object.keys(manifest.stacks);
  const name = stackName ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined || !manifest.stacks[name]) {
    throw new RangeError(`the App has stacks ${names.map((n) => `"${n}"`).join(', ') || '(none)'}; say which with stackName`);
  }
  return resolve(source.outdir, manifest.stacks[name].workingDirectory);
}
