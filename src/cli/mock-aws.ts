import { existsSync, readFileSync } from 'node:fs';
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
}

export class UsageError extends Error {}

const USAGE =
  'usage: idemeum-aws mock-aws [--port N] [--host 127.0.0.1] [--region R] [--state-file F] [--org-file F] [--accounts id,id] [--no-throttle]';

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
  summary: 'run the AWS IAM Identity Center emulator (SCIM, SSO Admin, Identity Store, SAML) on a loopback port',
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
    const saml = require('../../mocks/saml') as typeof import('../../mocks/saml');
    const { scimBaseUrl } = require('../../mocks/scim') as typeof import('../../mocks/scim');
    const { EmulatorState } = require('../../mocks/store') as typeof import('../../mocks/store');

    const init = { ...(args.region && { region: args.region }), throttle: { enabled: args.throttle } };
    const store = require('../../mocks/store') as typeof import('../../mocks/store');
    let state;
    try {
      state = args.stateFile && existsSync(args.stateFile) ? control.loadStateFile(args.stateFile, init) : new EmulatorState(init);
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
    process.stdout.write(
      JSON.stringify({
        endpoint: emulator.endpoint,
        region: state.options.region,
        scimUrl: scimBaseUrl(state),
        scimToken: token.secret,
        identityStoreId: state.identityStoreId,
        instanceArn: state.instanceArn,
        samlMetadataUrl: saml.samlMetadataUrl(state),
        portalUrl: saml.portalUrl(state),
      }) + '\n',
    );

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
