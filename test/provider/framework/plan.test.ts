import { UNKNOWN, Unknown, type ObjectValue } from '../../../src/provider/codec/values';
import { incompatiblePaths } from '../../../src/provider/framework/compat';
import { checkPlanValid, draftPlan, markReplacement } from '../../../src/provider/framework/plan';
import { type BlockSchema, impliedType, validateSchema } from '../../../src/provider/framework/schema';

const schema: BlockSchema = {
  attributes: {
    id: { type: 'string', computed: true },
    name: { type: 'string', required: true, requiresReplace: false },
    kind: { type: 'string', optional: true, requiresReplace: true },
    active: { type: 'bool', optional: true, computed: true, default: true },
    members: { type: ['set', 'string'], optional: true },
    updated_at: { type: 'string', computed: true, unknownOnUpdate: true },
    email: { type: 'string', optional: true, computed: true },
  },
};
const prior: ObjectValue = { id: 'g-1', name: 'a', kind: 'x', active: true, members: ['u1'], updated_at: 't1', email: 'e@x' };
const cfg = (over: ObjectValue): ObjectValue => ({ id: null, name: 'a', kind: 'x', active: null, members: ['u1'], updated_at: null, email: null, ...over });
/** ProposedNew: config, with prior values for unset computed attributes. */
const proposed = (p: ObjectValue | null, c: ObjectValue): ObjectValue =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v === null && schema.attributes[k].computed ? (p?.[k] ?? null) : v]));

describe('plan rules', () => {
  test.each<[string, ObjectValue | null, ObjectValue, ObjectValue, string[][]]>([
    ['create: computed unknown, default applied', null, cfg({}), { id: UNKNOWN, active: true, updated_at: UNKNOWN, email: UNKNOWN }, []],
    ['create: configured optional+computed kept', null, cfg({ email: 'me@x', active: false }), { email: 'me@x', active: false }, []],
    ['update with no change keeps every prior value', prior, cfg({}), { id: 'g-1', updated_at: 't1', email: 'e@x' }, []],
    ['update: unknownOnUpdate becomes unknown, others keep prior', prior, cfg({ name: 'b' }), { id: 'g-1', name: 'b', updated_at: UNKNOWN, email: 'e@x' }, []],
    ['update: set change counts as a change', prior, cfg({ members: ['u1', 'u2'] }), { updated_at: UNKNOWN }, []],
    ['update: set order is not a change', { ...prior, members: ['u1', 'u2'] }, cfg({ members: ['u2', 'u1'] }), { updated_at: 't1' }, []],
    ['replace: requiresReplace path and computed unknown', prior, cfg({ kind: 'y' }), { id: UNKNOWN, kind: 'y', updated_at: UNKNOWN }, [['kind']]],
    ['replace: unknown config value for requiresReplace attribute', prior, cfg({ kind: UNKNOWN }), { kind: UNKNOWN }, [['kind']]],
  ])('%s', (_name, p, c, expected, replace) => {
    const draft = draftPlan(schema, p, proposed(p, c), c, Buffer.from('priv'));
    if (p) markReplacement(schema, draft, c);
    for (const [k, v] of Object.entries(expected)) {
      if (v instanceof Unknown) expect(draft.planned[k]).toBeInstanceOf(Unknown);
      else expect(draft.planned[k]).toEqual(v);
    }
    expect(draft.requiresReplace).toEqual(replace);
    expect(draft.plannedPrivate.toString()).toBe(p ? 'priv' : '');
    expect(checkPlanValid(schema, p, draft.planned, c)).toEqual([]);
  });

  test.each<[string, ObjectValue, string]>([
    ['fails when a configured attribute is planned differently', { ...cfg({}), name: 'other' }, 'name'],
    ['fails when a known value is planned for an unknown config value', cfg({ members: ['u1'] }), 'members'],
  ])('%s', (name, planned, attr) => {
    const config = name.includes('unknown') ? cfg({ members: UNKNOWN }) : cfg({});
    const diags = checkPlanValid(schema, prior, { ...proposed(prior, config), ...planned }, config);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', summary: 'Provider produced invalid plan', path: [attr] });
  });
});

describe('apply result must honour the plan', () => {
  const type = impliedType(schema);
  const planned: ObjectValue = { ...prior, updated_at: UNKNOWN, members: ['u1', UNKNOWN] };
  test.each<[string, ObjectValue, string[][]]>([
    ['unknowns filled in', { ...prior, updated_at: 't2', members: ['u1', 'u9'] }, []],
    ['fails when a known planned value changed', { ...prior, name: 'z', updated_at: 't2', members: ['u1', 'u9'] }, [['name']]],
    ['fails when a known set element vanished', { ...prior, updated_at: 't2', members: ['u9'] }, [['members']]],
  ])('%s', (_name, actual, paths) => {
    expect(incompatiblePaths(planned, actual, type)).toEqual(paths);
  });
});

describe('schema rules (Terraform InternalValidate)', () => {
  test.each<[string, BlockSchema, RegExp | null]>([
    ['a valid schema', schema, null],
    ['fails when no flag is set', { attributes: { a: { type: 'string' } } }, /must set one of required, optional, computed/],
    ['fails when required and computed', { attributes: { a: { type: 'string', required: true, computed: true } } }, /required cannot be combined/],
    ['fails when the name has capitals', { attributes: { Name: { type: 'string', optional: true } } }, /name must match/],
    ['fails when a default is not optional+computed', { attributes: { a: { type: 'string', optional: true, default: 'x' } } }, /default needs optional \+ computed/],
  ])('%s', (_name, s, problem) => {
    const problems = validateSchema(s);
    if (problem) expect(problems.join('\n')).toMatch(problem);
    else expect(problems).toEqual([]);
  });
});
