/**
 * The `idemeum-aws` command. Each subcommand lives in its own module and is loaded lazily, so
 * `idemeum-aws provider ...` never pays for the emulator and `mock-aws` never loads cdktf.
 */
export interface Command {
  readonly summary: string;
  /** Printed for `idemeum-aws <command> --help` (or -h), and after a usage error. */
  readonly usage: string;
  run(args: string[]): Promise<number>;
}

/** `--help`/`-h` anywhere before a `--`: the command's usage, whatever else is on the line. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

const COMMANDS: Record<string, () => Command> = {
  'mock-aws': () => require('./mock-aws').command,
  provider: () => require('./provider').command,
  saml: () => require('./saml').command,
  login: () => require('./login').command,
  simulate: () => require('./simulate/index').command,
  'access-diff': () => require('./access-diff').command,
};

function usage(): string {
  const lines = ['usage: idemeum-aws <command> [options]', '', 'commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    let summary: string;
    try {
      summary = load().summary;
    } catch {
      summary = '(not yet available)';
    }
    lines.push(`  ${name.padEnd(12)} ${summary}`);
  }
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`idemeum-aws: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let command: Command;
  try {
    command = load();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      process.stderr.write(`idemeum-aws: "${name}" is not yet available in this version\n`);
      return 2;
    }
    throw err;
  }
  if (asksForHelp(rest)) {
    process.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  return command.run(rest);
}
