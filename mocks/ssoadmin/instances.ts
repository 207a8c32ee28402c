import { epochSeconds, JsonObject, Operation, OperationContext } from '../awsjson/handler';
import { paginate, withToken } from '../awsjson/paging';
import { validate } from '../awsjson/validate';
import type { EmulatorState } from '../store';
import { FIELDS, PAGED, requireInstance } from './common';

// The state records no creation time for its instance: the first time it is seen stands in.
const createdAt = new WeakMap<EmulatorState, Date>();

function renderInstance(ctx: OperationContext): JsonObject {
  const { state } = ctx;
  let created = createdAt.get(state);
  if (!created) {
    created = state.clock.now();
    createdAt.set(state, created);
  }
  return {
    InstanceArn: state.instanceArn,
    IdentityStoreId: state.identityStoreId,
    OwnerAccountId: state.options.managementAccountId,
    CreatedDate: epochSeconds(created),
    Status: 'ACTIVE',
  };
}

export const listInstances: Operation = (input, ctx) => {
  validate(input, PAGED);
  const page = paginate([renderInstance(ctx)], input, 'ListInstances');
  return withToken({ Instances: page.items }, page.nextToken);
};

export const describeInstance: Operation = (input, ctx) => {
  validate(input, { InstanceArn: FIELDS.InstanceArn });
  requireInstance(ctx, input);
  return renderInstance(ctx);
};
