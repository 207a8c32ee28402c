import type { Operation } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { str, validate } from '../awsjson/validate';
import type { StoredGroup } from '../store';
import { ALTERNATE_IDENTIFIER, alternateIdentifier, FIELDS, FILTERS, notFound, PAGED, requireStore, singleFilter } from './common';
import { inCreationOrder, renderGroup } from './render';
import { GROUP_FILTER_PATHS, GROUP_UNIQUE_PATHS, scimIssuer } from './urn';

export const getGroupId: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, AlternateIdentifier: ALTERNATE_IDENTIFIER });
  requireStore(ctx, input);
  const lookup = alternateIdentifier(input, GROUP_UNIQUE_PATHS);
  const { directory } = ctx.state;
  let group: StoredGroup | undefined;
  if (lookup.by === 'unique') group = directory.findGroupByDisplayName(lookup.value);
  else if (lookup.issuer === scimIssuer(ctx.state)) group = directory.findGroupByExternalId(lookup.id);
  if (!group) throw notFound('GROUP');
  return { GroupId: group.id, IdentityStoreId: ctx.state.identityStoreId };
};

export const describeGroup: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, GroupId: FIELDS.ResourceId });
  requireStore(ctx, input);
  const group = ctx.state.directory.getGroup(str(input, 'GroupId'));
  if (!group) throw notFound('GROUP', str(input, 'GroupId'));
  return renderGroup(ctx.state, group);
};

export const listGroups: Operation = (input, ctx) => {
  validate(input, { IdentityStoreId: FIELDS.IdentityStoreId, Filters: FILTERS, ...PAGED });
  requireStore(ctx, input);
  const filter = singleFilter(input, GROUP_FILTER_PATHS);
  const { directory } = ctx.state;
  const groups = filter
    ? [directory.findGroupByDisplayName(filter.value)].filter((g): g is StoredGroup => g !== undefined)
    : inCreationOrder(ctx.state, directory.groups.values());
  const page = paginate(groups, input, 'ListGroups');
  return withToken({ Groups: page.items.map((g) => renderGroup(ctx.state, g)) }, page.nextToken);
};
