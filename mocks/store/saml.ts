/**
 * SAML state of the emulated IAM Identity Center: the identity source uploaded with
 * `PUT /_fake/saml/idp-metadata`, assertion ids already consumed at the ACS, and access-portal
 * sessions. Owned by the SAML surface (mocks/saml).
 */

export interface UploadedIdentitySource {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly certificatePem: string;
  readonly nameIdFormats: readonly string[];
  readonly uploadedAt: Date;
}

export interface PortalSession {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** [U] choices AWS does not document (aws-behavior §2.4–2.5); tests may change them. */
export interface SamlSettings {
  /** Tolerated clock difference with the IdP. @default 300000 (±5 min) */
  clockSkewMs: number;
  /** Accept RSA-SHA1 signatures. @default false */
  allowSha1: boolean;
  /** IAM Identity Center session duration; the portal session is the shorter of this and SessionNotOnOrAfter. @default 8 h */
  sessionDurationMs: number;
}

export const DEFAULT_SAML_SETTINGS: Readonly<SamlSettings> = {
  clockSkewMs: 300_000,
  allowSha1: false,
  sessionDurationMs: 8 * 3_600_000,
};

export class SamlState {
  identitySource?: UploadedIdentitySource;
  /** assertion id -> epoch ms after which it could no longer be replayed anyway. */
  readonly consumedAssertions = new Map<string, number>();
  readonly sessions = new Map<string, PortalSession>();
  readonly settings: SamlSettings = { ...DEFAULT_SAML_SETTINGS };

  reset(): void {
    this.identitySource = undefined;
    this.consumedAssertions.clear();
    this.sessions.clear();
    Object.assign(this.settings, DEFAULT_SAML_SETTINGS);
  }

  /** Records a use of `assertionId`; false when it was already used (a replay). */
  consume(assertionId: string, keepUntil: number, now: number): boolean {
    for (const [id, until] of this.consumedAssertions) if (until < now) this.consumedAssertions.delete(id);
    if (this.consumedAssertions.has(assertionId)) return false;
    this.consumedAssertions.set(assertionId, keepUntil);
    return true;
  }
}
