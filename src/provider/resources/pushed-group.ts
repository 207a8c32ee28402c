import { type ObjectValue, isUnknown, UNKNOWN } from '../codec/values';
import { DiagnosticError, error } from '../framework/diagnostics';
import { PartialStateError } from '../framework/partial-state';
import type { ProviderContext, ResourceType } from '../framework/resource';
import { ScimConflictError, ScimNotFoundError } from '../../scim/errors';
import type { GroupCreatePartiallyAppliedError, ScimClient } from '../../scim/client';
import type { ScimGroup } from '../../scim/types';
import { AWS_ID } from './pushed-user';
import { scimDiagnostic, scimStep } from './scim-diagnostics';
import { type ScimSession, scimSession } from './scim-session';
import { applyRules, groupNameRule, str, strings, textRule } from './validate';
import { lazy } from '../lazy';

// The client pulls in undici; a failed create has already loaded it (see ../lazy.ts).
const scimClient = lazy(() => require('../../scim/client') as typeof import('../../scim/client'));

const TYPE = 'idemeum_pushed_group';
/** How long create waits for a new group to become readable (AWS is eventually consistent). */
const READABLE_TIMEOUT_MS = 60_000;

function importHint(name: string): string {
  return `import it with: terraform import <resource address> "${name}" — or set adopt_existing = true to take it over`;
}

function conflict(name: string, action: string): DiagnosticError {
  return new DiagnosticError(error(`${action}: display name already exists in AWS`, `AWS already has a group named "${name}" (group names are unique in AWS); ${importHint(name)}`, ['display_name']));
}

function toState(group: ScimGroup, members: string[] | null, memberCount: number, adopt: unknown): ObjectValue {
  return {
    id: group.id,
    display_name: group.displayName,
    external_id: group.externalId ?? null,
    members: members === null ? null : [...members].sort(),
    adopt_existing: typeof adopt === 'boolean' ? adopt : null,
    member_count: memberCount,
  };
}

/** member_count as far as the plan can know it: the set's size, or unknown until apply. */
function plannedMemberCount(prior: ObjectValue | null, members: ObjectValue[string], adopt: boolean): ObjectValue[string] {
  if (Array.isArray(members)) return members.some(isUnknown) ? UNKNOWN : new Set(members).size;
  if (members === null) {
    if (!prior) return adopt ? UNKNOWN : 0; // a new group starts empty; an adopted one keeps its members
    if (prior.members === null) return prior.member_count; // unmanaged before and after: AWS's count stands
  }
  return UNKNOWN;
}

/** Returns once GET /Groups/{id} answers, so resources that reference the id can use it at once. */
export async function waitGroupReadable(session: ScimSession, id: string, now: () => number, timeoutMs = READABLE_TIMEOUT_MS): Promise<ScimGroup> {
  const deadline = now() + timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      return await session.client.getGroup(id);
    } catch (err) {
      if (!(err instanceof ScimNotFoundError) || now() + delay > deadline) throw err;
    }
    await session.sleep(delay);
  }
}

const TAINTED = 'Terraform keeps it in the state marked tainted, so the next apply replaces it (deletes it and creates it again).';

/**
 * A create that failed after AWS created the group: report the group with the error, so
 * Terraform keeps track of it instead of leaving an orphan that blocks the name.
 */
function createdButFailed(err: unknown, action: string, created: { id: string; state: ObjectValue }, timeoutMs: number): PartialStateError {
  if (err instanceof ScimNotFoundError) {
    return new PartialStateError(
      error(`${action}: AWS did not serve the new group in time`, `AWS created the group (id ${created.id}) but still answered 404 for it after ${timeoutMs / 1000}s. ${TAINTED}`),
      created.state,
    );
  }
  const d = scimDiagnostic(err, action, ['members']).diagnostics[0];
  return new PartialStateError({ ...d, detail: `${d.detail ?? ''} AWS created the group (id ${created.id}) before this failed. ${TAINTED}`.trim() }, created.state);
}

/** The client's member top-up failed and so did its clean-up delete: the group exists with some members. */
function membersNotAdded(err: GroupCreatePartiallyAppliedError, action: string, planned: ObjectValue): PartialStateError {
  return new PartialStateError(
    error(
      `${action}: adding members failed after the group was created`,
      `AWS created the group (id ${err.groupId}) but adding its members failed (${err.cause.message}) and deleting the group again failed too. ${TAINTED}`,
      ['members'],
    ),
    // Which members made it is not known: members and member_count are stored as null.
    { ...planned, id: err.groupId, members: UNKNOWN, member_count: UNKNOWN },
  );
}

async function setMembers(client: ScimClient, id: string, current: readonly string[], wanted: readonly string[]): Promise<void> {
  const have = new Set(current);
  const want = new Set(wanted);
  await client.changeMembers(id, { add: wanted.filter((m) => !have.has(m)), remove: current.filter((m) => !want.has(m)) });
}

export const pushedGroup: ResourceType = {
  typeName: TYPE,
  schema: {
    version: 0,
    description: 'A group pushed to AWS IAM Identity Center over SCIM. `id` is the AWS group id; it survives renames and membership changes.',
    attributes: {
      id: { type: 'string', computed: true, description: 'AWS group id (= Identity Store GroupId, the principal id for assignments).' },
      display_name: { type: 'string', required: true, description: 'Unique in AWS; Administrator and AWSAdministrators are reserved.' },
      external_id: { type: 'string', optional: true },
      members: { type: ['set', 'string'], optional: true, description: 'AWS user ids, typically idemeum_pushed_user.x.id. Null leaves membership unmanaged.' },
      adopt_existing: { type: 'bool', optional: true, description: 'Take over an existing AWS group with the same name instead of failing.' },
      member_count: { type: 'number', computed: true },
    },
  },

  validate({ config }) {
    const diags = applyRules(config, [groupNameRule, textRule('external_id', 'external_id')], `Invalid ${TYPE}`);
    const members = config.members;
    if (Array.isArray(members)) {
      for (const m of members) {
        if (typeof m === 'string' && !isUnknown(m) && m.trim() === '') diags.push(error(`Invalid ${TYPE}`, 'members must be AWS user ids (e.g. idemeum_pushed_user.x.id); found an empty string', ['members']));
      }
    }
    return diags;
  },

  async modifyPlan({ prior, config }, draft, ctx) {
    draft.planned.member_count = plannedMemberCount(prior, config.members, config.adopt_existing === true);
    // Catch a name collision at plan time rather than halfway through apply.
    const name = config.display_name;
    const renamed = prior === null || prior.display_name !== name;
    if (typeof name !== 'string' || !renamed || config.adopt_existing === true || !ctx.config?.scim) return;
    const { client } = scimSession(ctx, 'planning');
    // Terraform plans every change again at apply. A process that has written to AWS is applying
    // a plan that already made this check; create and rename still turn a 409 into this error.
    if (client.transport.writesSent > 0) return;
    try {
      const existing = await client.findGroupByDisplayName(name);
      if (existing && existing.id !== prior?.id) {
        draft.diagnostics.push(error(`${prior ? 'Renaming' : 'Creating'} pushed group (${name}): display name already exists in AWS`, `AWS already has a group named "${name}" (id ${existing.id}); ${importHint(name)}`, ['display_name']));
      }
    } catch (err) {
      draft.diagnostics.push(...scimDiagnostic(err, `checking whether group "${name}" exists`).diagnostics);
    }
  },

  async create({ planned }, ctx) {
    const name = planned.display_name as string;
    const action = `creating pushed group (${name})`;
    const session = scimSession(ctx, action);
    const members = strings(planned.members) ?? [];
    const externalId = str(planned.external_id);
    const timeoutMs = ctx.config?.groupReadableTimeoutMs ?? READABLE_TIMEOUT_MS;
    // Set once AWS has created the group: from then on a failure must not lose track of it.
    let created: { id: string; state: ObjectValue } | undefined;
    try {
      let group: ScimGroup;
      let count = new Set(members).size;
      const adopted = planned.adopt_existing === true ? await session.client.findGroupByDisplayName(name) : undefined;
      if (adopted) {
        ctx.log.info('adopting existing AWS group', { id: adopted.id, display_name: name });
        if ((adopted.externalId ?? undefined) !== externalId) await session.client.updateGroup(adopted.id, { externalId: externalId ?? null });
        const current = (await session.client.usersInGroup(adopted.id)).map((u) => u.id);
        if (planned.members !== null) await setMembers(session.client, adopted.id, current, members);
        else count = current.length;
        group = await session.client.getGroup(adopted.id);
      } else {
        const posted = await session.client.createGroup({ displayName: name, externalId, members });
        created = { id: posted.id, state: toState(posted, planned.members === null ? null : members, count, planned.adopt_existing) };
        group = await waitGroupReadable(session, posted.id, () => ctx.clock.now().getTime(), timeoutMs);
      }
      session.reads.forgetGroup(group.id);
      return { state: toState(group, planned.members === null ? null : members, count, planned.adopt_existing) };
    } catch (err) {
      // An adopted group is never reported as partial: the next apply would delete a group it did not create.
      if (created) throw createdButFailed(err, action, created, timeoutMs);
      if (err instanceof scimClient().GroupCreatePartiallyAppliedError) throw membersNotAdded(err, action, planned);
      if (err instanceof ScimConflictError) throw conflict(name, action);
      throw scimDiagnostic(err, action, ['members']);
    }
  },

  async read({ state }, ctx) {
    const action = `reading pushed group (${state.display_name as string})`;
    const { reads } = scimSession(ctx, action);
    const id = state.id as string;
    const [group, members] = await scimStep(action, () => Promise.all([reads.group(id), reads.membersOf(id)]));
    if (!group) {
      ctx.log.info('pushed group no longer exists in AWS; removing it from state', { id });
      return null;
    }
    const actual = members ?? [];
    return { state: toState(group, state.members === null ? null : actual, actual.length, state.adopt_existing) };
  },

  async update({ prior, planned }, ctx) {
    const name = planned.display_name as string;
    const action = `updating pushed group (${name})`;
    const session = scimSession(ctx, action);
    const id = prior.id as string;
    try {
      const externalId = str(planned.external_id);
      await session.client.updateGroup(id, {
        ...(prior.display_name !== name && { displayName: name }),
        ...((str(prior.external_id) ?? undefined) !== externalId && { externalId: externalId ?? null }),
      });
      let count = prior.member_count as number;
      if (planned.members !== null) {
        const wanted = strings(planned.members) ?? [];
        // Prior state was refreshed from AWS; if membership was unmanaged before, read it now.
        const current = prior.members === null ? ((await session.reads.membersOf(id)) ?? []) : (strings(prior.members) ?? []);
        await setMembers(session.client, id, current, wanted);
        count = new Set(wanted).size;
      } else if (isUnknown(planned.member_count)) {
        count = (await session.client.usersInGroup(id)).length;
      }
      session.reads.forgetGroup(id);
      const group = await session.client.getGroup(id);
      return { state: toState(group, planned.members === null ? null : (strings(planned.members) ?? []), count, planned.adopt_existing) };
    } catch (err) {
      if (err instanceof ScimConflictError) throw conflict(name, action);
      throw scimDiagnostic(err, action, ['members']);
    }
  },

  async delete({ prior }, ctx) {
    const action = `deleting pushed group (${prior.display_name as string})`;
    const { client, reads } = scimSession(ctx, action);
    await scimStep(action, () => client.deleteGroup(prior.id as string));
    reads.forgetGroup(prior.id as string);
  },

  async import({ id }, ctx: ProviderContext) {
    const action = `importing pushed group (${id})`;
    const { client } = scimSession(ctx, action);
    const group = await scimStep(action, async () => (AWS_ID.test(id) ? await client.getGroup(id).catch(() => undefined) : undefined) ?? (await client.findGroupByDisplayName(id)));
    if (!group) {
      throw new DiagnosticError(error(`Cannot import ${TYPE}`, `AWS has no group with id or display name "${id}". Import by the AWS group id or the exact display name.`));
    }
    const members = (await scimStep(action, () => client.usersInGroup(group.id))).map((u) => u.id);
    return { state: toState(group, members, members.length, null) };
  },
};
