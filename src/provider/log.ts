import { Redactor } from './redact';

/**
 * Provider logs go to stderr as hclog-style JSON lines, which Terraform parses and shows under
 * TF_LOG / TF_LOG_PROVIDER. Never stdout: before the handshake that breaks the plugin protocol.
 */
export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  trace(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<Level, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

export interface LoggerOptions {
  readonly redactor: Redactor;
  readonly write?: (line: string) => void;
  readonly level?: Level;
  readonly now?: () => Date;
  readonly module?: string;
}

/** hclog's layout (2006-01-02T15:04:05.000000Z07:00): go-plugin only parses lines whose timestamp matches it. */
export function hclogTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function createLogger(o: LoggerOptions): Logger {
  const write = o.write ?? ((line: string) => process.stderr.write(line));
  const min = ORDER[o.level ?? 'trace'];
  const now = o.now ?? (() => new Date());
  const emit = (level: Level, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const record = { '@level': level, '@message': message, '@module': o.module ?? 'provider.idemeum', '@timestamp': hclogTime(now()), ...fields };
    // Redact the serialized line, so a secret nested anywhere in `fields` is caught too.
    write(o.redactor.redact(JSON.stringify(record, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) + '\n');
  };
  return {
    trace: (m, f) => emit('trace', m, f),
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
