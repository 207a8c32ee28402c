import type { PatchOperation } from './types';
import { MAX_MEMBER_OPERATIONS } from './urn';

export interface MemberChanges {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

/**
 * Packs member changes into PATCH bodies of at most 100 member values each (AWS's limit counts
 * values, not operations). Removes go first so a full batch of adds never trips a membership
 * quota that the removes would have freed. Removing all members is written value by value:
 * AWS rejects `remove members` without a value list.
 */
export function memberPatchBatches(changes: MemberChanges, max = MAX_MEMBER_OPERATIONS): PatchOperation[][] {
  const queue: ['add' | 'remove', string][] = [
    ...unique(changes.remove ?? []).map((id): ['remove', string] => ['remove', id]),
    ...unique(changes.add ?? []).map((id): ['add', string] => ['add', id]),
  ];
  const batches: PatchOperation[][] = [];
  for (let i = 0; i < queue.length; i += max) {
    const slice = queue.slice(i, i + max);
    const ops: PatchOperation[] = [];
    for (const op of ['remove', 'add'] as const) {
      const values = slice.filter(([o]) => o === op).map(([, id]) => ({ value: id }));
      if (values.length > 0) ops.push({ op, path: 'members', value: values });
    }
    batches.push(ops);
  }
  return batches;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
