import { ValidationException } from '../awsjson/errors';
import type { JsonObject, Operation } from '../awsjson/handler';
import { str, validate } from '../awsjson/validate';
import { applyOperations, OPERATIONS, validateDocument, type PathRule } from './attribute-operations';
import { FIELDS, notFound, requireStore, directoryWrite } from './common';
import { isReservedName } from './urn';
import { ADDRESS_FIELDS, EMAIL_FIELDS, NAME_FIELDS, PHONE_FIELDS, REQUIRED_USER_PATHS, toUserFields, USER_SCHEMA, USER_STRINGS, userInput } from './user-shapes';

// Identity Store writes go to the same directory SCIM serves (aws-behavior.md §1.14): same ids,
// same uniqueness indexes, and they work even while SCIM provisioning is on.

/** UpdateUser's paths, keyed lower-cased. */
const USER_PATHS: Readonly<Record<string, PathRule>> = Object.fromEntries([
  ...Object.keys(USER_STRINGS).map((k): [string, PathRule] => [k.toLowerCase(), { target: [k], shape: { kind: 'string' } }]),
  ['name', { target: ['Name'], shape: { kind: 'object', fields: NAME_FIELDS } }],
  ...Object.keys(NAME_FIELDS).map((k): [string, PathRule] => [`name.${k.toLowerCase()}`, { target: ['Name', k], shape: { kind: 'string' } }]),
  ['emails', { target: ['Emails'], shape: { kind: 'list', fields: EMAIL_FIELDS } }],
  ['addresses', { target: ['Addresses'], shape: { kind: 'list', fields: ADDRESS_FIELDS } }],
  ['phonenumbers', { target: ['PhoneNumbers'], shape: { kind: 'list', fields: PHONE_FIELDS } }],
]);

const USER_REFUSALS = {
  // [U] The AWS Terraform provider replaces a user to change user_name, so it is taken as fixed.
  username: 'userName cannot be changed after the user is created; delete the user and create it again.',
} as const;

function present(input: JsonObject, path: string): boolean {
  let node: unknown = input;
  for (const segment of path.split('.')) node = node && typeof node === 'object' ? (node as JsonObject)[segment] : undefined;
  return node !== undefined && node !== null;
}

/** Model constraints, then what Identity Center itself insists on. */
function checkUser(user: JsonObject): void {
  validateDocument(user, USER_SCHEMA);
  const missing = REQUIRED_USER_PATHS.filter((p) => !present(user, p));
  if (missing.length > 0) {
    throw new ValidationException(
      `A user needs ${REQUIRED_USER_PATHS.join(', ')}; missing: ${missing.join(', ')}. Give ${missing.length === 1 ? 'it' : 'them'} a value.`,
    );
  }
  if (isReservedName(user.UserName as string)) {
    throw new ValidationException(`UserName ${String(user.UserName)} is reserved by IAM Identity Center; choose another UserName.`);
  }
}

export const createUser: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, ...USER_SCHEMA });
  requireStore(ctx, input);
  checkUser(input);
  const user = directoryWrite(() => ctx.state.directory.createUser(toUserFields(input)));
  return { UserId: user.id, IdentityStoreId: ctx.state.identityStoreId };
};

export const updateUser: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, UserId: FIELDS.ResourceId, Operations: OPERATIONS });
  requireStore(ctx, input);
  const id = str(input, 'UserId');
  const user = ctx.state.directory.getUser(id);
  if (!user) throw notFound('USER', id);
  const next = applyOperations(userInput(user), input, USER_PATHS, USER_REFUSALS);
  try {
    checkUser(next);
  } catch (err) {
    if (!(err instanceof ValidationException)) throw err;
    const paths = (input.Operations as { AttributePath: string }[]).map((o) => o.AttributePath).join(', ');
    throw new ValidationException(`Operations on ${paths} would leave an invalid user: ${err.message}`);
  }
  directoryWrite(() => ctx.state.directory.replaceUser(id, toUserFields(next, user)));
  return {};
};

export const deleteUser: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, UserId: FIELDS.ResourceId });
  requireStore(ctx, input);
  const id = str(input, 'UserId');
  if (!ctx.state.directory.getUser(id)) throw notFound('USER', id);
  // Memberships go with the user; assignments naming the id stay and stop granting (directory.ts).
  ctx.state.directory.deleteUser(id);
  return {};
};
