import type { ProviderContext } from '../framework/context';

/**
 * What one provider process knows about the configuration it serves. Terraform runs every
 * PlanResourceChange of a plan in one process (and every ReadResource of its refresh), one
 * process per provider configuration, and a new process per command walk (verified with
 * Terraform 1.11: the validate, plan and apply walks each start their own). So a process sees
 * the whole plan: which AWS objects the configuration tracks, and which unique values (user
 * names, emails, display names, external ids) its resources want. That is what lets a duplicate
 * in the configuration fail at plan instead of halfway through an apply.
 *
 * Resources are known only by what the protocol sends (no addresses): an existing one by its
 * AWS id, a replacement by the id in its prior private state, a new one by a token until its
 * create binds it to the id AWS gave it.
 */

/** A value AWS keeps unique per identity store, as a resource plans it. */
export interface UniqueValue {
  readonly attribute: string;
  readonly value: string;
  /** AWS compares user names, emails and display names ignoring case; external ids exactly. */
  readonly foldCase: boolean;
}

export interface Clash {
  readonly value: UniqueValue;
  /** How the other resource is named in messages, e.g. `idemeum_pushed_user "ana@example.com"`. */
  readonly other: string;
}

const LEDGER_KEY = 'idemeum.configuration-ledger';
const key = (...parts: string[]) => parts.join('\u0000');

export class ConfigurationLedger {
  /** type+id → label of the resource that tracks it. */
  private readonly tracked = new Map<string, string>();
  private readonly reads = new Map<string, string>();
  /** type+attribute+normalised value → owner → label. */
  private readonly claims = new Map<string, Map<string, string>>();
  private readonly claimsOf = new Map<string, string[]>();
  private anonymous = 0;

  /** An AWS object that a resource of this configuration tracks (read, planned from, created). */
  track(type: string, id: string, label: string): void {
    this.tracked.set(key(type, id), label);
  }

  /** The object was deleted: nobody tracks it, and its values are free for others again. */
  release(type: string, id: string): void {
    this.tracked.delete(key(type, id));
    const owner = `id:${id}`;
    for (const k of this.claimsOf.get(owner) ?? []) this.claims.get(k)?.delete(owner);
    this.claimsOf.delete(owner);
  }

  trackerOf(type: string, id: string): string | undefined {
    return this.tracked.get(key(type, id));
  }

  /**
   * Refresh reads each resource once per process; a second read of one AWS object means two
   * resources track it (typically after an import). Returns the first reader's label then.
   */
  noteRead(type: string, id: string, label: string): string | undefined {
    const k = key(type, id);
    const first = this.reads.get(k);
    if (first === undefined) this.reads.set(k, label);
    this.track(type, id, label);
    return first;
  }

  /** The owner a plan claims for: its AWS id, the id it replaces, or a new token. */
  ownerFor(priorId: string | undefined, replacesId: string | undefined): string {
    const id = priorId ?? replacesId;
    return id !== undefined ? `id:${id}` : `new:${++this.anonymous}`;
  }

  /** Records what an owner plans (replacing its earlier claims) and returns clashes with other owners. */
  claim(type: string, owner: string, label: string, values: readonly UniqueValue[]): Clash[] {
    for (const k of this.claimsOf.get(owner) ?? []) this.claims.get(k)?.delete(owner);
    const keys: string[] = [];
    const clashes: Clash[] = [];
    for (const v of values) {
      const k = this.claimKey(type, v);
      let holders = this.claims.get(k);
      if (!holders) this.claims.set(k, (holders = new Map()));
      for (const [other, otherLabel] of holders) if (other !== owner) clashes.push({ value: v, other: otherLabel });
      holders.set(owner, label);
      keys.push(k);
    }
    this.claimsOf.set(owner, keys);
    return clashes;
  }

  /**
   * A create succeeded: the claims its plan made under a token (found by its primary value, the
   * user name or display name, which no other new resource may share) now belong to its id.
   */
  bindCreated(type: string, primary: UniqueValue, id: string, label: string): void {
    const owner = `id:${id}`;
    const anonymous = [...(this.claims.get(this.claimKey(type, primary))?.keys() ?? [])].filter((o) => o.startsWith('new:'));
    for (const o of anonymous) {
      for (const k of this.claimsOf.get(o) ?? []) {
        const holders = this.claims.get(k)!;
        holders.delete(o);
        holders.set(owner, label);
      }
      this.claimsOf.set(owner, [...(this.claimsOf.get(owner) ?? []), ...(this.claimsOf.get(o) ?? [])]);
      this.claimsOf.delete(o);
    }
    this.track(type, id, label);
  }

  private claimKey(type: string, v: UniqueValue): string {
    return key(type, v.attribute, v.foldCase ? v.value.toLowerCase() : v.value);
  }
}

export function ledgerOf(ctx: ProviderContext): ConfigurationLedger {
  let ledger = ctx.cache.get(LEDGER_KEY) as ConfigurationLedger | undefined;
  if (!ledger) ctx.cache.set(LEDGER_KEY, (ledger = new ConfigurationLedger()));
  return ledger;
}

/**
 * Users and groups keep the AWS id in their private state, so the second PlanResourceChange of
 * a replacement (prior state null, prior private the replaced object's) is known to be the same
 * resource, not a new one with the same name.
 */
export function trackingPrivate(id: string): Buffer {
  return Buffer.from(JSON.stringify({ id }));
}

export function idFromPrivate(priv: Buffer | undefined): string | undefined {
  if (!priv || priv.length === 0) return undefined;
  try {
    const parsed = JSON.parse(priv.toString('utf8')) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}
