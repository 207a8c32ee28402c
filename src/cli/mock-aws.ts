import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Command } from './main';

/**
 * `idemeum-aws mock-aws`: the AWS IAM Identity Center emulator on a loopback port. Prints one JSON
 * line once listening (the contract in DESIGN.md §5) and serves until SIGINT/SIGTERM. The emulator
 * is loaded lazily: nothing shipped imports mocks/ at module load.
 */
export interface MockAwsArgs {
  port: number;
  host: string;
  region?: string;
  stateFile?: string;
  /** JSON tree of OUs and accounts (mocks/store/organization-tree.ts) loaded at start. */
  orgFile?: string;
  accounts: string[];
  throttle: boolean;
  /** Also write the environment that points terraform and AWS SDKs at the emulator here. */
  writeEnv?: string;
}

export class UsageError extends Error {}

const USAGE = `usage: idemeum-aws mock-aws [--port N] [--host 127.0.0.1] [--region R] [--state-file F] [--org-file F]
                             [--accounts id,id] [--write-env F] [--no-throttle]

Runs the AWS IAM Identity Center emulator (SCIM, Identity Store, SSO Admin, Organizations, STS
GetCallerIdentity, SAML SP and access portal, control API under /_fake/) on a loopback port. Once
listening it prints one JSON line: {"endpoint","region","scimUrl","scimToken","identityStoreId",
"instanceArn","samlMetadataUrl","portalUrl"}, and serves until SIGINT/SIGTERM.

  --port N         listen on N (default: an ephemeral port)
  --host H         loopback address to listen on (default 127.0.0.1; nothing else is allowed)
  --region R       the AWS region it pretends to be (default us-east-1)
  --state-file F   load F at start if it exists; save to it on shutdown and on POST /_fake/state/save
  --org-file F     start with this organization: JSON {"accounts": [...], "organizationalUnits":
                   [{"name", "accounts", "organizationalUnits"}]} (docs/emulator.md)
  --accounts ids   register these 12-digit AWS account ids at the organization's root (assignments
                   need their account in the organization)
  --write-env F    before the JSON line, write a shell file (mode 600) that points terraform, cdktf and
                   AWS SDKs at the emulator: AWS_ENDPOINT_URL, fake credentials, IDEMEUM_SCIM_ENDPOINT,
                   IDEMEUM_SCIM_TOKEN, IDEMEUM_SCIM_TOKEN_ISSUED_AT, IDEMEUM_AWS_SAML_METADATA_URL.
                   Use it with: . ./F   (not --env-file: Node 20 takes that flag for itself)
  --no-throttle    do not enforce AWS's request rates
`;

export function parseMockAwsArgs(argv: string[]): MockAwsArgs {
  const args: MockAwsArgs = { port: 0, host: '127.0.0.1', accounts: [], throttle: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port must be a port number 0-65535, got "${v}"`);
        args.port = Number(v);
        break;
      }
      case '--host':
        args.host = value();
        break;
      case '--region': {
        const v = value();
        if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(v)) throw new UsageError(`--region must be an AWS region such as us-east-1, got "${v}"`);
        args.region = v;
        break;
      }
      case '--state-file':
        args.stateFile = value();
        break;
      case '--org-file':
        args.orgFile = value();
        break;
      case '--accounts': {
        const ids = value().split(',').filter(Boolean);
        const bad = ids.filter((id) => !/^\d{12}$/.test(id));
        if (bad.length > 0 || ids.length === 0) throw new UsageError(`--accounts takes 12-digit AWS account ids separated by commas, got "${bad.join(',')}"`);
        args.accounts.push(...ids);
        break;
      }
      case '--no-throttle':
        args.throttle = false;
        break;
      case '--write-env':
        args.writeEnv = value();
        break;
      default:
        throw new UsageError(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  return args;
}

/** Reads and checks `--org-file`; every problem is named with its JSON path. */
function readOrgFile<T>(file: string, parse: (value: unknown) => T): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read --org-file ${file}: ${(err as Error).message}; expected JSON {"accounts": [...], "organizationalUnits": [...]}`);
  }
  try {
    return parse(value);
  } catch (err) {
    throw new UsageError(`--org-file ${file}: ${(err as Error).message}`);
  }
}

export const command: Command = {
  usage: USAGE,
  summary: 'run the AWS IAM Identity Center emulator (SCIM, SSO Admin, Identity Store, Organizations, SAML) on a loopback port',
  async run(argv: string[]): Promise<number> {
    let args: MockAwsArgs;
    try {
      args = parseMockAwsArgs(argv);
    } catch (err) {
      if (err instanceof UsageError) {
        process.stderr.write(`idemeum-aws mock-aws: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
    const { startEmulatorServer } = require('../../mocks/server') as typeof import('../../mocks/server');
    const control = require('../../mocks/control') as typeof import('../../mocks/control');
    const { emulatorEndpoints } = require('../../mocks/ready') as typeof import('../../mocks/ready');
    const store = require('../../mocks/store') as typeof import('../../mocks/store');

    const init = { ...(args.region && { region: args.region }), throttle: { enabled: args.throttle } };
    let state;
    try {
      state = args.stateFile && existsSync(args.stateFile) ? control.loadStateFile(args.stateFile, init) : new store.EmulatorState(init);
      if (args.orgFile) store.applyOrganizationTree(state.organization, readOrgFile(args.orgFile, store.parseOrganizationTree));
    } catch (err) {
      process.stderr.write(`idemeum-aws mock-aws: ${(err as Error).message}\n`);
      return err instanceof UsageError ? 2 : 1;
    }
    for (const id of args.accounts) state.sso.accounts.add(id);
    // Reuse a live token from the state file; otherwise issue one (the console's "Generate token").
    const now = state.clock.now().getTime();
    const live = [...state.directory.tokens.values()].find((t) => t.expiresAt.getTime() > now);
    const token = live ?? state.directory.scimTokens.issue();

    const emulator = await startEmulatorServer({ state, port: args.port, host: args.host });
    if (args.stateFile) control.stateFiles.set(state, args.stateFile);
    const endpoints = emulatorEndpoints(state, token.secret);
    if (args.writeEnv) {
      const { emulatorEnvironmentScript } = require('../../mocks/environment') as typeof import('../../mocks/environment');
      // Written whole (rename) and owner-only: it holds the SCIM token.
      const tmp = `${args.writeEnv}.${process.pid}.tmp`;
      writeFileSync(tmp, emulatorEnvironmentScript(endpoints, token.createdAt), { mode: 0o600 });
      renameSync(tmp, args.writeEnv);
    }
    process.stdout.write(JSON.stringify(endpoints) + '\n');

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    // The state file is written on shutdown (and on POST /_fake/state/save), not on every change.
    if (args.stateFile) control.saveStateFile(state, args.stateFile);
    await emulator.close();
    process.stderr.write(`idemeum-aws mock-aws: stopped on ${signal}\n`);
    return 0;
  },
};
