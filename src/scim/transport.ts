import { request, type Dispatcher } from 'undici';
import { systemClock, type ScimClock } from './clock';
import { gaveUp, httpError, ScimAbortedError, ScimError, ScimNotFoundError, ScimRequestInfo, ScimTransportError } from './errors';
import { Redactor } from './redact';
import { ScimRateLimiter, type RateLimits, type ScimApiKind } from './rate-limit';
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableCode, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retry';
import { SCIM_CONTENT_TYPE } from './urn';
import type { ScimErrorBody } from './types';

/** One HTTP attempt, reported to `onRequest` (benchmarks count these; logs may print them). */
export interface ScimRequestEvent {
  /** AWS operation name, e.g. `CreateUser`, `ListGroups`. */
  readonly api: string;
  readonly method: string;
  readonly path: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  readonly status?: number;
  /** Error code when no HTTP answer came back. */
  readonly errorCode?: string;
  readonly durationMs: number;
}

export interface ScimTransportOptions {
  /** SCIM base URL, `https://scim.<region>.amazonaws.com/<tenant>/scim/v2` (http only on loopback). */
  readonly endpoint: string;
  /** Bearer token. Held privately; never part of an error, event or inspect output. */
  readonly token: string;
  /** undici dispatcher (connection pool, proxy, test routing). @default undici's global dispatcher */
  readonly dispatcher?: Dispatcher;
  /** Per-attempt timeout. @default 30 000 ms */
  readonly timeoutMs?: number;
  /** @default DEFAULT_RETRY_POLICY (8 retries, 200 ms base, 20 s cap) */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Calls per second per SCIM API the client allows itself; it slows down on 429 and recovers.
   * `false` disables the client-side throttle. @default AWS's published limits (AWS_SCIM_LIMITS)
   */
  readonly rateLimits?: RateLimits | false;
  readonly clock?: ScimClock;
  /** [0, 1) source for jitter. @default Math.random */
  readonly random?: () => number;
  readonly onRequest?: (event: ScimRequestEvent) => void;
  readonly userAgent?: string;
  /** Aborts in-flight requests and retry waits (Terraform's StopProvider). */
  readonly signal?: AbortSignal;
}

export interface ScimCall {
  readonly api: string;
  readonly kind: ScimApiKind;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
}

export interface ScimResponse<T> {
  readonly status: number;
  readonly body: T | undefined;
  /**
   * True when an earlier attempt may have reached AWS and been applied (5xx or a connection
   * failure after sending). A 409 on a create or a 404 on a delete then likely means our own
   * earlier attempt succeeded.
   */
  readonly ambiguous: boolean;
}

export class InvalidScimConfigError extends Error {
  override readonly name = 'InvalidScimConfigError';
  constructor(
    readonly attribute: 'scim_endpoint' | 'scim_token',
    message: string,
  ) {
    super(message);
  }
}

const SCIM_BASE_PATH = /\/scim\/v2$/;
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** Checks and normalises the base URL; the token never goes over plain HTTP off this machine. */
export function normaliseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // Not quoted: a value that is not a URL is usually the token, pasted into the wrong field.
    throw new InvalidScimConfigError('scim_endpoint', `the endpoint (${String(endpoint).length} characters, not shown) is not a URL; expected https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname))) {
    throw new InvalidScimConfigError('scim_endpoint', `"${url.origin}" must use https (plain http is accepted only for 127.0.0.1/localhost, e.g. the emulator)`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InvalidScimConfigError('scim_endpoint', 'the SCIM endpoint must not carry credentials, a query or a fragment; pass the token as scim_token');
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

function checkToken(token: string): void {
  if (typeof token !== 'string' || token.length === 0) {
    throw new InvalidScimConfigError('scim_token', 'the SCIM token is empty; copy the access token shown when you enabled automatic provisioning in IAM Identity Center');
  }
  if (/[\s\p{Cc}]/u.test(token)) {
    throw new InvalidScimConfigError('scim_token', 'the SCIM token contains whitespace or control characters; copy it again without line breaks or spaces');
  }
}

/** Sends SCIM calls: rate limit, retries, JSON, typed errors, redaction. */
export class ScimTransport {
  readonly #token: string;
  readonly #redactor: Redactor;
  readonly base: URL;
  private readonly limiter: ScimRateLimiter;
  private readonly retry: RetryPolicy;
  private readonly clock: ScimClock;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  #writesSent = 0;
  /** Everything but the token, which lives only in the private field. */
  private readonly options: Omit<ScimTransportOptions, 'token'>;

  constructor({ token, ...options }: ScimTransportOptions) {
    this.options = options;
    this.base = normaliseEndpoint(options.endpoint);
    checkToken(token);
    this.#token = token;
    this.#redactor = new Redactor([token]);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.limiter = new ScimRateLimiter(options.rateLimits ?? undefined, this.clock);
  }

  /** Write calls (anything but GET) sent so far, retries included. */
  get writesSent(): number {
    return this.#writesSent;
  }

  /** The calls per second this API is held to now (lower than configured after a 429); undefined when limits are off. */
  currentRateLimit(api: string, kind: ScimApiKind): number | undefined {
    return this.limiter.currentLimit(api, kind);
  }

  /** Scrubs the token (and any Bearer credential) from text. */
  redact(text: string): string {
    return this.#redactor.redact(text);
  }

  async send<T>(call: ScimCall): Promise<ScimResponse<T>> {
    const info: ScimRequestInfo = { method: call.method, path: call.path };
    let ambiguous = false;
    const firstStarted = this.clock.now();
    for (let attempt = 1; ; attempt++) {
      const answered = await this.limiter.acquire(call.api, call.kind);
      if (call.method !== 'GET') this.#writesSent++;
      const started = this.clock.now();
      let status: number;
      let text: string;
      let headers: Record<string, string | string[] | undefined>;
      try {
        const res = await request(this.base.href + call.path, {
          method: call.method,
          headers: this.headers(call.body !== undefined),
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          dispatcher: this.options.dispatcher,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
          signal: this.options.signal,
        });
        // AWS has counted the call by the time its answer starts.
        answered();
        status = res.statusCode;
        headers = res.headers;
        text = await res.body.text();
      } catch (err) {
        answered();
        const code = (err as NodeJS.ErrnoException).code;
        this.emit(call, attempt, started, undefined, code ?? 'ERROR');
        if (this.options.signal?.aborted) throw this.aborted(info);
        if (isRetryableCode(code) && attempt <= this.retry.maxRetries) {
          // A write that died mid-flight may have been applied.
          if (call.method !== 'GET') ambiguous = true;
          await this.wait(backoffDelay(this.retry, attempt, undefined, this.random), info);
          continue;
        }
        const why = this.redact((err as Error).message ?? String(err));
        const elapsed = this.clock.now() - firstStarted;
        throw new ScimTransportError(
          `${call.method} ${call.path}: no answer from ${this.base.origin}${code ? ` (${code})` : ''}: ${why}` +
            (attempt > 1 ? ` (${gaveUp(attempt, elapsed)})` : ''),
          code,
          info,
          attempt,
          elapsed,
        );
      }
      this.emit(call, attempt, started, status, undefined);
      if (status >= 200 && status < 300) {
        return { status, body: text.length > 0 ? (this.parse(text, info) as T) : undefined, ambiguous };
      }
      const error = httpError(status, this.parseError(text), header(headers, 'x-amzn-requestid'), info, (s) => this.redact(s));
      // Even a 429 we give up on tells the limiter that someone else is using this API's budget.
      if (status === 429) this.limiter.throttled(call.api, call.kind);
      if (isRetryableStatus(status) && attempt <= this.retry.maxRetries && !this.options.signal?.aborted) {
        if (status !== 429 && call.method !== 'GET') ambiguous = true;
        const retryAfter = parseRetryAfter(header(headers, 'retry-after'), this.clock.now());
        await this.wait(backoffDelay(this.retry, attempt, retryAfter, this.random), info);
        continue;
      }
      error.attempts = attempt;
      error.elapsedMs = this.clock.now() - firstStarted;
      error.afterAmbiguousAttempt = ambiguous;
      if (attempt > 1) error.message = `${error.message} (${gaveUp(attempt, error.elapsedMs)})`;
      if (error instanceof ScimNotFoundError && !SCIM_BASE_PATH.test(this.base.pathname)) {
        error.hint = `the endpoint ${this.base.origin}${this.base.pathname} does not end in /scim/v2, which AWS's SCIM endpoint (https://scim.<region>.amazonaws.com/<tenant-id>/scim/v2) always does`;
        error.message = `${error.message}; ${error.hint}`;
      }
      throw error;
    }
  }

  /** A backoff wait that StopProvider ends at once: a retry wait can last up to 20 s. */
  private async wait(ms: number, info: ScimRequestInfo): Promise<void> {
    const signal = this.options.signal;
    if (!signal) return this.clock.sleep(ms);
    if (signal.aborted) throw this.aborted(info);
    let onAbort!: () => void;
    const stopped = new Promise<never>((_, reject) => (onAbort = () => reject(this.aborted(info))));
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([this.clock.sleep(ms), stopped]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private aborted(info: ScimRequestInfo): ScimAbortedError {
    const reason = this.options.signal?.reason;
    const why = reason instanceof Error ? reason.message : 'the request was aborted';
    return new ScimAbortedError(`${info.method} ${info.path}: stopped before AWS answered: ${this.redact(why)}`, info);
  }

  private headers(hasBody: boolean): Record<string, string> {
    const h: Record<string, string> = {
      authorization: `Bearer ${this.#token}`,
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'idemeum-aws-sso',
    };
    if (hasBody) h['content-type'] = SCIM_CONTENT_TYPE;
    return h;
  }

  private parse(text: string, info: ScimRequestInfo): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw new ScimError(`${info.method} ${info.path}: the SCIM endpoint answered with a body that is not JSON; check that scim_endpoint ends in /scim/v2`, info);
    }
  }

  private parseError(text: string): ScimErrorBody | undefined {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed && typeof parsed === 'object' ? (parsed as ScimErrorBody) : undefined;
    } catch {
      return undefined;
    }
  }

  private emit(call: ScimCall, attempt: number, started: number, status: number | undefined, errorCode: string | undefined): void {
    this.options.onRequest?.({ api: call.api, method: call.method, path: call.path, attempt, status, errorCode, durationMs: this.clock.now() - started });
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
