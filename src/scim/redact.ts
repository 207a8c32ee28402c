/**
 * Removes secrets from text before it leaves the client (errors, logs, diagnostics). Bearer
 * tokens are matched both literally and in `Bearer …` form, so a token echoed by a server or a
 * proxy in an error body is scrubbed too.
 */
export class Redactor {
  readonly #secrets: string[] = [];

  constructor(secrets: readonly string[] = []) {
    for (const s of secrets) this.add(s);
  }

  add(secret: string): void {
    // Very short strings would shred ordinary text; real SCIM tokens are hundreds of characters.
    if (secret.length >= 8 && !this.#secrets.includes(secret)) this.#secrets.push(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.#secrets) out = out.split(s).join('[redacted]');
    return out.replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]');
  }
}
