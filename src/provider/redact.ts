/**
 * The one boundary every diagnostic, log line and error passes before it leaves the provider.
 * Two layers, because a secret can be typed into any attribute:
 * - registered values: every value of the provider configuration (the token pasted into
 *   request_timeout is still the token) and every sensitive attribute of a resource (the
 *   application's signing key), wherever they appear;
 * - shapes, for what nobody registered: `Bearer …` credentials, PEM private keys (also cut off
 *   before their END line), base64 blocks of PEM bodies, and token-shaped runs (SCIM tokens are
 *   500–620 characters of [0-9a-zA-Z/=+-]).
 */
export const REDACTED = '[REDACTED]';

const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/g;
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY-----/g;
/**
 * Two or more lines of base64 (also with JSON-escaped line breaks, as in a serialized log line).
 * A PEM body's last line holds what is left over and may be a few characters long: after two
 * full lines any tail is taken; after one, a tail of 16 or more (a shorter one is more likely text).
 */
const BASE64_BREAK = String.raw`(?:\r?\n|(?:\\r)?\\n)`;
const BASE64_LINES = new RegExp(
  String.raw`(?:[A-Za-z0-9+/=]{40,}${BASE64_BREAK}){2,}[A-Za-z0-9+/=]+|[A-Za-z0-9+/=]{40,}${BASE64_BREAK}[A-Za-z0-9+/=]{16,}`,
  'g',
);
/** Long enough that no id, ARN or path we print matches; mixed case and digits like a token. */
const TOKEN_RUN = /[A-Za-z0-9+/=_-]{100,}/g;
const looksLikeToken = (run: string) => /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run);

/** Values shorter than this are not registered: they would shred ordinary text. */
const MIN_SECRET = 4;

/** Cuts every PEM private key: from BEGIN through END, or, with no END, through the base64 that follows. */
function cutPrivateKeys(text: string): string {
  let out = '';
  let from = 0;
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    out += text.slice(from, m.index) + REDACTED;
    PEM_END.lastIndex = m.index;
    const end = PEM_END.exec(text);
    if (end) {
      from = end.index + end[0].length;
    } else {
      // A truncated key: everything that can belong to a PEM body (base64, line breaks, escapes).
      const body = /^[A-Za-z0-9+/=\s\\]*/.exec(text.slice(m.index + m[0].length))![0];
      from = m.index + m[0].length + body.length;
    }
    PEM_BEGIN.lastIndex = from;
  }
  return out + text.slice(from);
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Longest first, so a secret that contains another is replaced whole. */
  private ordered: string[] = [];

  /** Remember a secret; values shorter than 4 characters are ignored (they would redact noise). */
  add(secret: string | null | undefined): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    // JSON-serialized log lines hold the escaped form of a multi-line secret.
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) this.secrets.add(escaped);
    this.ordered = [...this.secrets].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.ordered) if (out.includes(s)) out = out.split(s).join(REDACTED);
    out = out.replace(BEARER, `$1${REDACTED}`);
    out = cutPrivateKeys(out);
    out = out.replace(BASE64_LINES, REDACTED);
    out = out.replace(TOKEN_RUN, (run) => (looksLikeToken(run) ? REDACTED : run));
    return out;
  }
}
