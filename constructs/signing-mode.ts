/** Which part of the SAML Response idemeum signs. */
export class SigningMode {
  /** Sign the assertion (what AWS requires). */
  public static readonly ASSERTION = new SigningMode('assertion');
  /** Sign the whole Response. */
  public static readonly RESPONSE = new SigningMode('response');
  /** Sign both. */
  public static readonly BOTH = new SigningMode('both');
  private constructor(public readonly value: string) {}
}
