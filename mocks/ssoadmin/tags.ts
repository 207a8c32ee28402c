import { ResourceNotFoundException } from '../awsjson/errors';
import type { JsonObject, Operation, OperationContext } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { str, validate } from '../awsjson/validate';
import type { StoredPermissionSet } from '../store';
import { FIELDS, findPermissionSet } from './common';
import { applyTags, renderTags, TAG_LIST } from './tag-shapes';
import { PATTERNS } from './urn';

const RESOURCE = {
  InstanceArn: { ...FIELDS.InstanceArn, required: false },
  ResourceArn: { kind: 'string', required: true, min: 10, max: 2048, pattern: PATTERNS.permissionSetArn },
} as const;

/** Permission sets are the taggable resources; InstanceArn is optional on the tagging calls. */
function taggable(ctx: OperationContext, input: JsonObject): StoredPermissionSet {
  if (input.InstanceArn !== undefined) return findPermissionSet(ctx, input, 'ResourceArn');
  const arn = str(input, 'ResourceArn');
  const found = ctx.state.sso.permissionSets.get(arn);
  if (!found) throw new ResourceNotFoundException(`Could not find resource ${arn}`);
  return found;
}

export const tagResource: Operation = (input, ctx) => {
  validate(input, { ...RESOURCE, Tags: { ...TAG_LIST, required: true } });
  applyTags(taggable(ctx, input).tags, input.Tags);
  return {};
};

export const untagResource: Operation = (input, ctx) => {
  validate(input, {
    ...RESOURCE,
    TagKeys: { kind: 'list', required: true, min: 1, max: 50, item: TAG_LIST.item.fields.Key },
  });
  const { tags } = taggable(ctx, input);
  for (const key of input.TagKeys as string[]) tags.delete(key);
  return {};
};

export const listTagsForResource: Operation = (input, ctx) => {
  validate(input, { ...RESOURCE, NextToken: FIELDS.NextToken });
  const page = paginate(renderTags(taggable(ctx, input).tags), input, 'ListTagsForResource', 50);
  return withToken({ Tags: page.items }, page.nextToken);
};
