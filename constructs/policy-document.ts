/** An IAM policy document for a permission set's inline policy. */
export class PolicyDocument {
  /** From JSON text (a file or a config value); checked when the permission set is built. */
  public static fromJson(text: string): PolicyDocument {
    return new PolicyDocument(text);
  }

  /** From an object; rendered with stable key order as given. */
  public static fromObject(document: Record<string, unknown>): PolicyDocument {
    return new PolicyDocument(JSON.stringify(document));
  }

  private constructor(public readonly json: string) {}

  /** The parse error, or undefined when the text is a JSON object. */
  public get syntaxError(): string | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.json);
    } catch (err) {
      return (err as Error).message;
    }
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? undefined : 'the document is not a JSON object';
  }

  /** IAM's size limit counts characters other than whitespace. */
  public get nonWhitespaceLength(): number {
    return this.json.replace(/\s/g, '').length;
  }
}
