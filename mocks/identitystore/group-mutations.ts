import { ValidationException } from '../awsjson/errors';
import type { JsonObject, Operation } from '../awsjson/handler';
import { optStr, str, validate } from '../awsjson/validate';
import type { StoredGroup } from '../store';
import { applyOperations, OPERATIONS, validateDocument, type PathRule } from './attribute-operations';
import { FIELDS, notFound, requireStore, directoryWrite } from './common';
import { isReservedName, PATTERNS } from './urn';

// Identity Store writes go to the same directory SCIM serves and work even with SCIM provisioning
// on (they can drift from the IdP, as in AWS: aws-behavior.md §1.14).

/** The group members of CreateGroupRequest; Identity Center needs a DisplayName although the model leaves it optional. */
const GROUP_SCHEMA = {
  DisplayName: { kind: 'string', required: true, min: 1, max: 1024, pattern: PATTERNS.groupDisplayName },
  Description: { kind: 'string', min: 1, max: 1024, pattern: PATTERNS.sensitiveString },
} as const;

const GROUP_PATHS: Readonly<Record<string, PathRule>> = {
  displayname: { target: ['DisplayName'], shape: { kind: 'string' } },
  description: { target: ['Description'], shape: { kind: 'string' } },
};

function checkReserved(displayName: string): void {
  if (isReservedName(displayName)) {
    throw new ValidationException(`DisplayName ${displayName} is reserved by IAM Identity Center; choose another DisplayName.`);
  }
}

function requireGroup(input: JsonObject, groups: (id: string) => StoredGroup | undefined): StoredGroup {
  const id = str(input, 'GroupId');
  const group = groups(id);
  if (!group) throw notFound('GROUP', id);
  return group;
}

export const createGroup: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, ...GROUP_SCHEMA });
  requireStore(ctx, input);
  checkReserved(str(input, 'DisplayName'));
  const description = optStr(input, 'Description');
  const group = directoryWrite(() =>
    ctx.state.directory.createGroup({ displayName: str(input, 'DisplayName'), ...(description !== undefined && { description }) }),
  );
  return { GroupId: group.id, IdentityStoreId: ctx.state.identityStoreId };
};

export const updateGroup: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, GroupId: FIELDS.ResourceId, Operations: OPERATIONS });
  requireStore(ctx, input);
  const group = requireGroup(input, (id) => ctx.state.directory.getGroup(id));
  const current: JsonObject = { DisplayName: group.displayName, ...(group.description !== undefined && { Description: group.description }) };
  const next = applyOperations(current, input, GROUP_PATHS, {
    externalid: 'ExternalIds come from the identity provider over SCIM; Identity Store cannot change them.',
  });
  validateDocument(next, GROUP_SCHEMA);
  const displayName = next.DisplayName as string;
  checkReserved(displayName);
  const description = next.Description as string | undefined;
  directoryWrite(() =>
    ctx.state.directory.replaceGroup(group.id, {
      displayName,
      ...(group.externalId !== undefined && { externalId: group.externalId }),
      ...(description !== undefined && { description }),
    }),
  );
  return {};
};

export const deleteGroup: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, GroupId: FIELDS.ResourceId });
  requireStore(ctx, input);
  // Memberships go with the group; assignments naming it stay and stop granting.
  ctx.state.directory.deleteGroup(requireGroup(input, (id) => ctx.state.directory.getGroup(id)).id);
  return {};
};
