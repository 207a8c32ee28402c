import type { AttributePath } from '../codec/path';
import { type ObjectValue, isUnknown } from '../codec/values';
import { type Diagnostic, error } from '../framework/diagnostics';
import { LIMITS, RESERVED_NAMES } from '../../scim/urn';

/**
 * Checks of config values AWS would reject, so the mistake shows at plan on the right attribute
 * instead of as a 400 mid-apply. Each rule: a condition and a message saying what and how to fix.
 */

// The Identity Store model's patterns behind SCIM (aws-behavior.md §1.3).
const USER_NAME_CHARS = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const TEXT_CHARS = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \u00a0\u3000]+$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export interface Rule {
  readonly attribute: string;
  readonly check: (value: string) => string | undefined;
}

export const isReserved = (name: string): boolean => RESERVED_NAMES.some((r) => r.toLowerCase() === name.toLowerCase());

export function textRule(attribute: string, label: string): Rule {
  return {
    attribute,
    check: (v) => {
      if (v.length === 0) return `${label} must not be empty`;
      if (v.length > LIMITS.stringMax) return `${label} is ${v.length} characters; AWS allows at most ${LIMITS.stringMax}`;
      if (v.trim() !== v) return `${label} "${v}" has leading or trailing whitespace; remove it`;
      if (!TEXT_CHARS.test(v)) return `${label} "${v}" contains characters AWS rejects (control or zero-width characters); remove them`;
      return undefined;
    },
  };
}

export const userNameRule: Rule = {
  attribute: 'user_name',
  check: (v) => {
    if (v.length > LIMITS.userNameMax) return `user_name is ${v.length} characters; AWS allows at most ${LIMITS.userNameMax}`;
    if (!USER_NAME_CHARS.test(v)) return `user_name "${v}" contains whitespace or characters AWS rejects; use the user's email address`;
    if (!EMAIL.test(v)) return `user_name "${v}" is not an email address; idemeum signs users in by email, so use e.g. "ana@example.com"`;
    if (isReserved(v)) return `user_name "${v}" is reserved by AWS`;
    return undefined;
  },
};

export const emailRule: Rule = {
  attribute: 'email',
  check: (v) => (EMAIL.test(v) ? undefined : `email "${v}" is not an email address`),
};

export const groupNameRule: Rule = {
  attribute: 'display_name',
  check: (v) => {
    if (isReserved(v)) return `display_name "${v}" is reserved by AWS (${RESERVED_NAMES.join(', ')} cannot be group names); choose another name`;
    return textRule('display_name', 'display_name').check(v);
  },
};

/** Applies rules to known string values; unknown and null values are checked later, at apply. */
export function applyRules(config: ObjectValue, rules: readonly Rule[], summary: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const v = config[rule.attribute];
    if (typeof v !== 'string' || isUnknown(v)) continue;
    const problem = rule.check(v);
    if (problem) out.push(error(summary, problem, [rule.attribute] as AttributePath));
  }
  return out;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
