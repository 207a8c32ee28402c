/** Escaping for XML we write ourselves (attribute values and text use the same safe set). */
export function esc(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** xs:dateTime in UTC with seconds precision, as SAML implementations expect. */
export function samlTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
