import type { Operation } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { str, validate } from '../awsjson/validate';
import type { StoredUser } from '../store';
import { ALTERNATE_IDENTIFIER, alternateIdentifier, FIELDS, FILTERS, notFound, PAGED, requireStore, singleFilter } from './common';
import { inCreationOrder, renderUser } from './render';
import { scimIssuer, USER_FILTER_PATHS, USER_UNIQUE_PATHS } from './urn';

export const getUserId: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, AlternateIdentifier: ALTERNATE_IDENTIFIER });
  requireStore(ctx, input);
  const lookup = alternateIdentifier(input, USER_UNIQUE_PATHS);
  const { directory } = ctx.state;
  let user: StoredUser | undefined;
  if (lookup.by === 'externalId') {
    if (lookup.issuer === scimIssuer(ctx.state)) user = directory.findUserByExternalId(lookup.id);
  } else {
    user = lookup.path === 'username' ? directory.findUserByUserName(lookup.value) : directory.findUserByEmail(lookup.value);
  }
  if (!user) throw notFound('USER');
  return { UserId: user.id, IdentityStoreId: ctx.state.identityStoreId };
};

export const describeUser: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, UserId: FIELDS.ResourceId });
  requireStore(ctx, input);
  const user = ctx.state.directory.getUser(str(input, 'UserId'));
  if (!user) throw notFound('USER', str(input, 'UserId'));
  return renderUser(ctx.state, user);
};

export const listUsers: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, Filters: FILTERS, ...PAGED });
  requireStore(ctx, input);
  const filter = singleFilter(input, USER_FILTER_PATHS);
  const { directory } = ctx.state;
  const users = filter
    ? [directory.findUserByUserName(filter.value)].filter((u): u is StoredUser => u !== undefined)
    : inCreationOrder(ctx.state, directory.users.values());
  const page = paginate(users, input, 'ListUsers');
  return withToken({ Users: page.items.map((u) => renderUser(ctx.state, u)) }, page.nextToken);
};
