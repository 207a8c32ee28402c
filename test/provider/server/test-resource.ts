import { isUnknown, UNKNOWN, type ObjectValue } from '../../../src/provider/codec/values';
import { requireScim } from '../../../src/provider/config';
import { DiagnosticError, error } from '../../../src/provider/framework/diagnostics';
import { PartialStateError } from '../../../src/provider/framework/partial-state';
import type { DataSourceType, ResourceType } from '../../../src/provider/framework/resource';

/** A test-only resource type over an in-memory "remote" store, exercising the framework. */
export interface Remote {
  objects: Map<string, ObjectValue>;
  seq: number;
  /** Makes the next create return a wrong `name` (to test the plan-honoured check). */
  misbehave?: boolean;
  /**
   * Makes the next create store the object remotely, then fail with a partial state: `partial`
   * returns it with unknowns and a name the plan did not have; `broken` with a value of the wrong type.
   */
  failAfterCreate?: 'partial' | 'broken';
}

export function testResource(remote: Remote): ResourceType {
  const now = () => `t${++remote.seq}`;
  return {
    typeName: 'idemeum_test_group',
    schema: {
      version: 1,
      attributes: {
        id: { type: 'string', computed: true },
        name: { type: 'string', required: true },
        kind: { type: 'string', optional: true, computed: true, default: 'static', requiresReplace: true },
        members: { type: ['set', 'string'], optional: true },
        member_count: { type: 'number', computed: true, unknownOnUpdate: true },
        updated_at: { type: 'string', computed: true, unknownOnUpdate: true },
        secret: { type: 'string', optional: true, sensitive: true },
        labels: { type: ['map', 'string'], optional: true },
        settings: { nested: { nesting: 'single', attributes: { color: { type: 'string', optional: true } } }, optional: true },
      },
    },
    validate({ config }) {
      if (typeof config.name === 'string' && config.name.trim() === '') {
        return [error('Invalid name', 'name must not be empty; set it to the group name shown in AWS', ['name'])];
      }
      return [];
    },
    async create({ planned }, ctx) {
      requireScim(ctx, 'create a test group');
      const id = `g-${++remote.seq}`;
      const members = (planned.members as string[] | null) ?? [];
      const state = { ...planned, id, member_count: members.length, updated_at: now(), ...(remote.misbehave && { name: 'renamed-by-server' }) };
      remote.objects.set(id, state);
      const failure = remote.failAfterCreate;
      remote.failAfterCreate = undefined;
      if (failure) {
        const partial: ObjectValue = failure === 'partial' ? { id, name: 'half-done', member_count: UNKNOWN, labels: { team: UNKNOWN } } : { id, member_count: 'many' };
        throw new PartialStateError(error('Creating test group: members could not be added', `group ${id} exists; the next apply replaces it`, ['members']), partial, Buffer.from('partial'));
      }
      return { state, private: Buffer.from(JSON.stringify({ created: id })) };
    },
    async read({ state }) {
      const found = remote.objects.get(state.id as string);
      return found ? { state: found } : null;
    },
    async update({ planned, prior }) {
      if (planned.name === 'fail') throw new Error(`remote rejected the update with token Bearer abcdefghijklmnop`);
      if (planned.name === 'half-update') {
        // The rename went through remotely, the membership change did not.
        const half = { ...prior, name: planned.name, updated_at: now() };
        remote.objects.set(prior.id as string, half);
        throw new PartialStateError(error('Updating test group: members could not be changed'), half);
      }
      const members = (planned.members as string[] | null) ?? [];
      const state = { ...planned, member_count: members.length, updated_at: isUnknown(planned.updated_at) ? now() : prior.updated_at };
      remote.objects.set(planned.id as string, state);
      return { state };
    },
    async delete({ prior }) {
      remote.objects.delete(prior.id as string);
    },
    async import({ id }) {
      if (!remote.objects.has(id)) throw new DiagnosticError(error('Cannot import', `no group with id ${id} exists`));
      return { state: { id } };
    },
    upgradeState(from, raw) {
      // v0 called the name "display_name".
      if (from === 0) {
        const { display_name, ...rest } = raw;
        return { ...rest, name: display_name };
      }
      return raw;
    },
  };
}

export const testDataSource: DataSourceType = {
  typeName: 'idemeum_test_lookup',
  schema: { attributes: { name: { type: 'string', required: true }, id: { type: 'string', computed: true } } },
  async read({ config }) {
    return { state: { ...config, id: `id-of-${config.name as string}` } };
  },
};
