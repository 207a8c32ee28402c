import { type ObjectValue, isUnknown, UNKNOWN } from '../codec/values';
import { DiagnosticError, error } from '../framework/diagnostics';
import type { ProviderContext, ResourceType } from '../framework/resource';
import { ScimAbortedError, ScimConflictError } from '../../scim/errors';
import type { ScimUser, UserInput } from '../../scim/types';
import { idFromPrivate, ledgerOf, trackingPrivate } from './ledger';
import { adoptHint, carriesMarker, heldByAnother, interruptedCreate, notOurs } from './ownership';
import { checkUniqueValues, duplicateTracking } from './plan-checks';
import { scimDiagnostic, scimStep } from './scim-diagnostics';
import { type ScimSession, scimSession } from './scim-session';
import { applyRules, emailRule, str, textRule, userNameRule } from './validate';

export const USER_TYPE = 'idemeum_pushed_user';
const TYPE = USER_TYPE;
const DEPROVISION = ['delete', 'deactivate'] as const;
/** Same shape as AWS ids (`[0-9a-f]{10}-` legacy prefix optional); anything else is imported by user_name. */
export const AWS_ID = /^([0-9a-f]{10}-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The model the resource works on, from a (wholly known) planned state. */
function toInput(s: ObjectValue): UserInput {
  const userName = s.user_name as string;
  const email = str(s.email) ?? userName;
  return {
    userName,
    displayName: s.display_name as string,
    name: { givenName: s.given_name as string, familyName: s.family_name as string },
    active: s.active !== false,
    ...(str(s.external_id) !== undefined && { externalId: s.external_id as string }),
    emails: [{ value: email, type: 'work', primary: true }],
  };
}

function toState(user: ScimUser, deprovision: string | null): ObjectValue {
  const primary = user.emails?.find((e) => e.primary) ?? user.emails?.[0];
  return {
    id: user.id,
    user_name: user.userName,
    display_name: user.displayName,
    given_name: user.name?.givenName ?? null,
    family_name: user.name?.familyName ?? null,
    email: primary?.value ?? null,
    active: user.active,
    external_id: user.externalId ?? null,
    deprovision: deprovision ?? 'delete',
  };
}

export const userLabel = (userName: unknown) => `${TYPE} "${String(userName)}"`;

/** The values AWS keeps unique per identity store, as planned (unknown ones are checked at apply). */
function uniqueValues(s: ObjectValue) {
  return [
    { attribute: 'user_name', value: s.user_name, foldCase: true },
    { attribute: 'email', value: s.email, foldCase: true },
    { attribute: 'external_id', value: s.external_id, foldCase: false },
  ].filter((v): v is { attribute: string; value: string; foldCase: boolean } => typeof v.value === 'string');
}

/** A rename that AWS refused (409): the name, email or external_id belongs to another user. */
function renameConflict(userName: string, action: string): DiagnosticError {
  return new DiagnosticError(
    error(
      `${action}: user name, email or external_id already taken in AWS`,
      `AWS already has another user with user_name "${userName}", or with this email or external_id (all three are unique per identity store). Choose values no other user has.`,
      ['user_name'],
    ),
  );
}

/**
 * POST /Users answered 409. The user is this resource's own only if it carries this resource's
 * external_id and no other resource of this configuration tracks it: a create an interrupted
 * apply sent. Then it is brought to the plan and taken into state; anything else is refused.
 */
async function takeOverOwnCreate(session: ScimSession, input: UserInput, action: string, ctx: ProviderContext): Promise<ScimUser> {
  const found = await scimStep(action, () => session.client.findUserByUserName(input.userName));
  if (!found) {
    throw new DiagnosticError(
      error(
        `${action}: email or external_id already taken in AWS`,
        `AWS refused the user: no user is named "${input.userName}", so another user already has its email or external_id (both are unique per identity store). Choose values no other user has.`,
        ['email'],
      ),
    );
  }
  const tracker = ledgerOf(ctx).trackerOf(TYPE, found.id);
  if (!tracker && carriesMarker(found, input.externalId)) {
    ctx.log.info('taking over the user an interrupted create made (it carries this resource\'s external_id)', { id: found.id, user_name: input.userName });
    return scimStep(action, () => session.client.replaceUser(found.id, input));
  }
  const why = tracker ? heldByAnother('user', 'user_name', input.userName, found, tracker) : `${notOurs('user', input.userName, found, input.externalId)} ${adoptHint('user', input.userName)}`;
  throw new DiagnosticError(error(`${action}: user name already exists in AWS`, why, ['user_name']));
}

export const pushedUser: ResourceType = {
  typeName: TYPE,
  schema: {
    version: 0,
    description: 'A user pushed to AWS IAM Identity Center over SCIM. `id` is the AWS user id (= Identity Store UserId).',
    attributes: {
      id: { type: 'string', computed: true, description: 'AWS user id.' },
      user_name: { type: 'string', required: true, description: 'The user\'s email address (AWS userName).' },
      display_name: { type: 'string', required: true },
      given_name: { type: 'string', required: true },
      family_name: { type: 'string', required: true },
      email: { type: 'string', optional: true, computed: true, description: 'Primary work email. Defaults to user_name.' },
      active: { type: 'bool', optional: true, computed: true, default: true },
      external_id: {
        type: 'string',
        optional: true,
        description: "idemeum's user id; also the ownership marker by which the next apply recognises a user an interrupted create made.",
      },
      deprovision: {
        type: 'string',
        optional: true,
        computed: true,
        default: 'delete',
        description: 'What removing the resource does in AWS: "delete" (default) or "deactivate".',
      },
    },
  },

  validate({ config }) {
    const diags = applyRules(
      config,
      [userNameRule, textRule('display_name', 'display_name'), textRule('given_name', 'given_name'), textRule('family_name', 'family_name'), emailRule, textRule('external_id', 'external_id')],
      `Invalid ${TYPE}`,
    );
    const d = config.deprovision;
    if (typeof d === 'string' && !(DEPROVISION as readonly string[]).includes(d)) {
      diags.push(error(`Invalid ${TYPE}`, `deprovision must be "delete" or "deactivate", got "${d}"`, ['deprovision']));
    }
    return diags;
  },

  async modifyPlan({ prior, config, priorPrivate }, draft, ctx) {
    // email defaults to user_name, so a plan shows the address AWS will actually hold.
    if (config.email === null) draft.planned.email = isUnknown(config.user_name) ? UNKNOWN : config.user_name;
    await checkUniqueValues(ctx, draft, {
      type: TYPE,
      kind: 'user',
      primary: 'user_name',
      labelOf: userLabel,
      prior,
      replacesId: prior ? undefined : idFromPrivate(priorPrivate),
      values: uniqueValues(draft.planned),
      find: (session, name) => session.reads.userByName(name),
    });
  },

  async create({ planned }, ctx) {
    const name = planned.user_name as string;
    const action = `creating pushed user (${name})`;
    const session = scimSession(ctx, action);
    const input = toInput(planned);
    let user: ScimUser;
    try {
      user = await session.client.createUser(input);
    } catch (err) {
      if (err instanceof ScimAbortedError) throw interruptedCreate(action, 'user', name, input.externalId);
      if (!(err instanceof ScimConflictError)) throw scimDiagnostic(err, action);
      user = await takeOverOwnCreate(session, input, action, ctx);
    }
    session.reads.forgetUser(user.id);
    session.reads.forgetUserName(name);
    ledgerOf(ctx).bindCreated(TYPE, { attribute: 'user_name', value: name, foldCase: true }, user.id, userLabel(name));
    return { state: { ...toState(user, planned.deprovision as string), deprovision: planned.deprovision }, private: trackingPrivate(user.id) };
  },

  async read({ state }, ctx) {
    const action = `reading pushed user (${state.user_name as string})`;
    const { reads } = scimSession(ctx, action);
    const user = await scimStep(action, () => reads.user(state.id as string));
    if (!user) {
      ctx.log.info('pushed user no longer exists in AWS; removing it from state', { id: state.id });
      return null;
    }
    const other = ledgerOf(ctx).noteRead(TYPE, user.id, userLabel(user.userName));
    return {
      state: toState(user, str(state.deprovision) ?? null),
      private: trackingPrivate(user.id),
      ...(other !== undefined && { diagnostics: [duplicateTracking('user', user.id, user.userName, other)] }),
    };
  },

  async update({ prior, planned }, ctx) {
    const action = `updating pushed user (${planned.user_name as string})`;
    const { client, reads } = scimSession(ctx, action);
    const id = prior.id as string;
    try {
      // PUT replaces every attribute at once: one request, and removing external_id really removes it.
      const user = await client.replaceUser(id, toInput(planned));
      reads.forgetUser(id);
      reads.forgetUserName(prior.user_name as string);
      reads.forgetUserName(planned.user_name as string);
      ledgerOf(ctx).track(TYPE, id, userLabel(planned.user_name));
      return { state: { ...toState(user, planned.deprovision as string), id }, private: trackingPrivate(id) };
    } catch (err) {
      if (err instanceof ScimConflictError) throw renameConflict(planned.user_name as string, action);
      throw scimDiagnostic(err, action);
    }
  },

  async delete({ prior }, ctx) {
    const action = `deleting pushed user (${prior.user_name as string})`;
    const { client, reads } = scimSession(ctx, action);
    const id = prior.id as string;
    if (prior.deprovision === 'deactivate') {
      await scimStep(action, async () => {
        try {
          await client.patchUser(id, [{ op: 'replace', path: 'active', value: false }]);
        } catch (err) {
          if ((err as { status?: number }).status !== 404) throw err;
        }
      });
    } else {
      await scimStep(action, () => client.deleteUser(id));
      // AWS drops a deleted user's memberships.
      reads.forgetAllMembers();
      ledgerOf(ctx).release(TYPE, id);
    }
    reads.forgetUser(id);
    reads.forgetUserName(prior.user_name as string);
  },

  async import({ id }, ctx: ProviderContext) {
    const action = `importing pushed user (${id})`;
    const { client } = scimSession(ctx, action);
    const user = await scimStep(action, async () => (AWS_ID.test(id) ? await client.getUser(id).catch(() => undefined) : undefined) ?? (await client.findUserByUserName(id)));
    if (!user) {
      throw new DiagnosticError(error(`Cannot import ${TYPE}`, `AWS has no user with id or user name "${id}". Import by the AWS user id or the user's email (user_name).`));
    }
    return { state: toState(user, 'delete'), private: trackingPrivate(user.id) };
  },
};
