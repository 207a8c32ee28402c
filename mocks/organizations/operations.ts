import { ValidationException } from '../awsjson/errors';
import type { JsonObject, Operation, OperationContext } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { asOrganizations, InvalidInputException, OrganizationsNotFoundException } from './errors';
import { checkInput, FIELDS, PAGED } from './input';
import { renderAccount, renderEnabledServicePrincipals, renderOrganization, renderOrganizationalUnit, renderRoot } from './render';
import { CHILD_TYPES } from './urn';

/**
 * A page of a list: at most MaxResults and at most the emulator's page size. The token is bound to
 * the operation and its parent, so a token from one list cannot page another.
 */
function page<T>(ctx: OperationContext, items: readonly T[], input: JsonObject, binding: string): { items: T[]; nextToken?: string } {
  const limit = ctx.state.options.organizationsPageSize;
  const asked = typeof input.MaxResults === 'number' ? input.MaxResults : limit;
  try {
    return paginate(items, { ...input, MaxResults: Math.min(asked, limit) }, binding, limit);
  } catch (err) {
    if (err instanceof ValidationException) throw new InvalidInputException('INVALID_NEXT_TOKEN');
    throw err;
  }
}

export const describeOrganization: Operation = (_input, { state }) => ({ Organization: renderOrganization(state.organization) });

export const listRoots: Operation = (input, ctx) => {
  checkInput(input, PAGED);
  const p = page(ctx, [renderRoot(ctx.state.organization)], input, 'ListRoots');
  return withToken({ Roots: p.items }, p.nextToken);
};

export const listAccounts: Operation = (input, ctx) => {
  checkInput(input, PAGED);
  const org = ctx.state.organization;
  const p = page(ctx, [...org.accounts.values()], input, 'ListAccounts');
  return withToken({ Accounts: p.items.map((a) => renderAccount(org, a)) }, p.nextToken);
};

export const listAccountsForParent: Operation = (input, ctx) => {
  checkInput(input, { ParentId: FIELDS.ParentId, ...PAGED });
  const org = ctx.state.organization;
  const parentId = input.ParentId as string;
  const accounts = asOrganizations(() => org.accountsIn(parentId));
  const p = page(ctx, accounts, input, `ListAccountsForParent:${parentId}`);
  return withToken({ Accounts: p.items.map((a) => renderAccount(org, a)) }, p.nextToken);
};

export const listOrganizationalUnitsForParent: Operation = (input, ctx) => {
  checkInput(input, { ParentId: FIELDS.ParentId, ...PAGED });
  const org = ctx.state.organization;
  const parentId = input.ParentId as string;
  const ous = asOrganizations(() => org.organizationalUnitsIn(parentId));
  const p = page(ctx, ous, input, `ListOrganizationalUnitsForParent:${parentId}`);
  return withToken({ OrganizationalUnits: p.items.map((ou) => renderOrganizationalUnit(org, ou)) }, p.nextToken);
};

export const listChildren: Operation = (input, ctx) => {
  checkInput(input, { ParentId: FIELDS.ParentId, ChildType: { kind: 'enum', required: true, values: CHILD_TYPES }, ...PAGED });
  const org = ctx.state.organization;
  const parentId = input.ParentId as string;
  const type = input.ChildType as (typeof CHILD_TYPES)[number];
  const ids = asOrganizations(() =>
    type === 'ACCOUNT' ? org.accountsIn(parentId).map((a) => a.id) : org.organizationalUnitsIn(parentId).map((ou) => ou.id),
  );
  const p = page(ctx, ids, input, `ListChildren:${type}:${parentId}`);
  return withToken({ Children: p.items.map((id) => ({ Id: id, Type: type })) }, p.nextToken);
};

export const listParents: Operation = (input, ctx) => {
  checkInput(input, { ChildId: FIELDS.ChildId, ...PAGED });
  const org = ctx.state.organization;
  const childId = input.ChildId as string;
  const parentId = asOrganizations(() => org.parentOf(childId));
  const p = page(ctx, [parentId], input, `ListParents:${childId}`);
  return withToken({ Parents: p.items.map((id) => ({ Id: id, Type: id === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' })) }, p.nextToken);
};

export const describeAccount: Operation = (input, { state }) => {
  checkInput(input, { AccountId: FIELDS.AccountId });
  const org = state.organization;
  return { Account: renderAccount(org, asOrganizations(() => org.requireAccount(input.AccountId as string))) };
};

export const describeOrganizationalUnit: Operation = (input, { state }) => {
  checkInput(input, { OrganizationalUnitId: FIELDS.OrganizationalUnitId });
  const org = state.organization;
  const ou = asOrganizations(() => org.requireOrganizationalUnit(input.OrganizationalUnitId as string));
  return { OrganizationalUnit: renderOrganizationalUnit(org, ou) };
};

export const listAwsServiceAccessForOrganization: Operation = (input, ctx) => {
  checkInput(input, PAGED);
  const p = page(ctx, renderEnabledServicePrincipals(ctx.state.organization), input, 'ListAWSServiceAccessForOrganization');
  return withToken({ EnabledServicePrincipals: p.items }, p.nextToken);
};

export const moveAccount: Operation = (input, { state }) => {
  checkInput(input, { AccountId: FIELDS.AccountId, SourceParentId: FIELDS.ParentId, DestinationParentId: FIELDS.ParentId });
  const org = state.organization;
  const accountId = input.AccountId as string;
  const source = input.SourceParentId as string;
  const destination = input.DestinationParentId as string;
  asOrganizations(() => org.requireAccount(accountId));
  if (!org.isParent(source)) throw new OrganizationsNotFoundException('SOURCE_PARENT');
  if (!org.isParent(destination)) throw new OrganizationsNotFoundException('DESTINATION_PARENT');
  asOrganizations(() => org.moveAccount(accountId, destination, source));
  return {};
};
