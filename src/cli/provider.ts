import { writeFileSync } from 'node:fs';
import { DEFAULT_MIRROR_DIR, installProvider } from '../provider/package/install';
import { packageVersion } from '../provider/package/layout';
import { NODE_CACHE_ENV, type NodeDistPlatform, NODE_DISTS, SEA_NODE_VERSION } from '../provider/package/node-dist';
import { buildRelease, RUNNER_ENV_PREFIX } from '../provider/package/release';
import type { Command } from './main';

// Other modules (simulate, tests, bench) take the install API from here.
export { cliConfigBlock, DEFAULT_MIRROR_DIR, type Installed, type InstallOptions, installProvider } from '../provider/package/install';
export { packageVersion, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, terraformPlatform } from '../provider/package/layout';

const INSTALL_USAGE = `usage: idemeum-aws provider install [--dir D] [--cli-config FILE] [--aws-mirror DIR]

Bundles the Terraform provider idemeum/idemeum for this machine (a launcher run by the node on
PATH, Node >= 20) and lays it out as a filesystem mirror in D (default ${DEFAULT_MIRROR_DIR}),
then prints the CLI configuration block that points Terraform at it.
  --cli-config FILE  also write that block to FILE (use it as TF_CLI_CONFIG_FILE)
  --aws-mirror DIR   a filesystem mirror holding registry.terraform.io/hashicorp/aws: the block
                     then installs hashicorp/aws from it too, and nothing from the registry
`;

const RELEASE_USAGE = `usage: idemeum-aws provider release --out DIR [--version V] [--node-cache DIR] [--runner PLATFORM=COMMAND]

Builds release artefacts of idemeum/idemeum into DIR/registry.terraform.io/idemeum/idemeum/:
terraform-provider-idemeum_<V>_<os>_<arch>.zip for linux_amd64, linux_arm64, windows_amd64
(single executables with their own Node ${SEA_NODE_VERSION}) and darwin_amd64, darwin_arm64 (a
launcher that needs Node >= 20 on PATH), terraform-provider-idemeum_<V>_SHA256SUMS, and the
network mirror protocol's index.json and <V>.json. DIR is a filesystem_mirror as it is, and a
network_mirror when a static HTTPS server serves it. The same input gives the same bytes (zip
times from SOURCE_DATE_EPOCH, else 1980-01-01).
  --version V         default: package.json's (${packageVersion()})
  --node-cache DIR    where the Node binary packages from the npm registry are kept (fetched
                      with npm pack when missing; checked against pinned integrity)
                      default: $${NODE_CACHE_ENV}, else the user's cache dir
  --runner P=COMMAND  a command that runs platform P's executables here (e.g.
                      linux_arm64=qemu-aarch64): P's executable then gets V8's code cache from
                      its own node and is started once before zipping
                      default: $${RUNNER_ENV_PREFIX}<PLATFORM>, e.g. ${RUNNER_ENV_PREFIX}LINUX_ARM64
`;

const USAGE = `usage: idemeum-aws provider <install|release> [options]

  install   install idemeum/idemeum into a filesystem mirror for this machine
  release   build the release zips, SHA256SUMS and network-mirror JSON for every platform

Run idemeum-aws provider <subcommand> --help for its options.
`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Parsed = { sub?: string; help: boolean; values: Record<string, string>; runners: Record<string, string> };

const VALUE_OPTIONS: Record<string, readonly string[]> = {
  install: ['--dir', '--cli-config', '--aws-mirror'],
  release: ['--out', '--version', '--node-cache', '--runner'],
};

function parseArgs(args: string[]): Parsed {
  const out: Parsed = { help: false, values: {}, runners: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      out.help = true;
      continue;
    }
    if (!out.sub && !a.startsWith('-')) {
      out.sub = a;
      continue;
    }
    const [flag, inline] = a.includes('=') && a.startsWith('--') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (!(VALUE_OPTIONS[out.sub ?? ''] ?? []).includes(flag)) throw new UsageError(`unknown option "${a}"${out.sub ? ` for provider ${out.sub}` : ''}`);
    let value = inline;
    if (value === undefined) {
      value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    }
    if (flag === '--runner') {
      const [platform, command] = [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)];
      if (!value.includes('=') || !(platform in NODE_DISTS) || !command) {
        throw new UsageError(`--runner "${value}" must be PLATFORM=COMMAND with PLATFORM one of ${Object.keys(NODE_DISTS).join(', ')}, e.g. linux_arm64=qemu-aarch64`);
      }
      out.runners[platform] = command;
    } else out.values[flag] = value;
  }
  return out;
}

async function install(p: Parsed): Promise<number> {
  const installed = await installProvider({ ...(p.values['--dir'] && { dir: p.values['--dir'] }), ...(p.values['--aws-mirror'] && { awsMirror: p.values['--aws-mirror'] }) });
  if (p.values['--cli-config']) writeFileSync(p.values['--cli-config'], installed.cliConfig);
  process.stderr.write(`installed idemeum/idemeum ${installed.version} (${installed.platform}) at ${installed.executable}\n`);
  if (installed.codeCache && 'skipped' in installed.codeCache) process.stderr.write(`note: no code cache, the provider starts slower: ${installed.codeCache.skipped}\n`);
  process.stdout.write(installed.cliConfig);
  return 0;
}

async function release(p: Parsed): Promise<number> {
  const outDir = p.values['--out'];
  if (!outDir) throw new UsageError('--out DIR is required: the folder the release (a mirror) is written into');
  const built = await buildRelease({
    outDir,
    version: p.values['--version'] ?? packageVersion(),
    ...(p.values['--node-cache'] && { nodeCacheDir: p.values['--node-cache'] }),
    ...(Object.keys(p.runners).length > 0 && { runners: p.runners as Partial<Record<NodeDistPlatform, string>> }),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  const lines = built.archives.map((a) => `  ${a.platform.padEnd(14)} ${mib(a.bytes).padStart(9)}  ${a.form === 'sea' ? `single executable (Node ${SEA_NODE_VERSION}${a.codeCache ? ', code cache' : ', no code cache'})` : 'launcher, needs Node >= 20 on PATH'}`);
  process.stdout.write(`idemeum/idemeum ${built.version} in ${built.dir} (${built.seconds.toFixed(1)} s)\n${lines.join('\n')}\n`);
  return 0;
}

const SUBCOMMANDS: Record<string, { usage: string; run: (p: Parsed) => Promise<number> }> = {
  install: { usage: INSTALL_USAGE, run: install },
  release: { usage: RELEASE_USAGE, run: release },
};

export const command: Command = {
  // main prints this for --help anywhere on the line, so it covers both subcommands.
  usage: `${USAGE}\n${INSTALL_USAGE}\n${RELEASE_USAGE}`,
  summary: 'install the Terraform provider idemeum/idemeum into a local mirror, or build its release artefacts',
  async run(args) {
    // The subcommand is found first, so `release --help` and errors show that subcommand's usage.
    const sub = SUBCOMMANDS[args.find((a) => !a.startsWith('-')) ?? ''];
    let parsed: Parsed;
    try {
      parsed = parseArgs(args);
    } catch (err) {
      process.stderr.write(`idemeum-aws provider: ${(err as Error).message}\n\n${sub?.usage ?? USAGE}`);
      return 2;
    }
    if (parsed.help) {
      process.stdout.write(sub?.usage ?? USAGE);
      return 0;
    }
    if (!sub) {
      process.stderr.write(`idemeum-aws provider: ${parsed.sub ? `unknown subcommand "${parsed.sub}"` : 'missing subcommand'}\n\n${USAGE}`);
      return 2;
    }
    try {
      return await sub.run(parsed);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      process.stderr.write(`idemeum-aws provider ${parsed.sub}: ${err.message}\n\n${sub.usage}`);
      return 2;
    }
  },
};
