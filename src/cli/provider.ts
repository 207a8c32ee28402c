import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { providerBundle } from '../provider/package/bundle';
import { PACKAGE_VERSION } from '../package-info';
import { type CodeCache, writeCodeCache } from '../provider/package/code-cache';
import { BUNDLE_FILE } from '../provider/package/launcher';
import type { Command } from './main';

/**
 * `idemeum-aws provider install [--dir D] [--cli-config F]`: bundles the provider and lays out a
 * Terraform filesystem mirror, so `terraform init` installs idemeum/idemeum offline. The package
 * holds all the code it runs (esbuild, all dependencies inlined): the executable (a launcher), the
 * bundle and V8's code cache of it, all in one directory, which the h1: hash Terraform writes
 * into .terraform.lock.hcl covers.
 */
export const PROVIDER_HOST = 'registry.terraform.io';
export const PROVIDER_NAMESPACE = 'idemeum';
export const PROVIDER_TYPE = 'idemeum';
export const DEFAULT_MIRROR_DIR = '.terraform-mirror';


export interface InstallOptions {
  /** Mirror root. @default - `.terraform-mirror` under the current directory */
  readonly dir?: string;
  /** @default - package.json version */
  readonly version?: string;
  /** Write V8's code cache, which saves ~100 ms per provider start. @default true */
  readonly codeCache?: boolean;
}

export interface Installed {
  readonly mirrorDir: string;
  readonly executable: string;
  /** The provider's code, next to the executable. */
  readonly bundle: string;
  /** Undefined when not asked for. */
  readonly codeCache?: CodeCache;
  readonly version: string;
  readonly platform: string;
  /** The provider_installation block that makes Terraform use the mirror. */
  readonly cliConfig: string;
}

export function terraformPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'windows' : platform;
  const cpu = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
  return `${os}_${cpu}`;
}

export function packageVersion(): string {
  return PACKAGE_VERSION;
}

export function cliConfigBlock(mirrorDir: string): string {
  const source = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}/*`;
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirrorDir)}`,
    `    include = [${JSON.stringify(source)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(source)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

export async function installProvider(o: InstallOptions = {}): Promise<Installed> {
  const version = o.version ?? packageVersion();
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    throw new Error(`version "${version}" is not a semantic version like 0.1.0; Terraform cannot install it`);
  }
  const mirrorDir = resolve(o.dir ?? DEFAULT_MIRROR_DIR);
  const platform = terraformPlatform();
  const packageDir = join(mirrorDir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, version, platform);
  const executable = join(packageDir, `terraform-provider-${PROVIDER_TYPE}_v${version}`);
  const built = await providerBundle();
  const bundle = join(packageDir, BUNDLE_FILE);
  // A fresh directory: a file left from another build would change the package's h1: hash.
  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(packageDir, { recursive: true });
  try {
    writeFileSync(bundle, built.code);
    // `env node` execs node in place of the script, so Terraform's SIGKILL reaches node itself.
    writeFileSync(executable, `#!/usr/bin/env node\n${built.launcher}`);
    chmodSync(executable, 0o755);
    const codeCache = o.codeCache === false ? undefined : await writeCodeCache(packageDir, built.primer);
    return { mirrorDir, executable, bundle, ...(codeCache && { codeCache }), version, platform, cliConfig: cliConfigBlock(mirrorDir) };
  } catch (err) {
    rmSync(packageDir, { recursive: true, force: true });
    throw err;
  }
}

const USAGE = `usage: idemeum-aws provider install [--dir D] [--cli-config FILE]

Bundles the Terraform provider idemeum/idemeum and lays it out as a filesystem mirror in D
(default ${DEFAULT_MIRROR_DIR}), then prints the CLI configuration block that points Terraform
at it. --cli-config also writes that block to FILE (use it as TF_CLI_CONFIG_FILE).
`;

function parseArgs(args: string[]): { sub?: string; dir?: string; cliConfig?: string; help: boolean } {
  const out: { sub?: string; dir?: string; cliConfig?: string; help: boolean } = { help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--dir') out.dir = value();
    else if (a.startsWith('--dir=')) out.dir = a.slice(6);
    else if (a === '--cli-config') out.cliConfig = value();
    else if (a.startsWith('--cli-config=')) out.cliConfig = a.slice(13);
    else if (!out.sub && !a.startsWith('-')) out.sub = a;
    else throw new Error(`unknown option "${a}"`);
  }
  return out;
}

export const command: Command = {
  usage: USAGE,
  summary: 'install the Terraform provider idemeum/idemeum into a local filesystem mirror',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs(args);
    } catch (err) {
      process.stderr.write(`idemeum-aws provider: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (parsed.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (parsed.sub !== 'install') {
      process.stderr.write(`idemeum-aws provider: ${parsed.sub ? `unknown subcommand "${parsed.sub}"` : 'missing subcommand'}\n\n${USAGE}`);
      return 2;
    }
    const installed = await installProvider({ ...(parsed.dir && { dir: parsed.dir }) });
    if (parsed.cliConfig) writeFileSync(parsed.cliConfig, installed.cliConfig);
    process.stderr.write(`installed idemeum/idemeum ${installed.version} (${installed.platform}) at ${installed.executable}\n`);
    if (installed.codeCache && 'skipped' in installed.codeCache) process.stderr.write(`note: no code cache, the provider starts slower: ${installed.codeCache.skipped}\n`);
    process.stdout.write(installed.cliConfig);
    return 0;
  },
};
