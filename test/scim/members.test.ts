import { memberPatchBatches } from '../../src/scim/members';

const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const valuesIn = (ops: { value?: unknown }[]) => ops.reduce((n, op) => n + (op.value as unknown[]).length, 0);

describe('memberPatchBatches', () => {
  test('no changes, no requests', () => {
    expect(memberPatchBatches({})).toEqual([]);
  });

  test('100 adds fit one PATCH; 101 need two', () => {
    expect(memberPatchBatches({ add: ids(100) })).toHaveLength(1);
    const two = memberPatchBatches({ add: ids(101) });
    expect(two.map(valuesIn)).toEqual([100, 1]);
  });

  test('adds and removes share a batch, removes first, never more than 100 values', () => {
    const batches = memberPatchBatches({ add: ids(130, 'a'), remove: ids(90, 'r') });
    expect(batches.map(valuesIn)).toEqual([100, 100, 20]);
    expect(batches[0].map((o) => o.op)).toEqual(['remove', 'add']);
    expect((batches[0][0].value as unknown[]).length).toBe(90);
    for (const batch of batches) for (const op of batch) expect(op.path).toBe('members');
    const added = batches.flatMap((b) => b.filter((o) => o.op === 'add').flatMap((o) => (o.value as { value: string }[]).map((v) => v.value)));
    expect(new Set(added)).toEqual(new Set(ids(130, 'a')));
  });

  test('duplicates are sent once', () => {
    const [batch] = memberPatchBatches({ add: ['u1', 'u1', 'u2'] });
    expect(batch[0].value).toEqual([{ value: 'u1' }, { value: 'u2' }]);
  });
});
