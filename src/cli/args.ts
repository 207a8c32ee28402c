/** Minimal `--name value` / `--flag` parsing with a clear error for unknown options. */
export interface ParsedArgs {
  readonly options: Record<string, string | true>;
  readonly positional: string[];
}

export class UsageError extends Error {}

export function parseArgs(args: readonly string[], known: { values?: readonly string[]; flags?: readonly string[] }): ParsedArgs {
  const values = new Set(known.values ?? []);
  const flags = new Set(known.flags ?? []);
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.has(name)) {
      options[name] = true;
    } else if (values.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    } else {
      const all = [...values, ...flags].map((n) => `--${n}`).join(', ');
      throw new UsageError(`unknown option --${name} (known: ${all || 'none'})`);
    }
  }
  return { options, positional };
}
