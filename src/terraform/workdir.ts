import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface WorkdirOptions {
  /** The terraform binary (see locateTerraform). */
  readonly terraform: string;
  /**
   * Filesystem mirror roots. Each is searched for every provider; nothing is fetched from a
   * registry, so `terraform init` works offline.
   */
  readonly mirrors: readonly string[];
  /** Working directory. @default a new directory under the OS temp dir */
  readonly dir?: string;
  /** Extra environment for every run (e.g. IDEMEUM_SCIM_TOKEN). */
  readonly env?: Readonly<Record<string, string>>;
  /** The environment runs start from. @default process.env */
  readonly baseEnv?: NodeJS.ProcessEnv;
}

/**
 * A terraform working directory with its own CLI configuration (filesystem mirrors only), so no
 * run we start reads the user's ~/.terraformrc or reaches a registry.
 */
export class TerraformWorkdir {
  readonly dir: string;
  readonly cliConfigPath: string;
  private readonly terraform: string;
  private readonly env: Record<string, string>;
  private readonly baseEnv: NodeJS.ProcessEnv | undefined;

  private constructor(options: WorkdirOptions, dir: string, cliConfigPath: string) {
    this.terraform = options.terraform;
    this.baseEnv = options.baseEnv;
    this.dir = dir;
    this.cliConfigPath = cliConfigPath;
    this.env = { ...(options.env ?? {}) };
  }

  static create(options: WorkdirOptions): TerraformWorkdir {
    const dir = resolve(options.dir ?? mkdtempSync(join(tmpdir(), 'idemeum-tf-')));
    mkdirSync(dir, { recursive: true });
    const cliConfigPath = join(dir, '.terraformrc');
    writeFileSync(cliConfigPath, cliConfig(options.mirrors));
    return new TerraformWorkdir(options, dir, cliConfigPath);
  }

  /** Sets (or, with undefined, removes) an environment variable for later runs. */
  setEnv(name: string, value: string | undefined): void {
    if (value === undefined) delete this.env[name];
    else this.env[name] = value;
  }

  writeFile(name: string, content: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  /** Runs `terraform <args>` in the directory; never throws on a non-zero exit. */
  run(args: readonly string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<TerraformResult> {
    const env: NodeJS.ProcessEnv = {
      ...(this.baseEnv ?? process.env),
      TF_CLI_CONFIG_FILE: this.cliConfigPath,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      ...this.env,
      ...options.env,
    };
    return new Promise((resolvePromise, reject) => {
      const child = spawn(this.terraform, args, { cwd: this.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), options.timeoutMs) : undefined;
      child.on('error', reject);
      child.on('close', (code) => {
        if (timer) clearTimeout(timer);
        resolvePromise({ code: code ?? 1, stdout, stderr });
      });
    });
  }

  /** `terraform init` that fails loudly, with terraform's own output in the error. */
  async init(extraArgs: readonly string[] = []): Promise<TerraformResult> {
    return this.expectOk(['init', '-no-color', '-input=false', ...extraArgs]);
  }

  /** Runs and throws with terraform's output when the exit code is not 0. */
  async expectOk(args: readonly string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<TerraformResult> {
    const result = await this.run(args, options);
    if (result.code !== 0) {
      throw new Error(`terraform ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }
}

/** A CLI configuration that installs every provider from the given filesystem mirrors only. */
export function cliConfig(mirrors: readonly string[]): string {
  const blocks = mirrors.map((path) => `  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(path))}\n    include = ["registry.terraform.io/*/*"]\n  }`);
  return `provider_installation {\n${blocks.join('\n')}\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`;
}
