import type { EmulatorState, GroupFields, StoredGroup } from '../store';
import { ValidationError } from './errors';
import { checkMemberOperationCount, checkMembersExist, readMemberValues } from './group-members';
import { validateGroupFields } from './group-parse';
import { parsePath, type PatchOperation } from './patch-ops';

export interface GroupPatchPlan {
  readonly fields: GroupFields;
  readonly fieldsChanged: boolean;
  /** Membership changes in request order. */
  readonly memberChanges: Array<{ add: boolean; userId: string }>;
}

/**
 * Works out a PatchGroup without touching the store: only displayName, externalId and member
 * add/remove are allowed; replacing members or removing all of them is a 400 as in AWS.
 */
export function planGroupPatch(state: EmulatorState, group: StoredGroup, ops: PatchOperation[]): GroupPatchPlan {
  let displayName: unknown = group.displayName;
  let externalId: unknown = group.externalId;
  const memberChanges: GroupPatchPlan['memberChanges'] = [];
  for (const op of ops) {
    const path = parsePath(op.path!);
    if (path.attribute === 'members') {
      if (op.op === 'replace') throw new ValidationError('Replacing group memberships is not supported.');
      if (path.sub) throw new ValidationError(`Invalid path "${op.path}".`);
      let ids: string[];
      if (path.filter) {
        if (op.op !== 'remove' || path.filter.attribute !== 'value') throw new ValidationError(`Unsupported path "${op.path}".`);
        ids = [path.filter.value];
      } else {
        if (op.op === 'remove' && (op.value === undefined || (Array.isArray(op.value) && op.value.length === 0))) {
          throw new ValidationError('Removing all group memberships is not supported.');
        }
        ids = readMemberValues(op.value);
      }
      for (const userId of ids) memberChanges.push({ add: op.op === 'add', userId });
      continue;
    }
    if (path.filter || path.sub || (path.attribute !== 'displayName' && path.attribute !== 'externalId')) {
      throw new ValidationError(`Attribute ${op.path} cannot be changed with PATCH; only displayName, externalId and members can.`);
    }
    const next = op.op === 'remove' ? undefined : op.value;
    if (path.attribute === 'displayName') displayName = next;
    else externalId = next;
  }
  checkMemberOperationCount(memberChanges.length);
  checkMembersExist(state, memberChanges.filter((c) => c.add).map((c) => c.userId));
  const fields = validateGroupFields(displayName, externalId);
  const fieldsChanged = fields.displayName !== group.displayName || fields.externalId !== group.externalId;
  return { fields: { ...fields, ...(group.description !== undefined && { description: group.description }) }, fieldsChanged, memberChanges };
}
