import { CodecError, decodeJsonBytes, decodeMsgpackValue, encodeMsgpack } from '../../../src/provider/codec';
import type { CtyType } from '../../../src/provider/codec/types';
import { BigNumber, Typed, UNKNOWN, Unknown, type Value, valueEquals } from '../../../src/provider/codec/values';

const hex = (b: Buffer) => b.toString('hex');

describe('msgpack codec', () => {
  test.each<[string, CtyType, Value, string]>([
    ['small int', 'number', 2, '02'],
    ['negative int', 'number', -33, 'd0df'],
    ['uint32', 'number', 4_000_000_000, 'ce ee6b2800'],
    ['int64 beyond 2^53 as bigint', 'number', 2n ** 60n, 'cf 1000000000000000'],
    ['float', 'number', 1.5, 'cb 3ff8000000000000'],
    ['decimal no float64 holds', 'number', new BigNumber('0.1000000000000000000001'), 'b8 302e31303030303030303030303030303030303030303031'],
    ['bool', 'bool', true, 'c3'],
    ['null', 'string', null, 'c0'],
    ['unknown', 'string', UNKNOWN, 'd40000'],
    ['list', ['list', 'string'], ['a', 'b'], '92 a161 a162'],
    ['map, keys sorted', ['map', 'number'], { b: 1, a: 2 }, '82 a161 02 a162 01'],
    ['tuple', ['tuple', ['string', 'bool']], ['x', false], '92 a178 c2'],
    ['object, every attribute', ['object', { b: 'string', a: 'number' }], { a: 1 }, '82 a161 01 a162 c0'],
    ['dynamic: [type json, value]', 'dynamic', new Typed('string', 'hi'), '92 c408 22737472696e6722 a26869'],
    ['nested list of objects', ['list', ['object', { n: 'number' }]], [{ n: 1 }], '91 81 a16e 01'],
  ])('%s encodes like go-cty and decodes back', (_name, type, value, expected) => {
    const bytes = encodeMsgpack(value, type);
    expect(hex(bytes)).toBe(expected.replace(/ /g, ''));
    expect(valueEquals(decodeMsgpackValue(bytes, type), value, type)).toBe(true);
  });

  test('sets compare as sets', () => {
    expect(valueEquals(['a', 'b'], ['b', 'a'], ['set', 'string'])).toBe(true);
    expect(valueEquals(['a', 'b'], ['a', 'a'], ['set', 'string'])).toBe(false);
  });

  test('numbers compare by value across representations', () => {
    expect(valueEquals(2, 2n, 'number')).toBe(true);
    expect(valueEquals(new BigNumber('2.50'), 2.5, 'number')).toBe(true);
    expect(valueEquals(1, 2, 'number')).toBe(false);
  });

  test('any extension type decodes as unknown; ext 12 carries refinements', () => {
    expect(decodeMsgpackValue(Buffer.from('d40500', 'hex'), 'string')).toBeInstanceOf(Unknown);
    // {1: false (not null), 5: 2 (length >= 2)}
    const refined = decodeMsgpackValue(Buffer.from('c7050c8201c20502', 'hex'), ['list', 'string']) as Unknown;
    expect(refined.refinements).toEqual({ notNull: true, lengthLower: 2 });
  });

  test('an unknown dynamic value is a plain unknown, a null one plain nil', () => {
    expect(decodeMsgpackValue(Buffer.from('d40000', 'hex'), 'dynamic')).toBeInstanceOf(Unknown);
    expect(decodeMsgpackValue(Buffer.from('c0', 'hex'), 'dynamic')).toBeNull();
  });

  test.each<[string, CtyType, string, RegExp]>([
    ['an attribute is missing', ['object', { a: 'string', b: 'string' }], '81a161a178', /an object with 2 attributes is required \(1 given\)/],
    ['an attribute is not in the schema', ['object', { a: 'string' }], '81a17aa178', /^z: unsupported attribute/],
    ['a string is where a number goes', ['object', { n: 'number' }], '81a16ea3616263', /^n: number required/],
    ['a tuple has the wrong length', ['tuple', ['string']], '92a178a179', /tuple of 1 elements/],
    ['dynamic is not [type, value]', 'dynamic', 'a178', /dynamic value must be/],
  ])('fails when %s', (_name, type, bytes, message) => {
    const attempt = () => decodeMsgpackValue(Buffer.from(bytes, 'hex'), type);
    expect(attempt).toThrow(CodecError);
    expect(attempt).toThrow(message);
  });

  test('fails when encoding a value of the wrong type, naming the attribute', () => {
    expect(() => encodeMsgpack({ n: 'x' }, ['object', { n: 'number' }])).toThrow('n: number required, got string');
  });
});

describe('JSON codec', () => {
  test('decodes dynamic values as {type, value}', () => {
    const v = decodeJsonBytes('{"type":["list","string"],"value":["a"]}', 'dynamic') as Typed;
    expect(v).toBeInstanceOf(Typed);
    expect(v.value).toEqual(['a']);
  });

  test('lenient objects fill attributes added since the state was written and drop removed ones', () => {
    const v = decodeJsonBytes('{"a":"x","gone":1}', ['object', { a: 'string', added: 'bool' }], { lenientObjects: true });
    expect(v).toEqual({ a: 'x', added: null });
  });

  test('fails when a strict object lacks an attribute', () => {
    expect(() => decodeJsonBytes('{"a":"x"}', ['object', { a: 'string', b: 'string' }])).toThrow('b: attribute is required');
  });
});
