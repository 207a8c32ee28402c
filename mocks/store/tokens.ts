import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';
import type { ScimToken } from './directory-model';

/** AWS lets a directory hold at most two SCIM tokens (UG: rotate-token). */
export const MAX_SCIM_TOKENS = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Issuing a third token while two exist; AWS's console refuses the same way. */
export class TokenLimitError extends Error {
  constructor() {
    super(`a directory holds at most ${MAX_SCIM_TOKENS} SCIM tokens (expired ones included); revoke one before issuing another`);
    this.name = 'TokenLimitError';
  }
}

export class TokenNotFoundError extends Error {
  constructor(readonly tokenId: string) {
    super(`no SCIM token with id ${tokenId}`);
    this.name = 'TokenNotFoundError';
  }
}

export type TokenCheck = { ok: true; token: ScimToken } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

/**
 * SCIM bearer tokens. Secrets are random (never from the injected id generator, which tests make
 * predictable); expiry uses the injected clock so tests can age a token by a year.
 */
export class ScimTokens {
  readonly tokens = new Map<string, ScimToken>();

  constructor(
    private readonly clock: Clock,
    private readonly validityDays: number,
  ) {}

  issue(validityDays = this.validityDays): ScimToken {
    if (this.tokens.size >= MAX_SCIM_TOKENS) throw new TokenLimitError();
    if (!(validityDays > 0)) throw new RangeError(`validityDays must be a positive number of days, got ${validityDays}`);
    const createdAt = this.clock.now();
    // 420 random bytes -> 560 base64 characters: inside the 500-620 [0-9a-zA-Z/=+] shape clients validate.
    const token: ScimToken = {
      tokenId: randomUUID(),
      secret: randomBytes(420).toString('base64'),
      createdAt,
      expiresAt: new Date(createdAt.getTime() + validityDays * DAY_MS),
    };
    this.tokens.set(token.tokenId, token);
    return token;
  }

  /** Adds a token as it was (state-file load). */
  restore(token: ScimToken): void {
    this.tokens.set(token.tokenId, token);
  }

  revoke(tokenId: string): void {
    if (!this.tokens.delete(tokenId)) throw new TokenNotFoundError(tokenId);
  }

  /** Makes a token expire now (it stays listed, as an expired token does in AWS). */
  expire(tokenId: string): ScimToken {
    const token = this.tokens.get(tokenId);
    if (!token) throw new TokenNotFoundError(tokenId);
    token.expiresAt = this.clock.now();
    return token;
  }

  /** Checks an `Authorization` header value. */
  check(authorization: string | null): TokenCheck {
    const match = /^Bearer ([^\s]+)$/.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'missing' };
    const presented = Buffer.from(match[1]);
    for (const token of this.tokens.values()) {
      const secret = Buffer.from(token.secret);
      if (secret.length === presented.length && timingSafeEqual(secret, presented)) {
        return token.expiresAt.getTime() <= this.clock.now().getTime() ? { ok: false, reason: 'expired' } : { ok: true, token };
      }
    }
    return { ok: false, reason: 'unknown' };
  }

  /** Token metadata without secrets (state dump, control API listings). */
  describe(): Array<{ tokenId: string; createdAt: string; expiresAt: string; expired: boolean }> {
    const now = this.clock.now().getTime();
    return [...this.tokens.values()].map((t) => ({
      tokenId: t.tokenId,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt.toISOString(),
      expired: t.expiresAt.getTime() <= now,
    }));
  }
}
