import { Annotations, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IdemeumProvider } from './idemeum/provider';
import { ScimLinkResource } from './idemeum/scim-link';
import { isKnown, show, validate } from './validation';

const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

export interface ScimLinkProps {
  /**
   * AWS SCIM endpoint, `https://scim.<region>.amazonaws.com/<tenant>/scim/v2`.
   * @default - the provider reads IDEMEUM_SCIM_ENDPOINT
   */
  readonly endpoint?: string;
  /**
   * SCIM access token: a sensitive TerraformVariable, never a literal (literals land in cdk.tf.json).
   * @default - the provider reads IDEMEUM_SCIM_TOKEN at plan time
   */
  readonly token?: string;
  /** When the token was generated in the AWS console (RFC 3339 date or date-time). */
  readonly tokenIssuedAt: string;
  /** @default 365 (AWS tokens last a year) */
  readonly tokenValidityDays?: number;
  /** Plans warn this many days before the token expires. @default 30 */
  readonly expiryWarningDays?: number;
  /** @default "30s" */
  readonly requestTimeout?: string;
  /** @default 8 */
  readonly maxRetries?: number;
  /** SCIM reads per second per API; lower it when other clients share the identity store. @default 40 (AWS's quota) */
  readonly readsPerSecond?: number;
  /** SCIM writes per second per API. @default 25 (AWS's quota) */
  readonly writesPerSecond?: number;
}

/** Shape check plus a calendar check: Date.parse silently rolls 2026-02-30 over to March. */
function isRfc3339(text: string): boolean {
  if (!RFC3339.test(text) || Number.isNaN(Date.parse(text))) return false;
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/**
 * The SCIM connection from idemeum to AWS: configures the stack's idemeum provider and tracks the
 * token's expiry (AWS SCIM tokens expire after a year and cannot be renewed, only replaced).
 * Create it before the users and groups.
 */
export class ScimLink extends Construct {
  public readonly provider: IdemeumProvider;
  public readonly resource: ScimLinkResource;
  /** @attribute */
  public readonly tokenExpiresAt: string;
  /** @attribute */
  public readonly daysUntilExpiry: number;

  constructor(scope: Construct, id: string, props: ScimLinkProps) {
    super(scope, id);
    const positiveInt = (v: number | undefined) => isKnown(v) && !(Number.isInteger(v) && v > 0);
    validate(this, [
      {
        condition: isKnown(props.endpoint) && !/^https?:\/\/[^\s/]+(?:\/[^\s]*)?$/.test(props.endpoint),
        message: `SCIM endpoint ${show(props.endpoint)} is not a URL; copy it from Identity Center → Settings → Automatic provisioning`,
      },
      {
        condition: isKnown(props.tokenIssuedAt) && !isRfc3339(props.tokenIssuedAt),
        message: `token issue date ${show(props.tokenIssuedAt)} is not an RFC 3339 date; write it as "2026-01-31" or "2026-01-31T09:00:00Z"`,
      },
      {
        condition: positiveInt(props.tokenValidityDays),
        message: `token validity ${show(props.tokenValidityDays)} days is invalid; expected a positive whole number (AWS: 365)`,
      },
      {
        condition: positiveInt(props.expiryWarningDays),
        message: `expiry warning ${show(props.expiryWarningDays)} days is invalid; expected a positive whole number`,
      },
      {
        condition: isKnown(props.requestTimeout) && !GO_DURATION.test(props.requestTimeout),
        message: `request timeout ${show(props.requestTimeout)} is invalid; expected a duration such as "30s" or "2m"`,
      },
      {
        condition: isKnown(props.maxRetries) && !(Number.isInteger(props.maxRetries) && props.maxRetries >= 0),
        message: `max retries ${show(props.maxRetries)} is invalid; expected a whole number ≥ 0`,
      },
      {
        condition: positiveInt(props.readsPerSecond),
        message: `SCIM reads per second ${show(props.readsPerSecond)} is invalid; expected a positive whole number (AWS's quota: 40)`,
      },
      {
        condition: positiveInt(props.writesPerSecond),
        message: `SCIM writes per second ${show(props.writesPerSecond)} is invalid; expected a positive whole number (AWS's quota: 25)`,
      },
    ]);
    if (props.token !== undefined && !Token.isUnresolved(props.token)) {
      // the value itself is never echoed: this warning ends up in logs.
      Annotations.of(this).addWarning(
        '[idemeum:literal-scim-token] the SCIM token is a literal and will be written to cdk.tf.json; pass a sensitive TerraformVariable or leave it unset and set IDEMEUM_SCIM_TOKEN',
      );
    }
    this.provider = new IdemeumProvider(this, 'Provider', {
      scimEndpoint: props.endpoint,
      scimToken: props.token,
      requestTimeout: props.requestTimeout,
      maxRetries: props.maxRetries,
      scimReadsPerSecond: props.readsPerSecond,
      scimWritesPerSecond: props.writesPerSecond,
    });
    this.resource = new ScimLinkResource(this, 'Resource', {
      provider: this.provider,
      tokenIssuedAt: props.tokenIssuedAt,
      tokenValidityDays: props.tokenValidityDays,
      expiryWarningDays: props.expiryWarningDays,
    });
    this.tokenExpiresAt = this.resource.tokenExpiresAt;
    this.daysUntilExpiry = this.resource.daysUntilExpiry;
  }
}
