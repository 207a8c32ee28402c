/**
 * Secret redaction for everything the provider writes: logs, diagnostics, error messages.
 * Registered secrets (the SCIM token) are replaced wherever they appear; bearer tokens and
 * PEM private keys are caught by shape even when nobody registered them.
 */
export const REDACTED = '[REDACTED]';

const SHAPES: RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remember a secret; values shorter than 4 characters are ignored (they would redact noise). */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join(REDACTED);
    out = out.replace(SHAPES[0], `$1${REDACTED}`);
    out = out.replace(SHAPES[1], REDACTED);
    return out;
  }
}
