import { ServiceQuotaExceededException, ValidationException } from '../awsjson/errors';
import type { FieldSpec } from '../awsjson/validate';
import { LIMITS, PATTERNS } from './urn';

export const TAG_LIST = {
  kind: 'list',
  max: LIMITS.tagsPerResource,
  item: {
    kind: 'structure',
    fields: {
      Key: { kind: 'string', required: true, min: 1, max: 128, pattern: PATTERNS.tagKey },
      Value: { kind: 'string', required: true, min: 0, max: 256, pattern: PATTERNS.tagValue },
    },
  },
} as const satisfies FieldSpec;

/** Merges validated `Tags` into `into`, refusing duplicate keys and more than 75 tags in all. */
export function applyTags(into: Map<string, string>, tags: unknown): void {
  const list = (tags as { Key: string; Value: string }[] | undefined) ?? [];
  const keys = new Set<string>();
  for (const { Key } of list) {
    if (keys.has(Key)) throw new ValidationException(`Duplicate tag key '${Key}': each key may appear once per request.`);
    keys.add(Key);
  }
  const total = new Set([...into.keys(), ...keys]).size;
  if (total > LIMITS.tagsPerResource) {
    throw new ServiceQuotaExceededException(`A resource can have at most ${LIMITS.tagsPerResource} tags; this request would leave ${total}.`);
  }
  for (const { Key, Value } of list) into.set(Key, Value);
}

export function renderTags(tags: Map<string, string>): { Key: string; Value: string }[] {
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}
