import { type ObjectValue, isUnknown, UNKNOWN } from '../codec/values';
import { DiagnosticError, error } from '../framework/diagnostics';
import type { ProviderContext, ResourceType } from '../framework/resource';
import { ScimConflictError } from '../../scim/errors';
import type { ScimUser, UserInput } from '../../scim/types';
import { scimDiagnostic, scimStep } from './scim-diagnostics';
import { scimSession } from './scim-session';
import { applyRules, emailRule, str, textRule, userNameRule } from './validate';

const TYPE = 'idemeum_pushed_user';
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

function conflict(userName: string, action: string): DiagnosticError {
  return new DiagnosticError(
    error(
      `${action}: user name already exists in AWS`,
      `AWS already has a user "${userName}" (or another user with this email or external_id). ` +
        `To manage that user here, import it: terraform import <resource address> "${userName}"`,
      ['user_name'],
    ),
  );
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
      external_id: { type: 'string', optional: true, description: "idemeum's user id." },
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

  modifyPlan({ config }, draft) {
    // email defaults to user_name, so a plan shows the address AWS will actually hold.
    if (config.email === null) draft.planned.email = isUnknown(config.user_name) ? UNKNOWN : config.user_name;
  },

  async create({ planned }, ctx) {
    const action = `creating pushed user (${planned.user_name as string})`;
    const { client, reads } = scimSession(ctx, action);
    try {
      const user = await client.createUser(toInput(planned));
      reads.forgetUser(user.id);
      return { state: { ...toState(user, planned.deprovision as string), deprovision: planned.deprovision } };
    } catch (err) {
      if (err instanceof ScimConflictError) throw conflict(planned.user_name as string, action);
      throw scimDiagnostic(err, action);
    }
  },

  async read({ state }, ctx) {
    const action = `reading pushed user (${state.user_name as string})`;
    const { reads } = scimSession(ctx, action);
    const user = await scimStep(action, () => reads.user(state.id as string));
    if (!user) {
      ctx.log.info('pushed user no longer exists in AWS; removing it from state', { id: state.id });
      return null;
    }
    return { state: toState(user, str(state.deprovision) ?? null) };
  },

  async update({ prior, planned }, ctx) {
    const action = `updating pushed user (${planned.user_name as string})`;
    const { client, reads } = scimSession(ctx, action);
    const id = prior.id as string;
    try {
      // PUT replaces every attribute at once: one request, and removing external_id really removes it.
      const user = await client.replaceUser(id, toInput(planned));
      reads.forgetUser(id);
      return { state: { ...toState(user, planned.deprovision as string), id } };
    } catch (err) {
      if (err instanceof ScimConflictError) throw conflict(planned.user_name as string, action);
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
    }
    reads.forgetUser(id);
  },

  async import({ id }, ctx: ProviderContext) {
    const action = `importing pushed user (${id})`;
    const { client } = scimSession(ctx, action);
    const user = await scimStep(action, async () => (AWS_ID.test(id) ? await client.getUser(id).catch(() => undefined) : undefined) ?? (await client.findUserByUserName(id)));
    if (!user) {
      throw new DiagnosticError(error(`Cannot import ${TYPE}`, `AWS has no user with id or user name "${id}". Import by the AWS user id or the user's email (user_name).`));
    }
    return { state: toState(user, 'delete') };
  },
};
