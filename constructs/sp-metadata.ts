import { readFileSync } from 'node:fs';

/** The SAML service-provider metadata downloaded from IAM Identity Center (Settings → Identity source). */
export class SpMetadata {
  /** From XML text. */
  public static fromString(xml: string): SpMetadata {
    return new SpMetadata(xml, 'the given string');
  }

  /**
   * From a file, read at synth time so the XML (not the path) is what terraform compares: a new
   * download that differs updates the application in place.
   */
  public static fromFile(path: string): SpMetadata {
    return new SpMetadata(readFileSync(path, 'utf8'), path);
  }

  private constructor(
    public readonly xml: string,
    /** Where the XML came from, for error messages. */
    public readonly origin: string,
  ) {}
}
