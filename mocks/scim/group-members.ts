import type { EmulatorState } from '../store';
import { isObject } from './attributes';
import { NotFoundError, ValidationError } from './errors';

/** AWS accepts at most 100 membership changes per CreateGroup or PatchGroup (DG:creategroup, patchgroup). */
export const MAX_MEMBER_OPERATIONS = 100;

/** Reads `[{value, $ref?, type?, display?}]` into user ids. */
export function readMemberValues(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (!isObject(item) || typeof item.value !== 'string' || item.value.length === 0) {
      throw new ValidationError('Each member must be an object with a string value (the user id).');
    }
    for (const key of Object.keys(item)) {
      if (!['value', '$ref', 'type', 'display'].includes(key)) throw new ValidationError(`Attribute members.${key} is not supported.`);
    }
    return item.value;
  });
}

/** Every id must be an existing user: groups cannot nest in Identity Center ([U] status 400). */
export function checkMembersExist(state: EmulatorState, userIds: string[]): void {
  for (const id of userIds) {
    if (state.directory.getGroup(id)) throw new ValidationError(`Member ${id} is a group; nested groups are not supported.`);
    if (!state.directory.getUser(id)) throw new NotFoundError(`Member ${id} not found.`);
  }
}

export function checkMemberOperationCount(count: number): void {
  if (count > MAX_MEMBER_OPERATIONS) {
    throw new ValidationError(`A request can change at most ${MAX_MEMBER_OPERATIONS} group members; this one changes ${count}. Split it.`);
  }
}
