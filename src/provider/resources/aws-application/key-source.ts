/**
 * Where the signing key in state came from, kept in Terraform's private state. An optional +
 * computed attribute keeps its prior value when removed from the configuration, so without this
 * the provider could not tell "the user removed their key to rotate" from "the generated key,
 * kept as promised".
 */
export type KeySource = 'generated' | 'config';

export function keySourcePrivate(source: KeySource): Buffer {
  return Buffer.from(JSON.stringify({ signing_key: source }), 'utf8');
}

/** Undefined for empty or foreign private state: callers then keep the key they have. */
export function readKeySource(priv: Buffer | undefined): KeySource | undefined {
  if (!priv?.length) return undefined;
  try {
    const v = (JSON.parse(priv.toString('utf8')) as { signing_key?: unknown }).signing_key;
    return v === 'generated' || v === 'config' ? v : undefined;
  } catch {
    return undefined;
  }
}
