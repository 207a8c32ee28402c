import type { CtyType } from '../../../src/provider/codec/types';
import { UNKNOWN, Typed, type Value } from '../../../src/provider/codec/values';
import { DiagnosticError, error } from '../../../src/provider/framework/diagnostics';
import { PartialStateError, unknownsToNull } from '../../../src/provider/framework/partial-state';

describe('unknownsToNull', () => {
  const obj: CtyType = ['object', { id: 'string', n: 'number', tags: ['set', 'string'], labels: ['map', 'string'], inner: ['object', { a: 'string', b: 'bool' }] }];
  test.each<[string, Value, CtyType, Value]>([
    ['a known primitive stays', 'x', 'string', 'x'],
    ['an unknown primitive becomes null', UNKNOWN, 'number', null],
    ['a set with an unknown element becomes null', ['a', UNKNOWN], ['set', 'string'], null],
    ['a known list stays', ['a', 'b'], ['list', 'string'], ['a', 'b']],
    ['a map with an unknown value becomes null', { k: UNKNOWN }, ['map', 'string'], null],
    ['a tuple keeps its length, unknown positions null', ['a', UNKNOWN], ['tuple', ['string', 'number']], ['a', null]],
    ['a partly unknown dynamic value becomes null', new Typed(['list', 'string'], [UNKNOWN]), 'dynamic', null],
    [
      'an object keeps its attributes, unknown ones null, missing ones null',
      { id: 'g-1', n: UNKNOWN, tags: ['t', UNKNOWN], labels: { a: 'b' }, inner: { a: UNKNOWN } },
      obj,
      { id: 'g-1', n: null, tags: null, labels: { a: 'b' }, inner: { a: null, b: null } },
    ],
  ])('%s', (_name, value, type, expected) => {
    expect(unknownsToNull(value, type)).toEqual(expected);
  });
});

describe('PartialStateError', () => {
  test('is a DiagnosticError carrying the state, the private state and the diagnostics', () => {
    const e = new PartialStateError(error('Creating x: step 2 failed', 'x exists'), { id: 'g-1' }, Buffer.from('p'));
    expect(e).toBeInstanceOf(DiagnosticError);
    expect(e.name).toBe('PartialStateError');
    expect(e.state).toEqual({ id: 'g-1' });
    expect(e.privateState?.toString()).toBe('p');
    expect(e.diagnostics).toEqual([{ severity: 'error', summary: 'Creating x: step 2 failed', detail: 'x exists' }]);
    expect(e.message).toBe('Creating x: step 2 failed: x exists');
  });
});
