const ISO_HOURS_MINUTES = /^PT(?:(\d+)H)?(?:(\d+)M)?$/;

/**
 * How long a session lasts, rendered as the ISO-8601 string AWS and the idemeum provider take.
 * Range checks happen in the construct that uses it, where the error can name the construct.
 */
export class SessionDuration {
  public static hours(hours: number): SessionDuration {
    return new SessionDuration(hours * 60, `${hours} hours`);
  }

  public static minutes(minutes: number): SessionDuration {
    return new SessionDuration(minutes, `${minutes} minutes`);
  }

  /** Parses `PT8H`, `PT1H30M`, `PT90M` (what typed config files carry). */
  public static fromIso(text: string): SessionDuration {
    const match = ISO_HOURS_MINUTES.exec(text);
    if (!match || (match[1] === undefined && match[2] === undefined)) return new SessionDuration(Number.NaN, text);
    return new SessionDuration(Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0), text);
  }

  private constructor(
    /** Whole minutes; NaN when the input did not parse. */
    public readonly totalMinutes: number,
    /** What the caller wrote, for error messages. */
    public readonly source: string,
  ) {}

  public get isValid(): boolean {
    return Number.isInteger(this.totalMinutes) && this.totalMinutes > 0;
  }

  /** `PT8H`, `PT1H30M`. */
  public toIsoString(): string {
    if (!this.isValid) throw new Error(`session duration ${JSON.stringify(this.source)} is not a positive whole number of minutes`);
    const h = Math.floor(this.totalMinutes / 60);
    const m = this.totalMinutes % 60;
    return `PT${h > 0 ? `${h}H` : ''}${m > 0 ? `${m}M` : ''}`;
  }
}
