import { CodecError, decodeJsonBytes, decodeMsgpackValue, encodeJsonValue, encodeMsgpack } from '../../../src/provider/codec';
import type { CtyType } from '../../../src/provider/codec/types';
import type { Value } from '../../../src/provider/codec/values';
import { FakeCore } from '../../support/fake-core';
import { awsApplication } from '../../../src/provider/resources/aws-application';
import { IDP_ENTITY_ID, IDP_SSO_URL, spMetadata } from '../../saml/fixtures';

/**
 * Golden bytes for strings JavaScript's decoders would change: every one must decode to the
 * exact string and encode back to the exact bytes Terraform (go-cty) sent.
 */
const hex = (b: Buffer) => b.toString('hex');
const utf8Hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const LONG = 'x'.repeat(300);

describe('strings round-trip through the msgpack codec byte for byte', () => {
  test.each<[string, string, string]>([
    ['a short string starting with U+FEFF', '\ufeffA', 'a4 efbbbf 41'],
    // @msgpack/msgpack decodes strings over 200 bytes with TextDecoder, which drops the mark.
    ['a 303-byte string starting with U+FEFF (str16)', `\ufeff${LONG}`, `da012f efbbbf ${utf8Hex(LONG)}`],
    ['a U+FEFF in the middle', `a\ufeffb`, 'a5 61 efbbbf 62'],
    ['NUL characters', 'a\u0000b\u0000', 'a4 61 00 62 00'],
    ['only NUL', '\u0000', 'a1 00'],
    ['a lone high surrogate (3-byte form, as a Go string holds it)', 'x\ud800y', 'a5 78 eda080 79'],
    ['a lone low surrogate', '\udfff', 'a3 edbfbf'],
    ['a lone surrogate in a long string', `${LONG}\udbff`, `da012f ${utf8Hex(LONG)} edafbf`],
    ['an astral character (a proper pair stays 4 bytes)', '😀', 'a4 f09f9880'],
    ['the empty string', '', 'a0'],
  ])('%s', (_name, value, golden) => {
    const bytes = Buffer.from(golden.replace(/ /g, ''), 'hex');
    expect(hex(encodeMsgpack(value, 'string'))).toBe(hex(bytes));
    const decoded = decodeMsgpackValue(bytes, 'string');
    expect(decoded).toBe(value);
    expect(hex(encodeMsgpack(decoded, 'string'))).toBe(hex(bytes));
  });

  test('a 1 MiB string (str32 header, multi-byte characters, a leading U+FEFF) round-trips', () => {
    const value = `\ufeffa${'é'.repeat((1 << 19) - 4)}😀`;
    const bytes = encodeMsgpack(value, 'string');
    const body = Buffer.from(value, 'utf8');
    expect(body.length).toBe(1 << 20);
    expect(hex(bytes.subarray(0, 5))).toBe('db00100000');
    expect(bytes.subarray(5).equals(body)).toBe(true);
    expect(decodeMsgpackValue(bytes, 'string')).toBe(value);
  });

  test('map keys and values inside objects keep their marks', () => {
    const type: CtyType = ['object', { m: ['map', 'string'], s: 'string' }];
    const value: Value = { m: { [`\ufeff${LONG}`]: '\u0000', k: `\ufeff${LONG}` }, s: `\ufeff${LONG}\ud800` };
    const bytes = encodeMsgpack(value, type);
    const decoded = decodeMsgpackValue(bytes, type);
    expect(decoded).toEqual(value);
    expect(encodeMsgpack(decoded, type).equals(bytes)).toBe(true);
  });

  test.each<[string, string, RegExp]>([
    ['a byte that starts no UTF-8 sequence', 'a2 61ff', /invalid UTF-8: unexpected byte 0xff at byte 1/],
    ['a truncated multi-byte sequence', 'a2 61c3', /ends inside a multi-byte sequence/],
    ['an overlong encoding', 'a3 e08080', /overlong/],
    ['a surrogate pair as two 3-byte forms (CESU-8, which cannot come back the same)', 'a6 eda080edb080', /CESU-8/],
  ])('fails when the string is %s, instead of changing it', (_name, golden, message) => {
    const attempt = () => decodeMsgpackValue(Buffer.from(golden.replace(/ /g, ''), 'hex'), 'string');
    expect(attempt).toThrow(CodecError);
    expect(attempt).toThrow(message);
  });
});

describe('strings round-trip through the JSON codec (state files, DynamicValue.json)', () => {
  test.each<[string, string]>([
    ['U+FEFF first', `\ufeff${LONG}`],
    ['NUL', 'a\u0000b'],
    ['a lone surrogate (JSON escapes it as \\ud800)', 'x\ud800'],
    ['1 MiB', 'é'.repeat(1 << 19)],
  ])('%s', (_name, s) => {
    const type: CtyType = ['object', { s: 'string' }];
    const json = JSON.stringify(encodeJsonValue({ s }, type));
    expect(decodeJsonBytes(Buffer.from(json, 'utf8'), type)).toEqual({ s });
    expect(JSON.stringify(encodeJsonValue(decodeJsonBytes(json, type), type))).toBe(json);
  });
});

describe('a value with a byte-order mark through the provider (gRPC, plan rules)', () => {
  test('SP metadata saved with a UTF-8 byte-order mark plans with the exact value, no "invalid plan"', async () => {
    const core = await FakeCore.inProcess({ resources: [awsApplication] });
    try {
      const xml = `\ufeff${spMetadata()}`;
      expect(Buffer.byteLength(xml)).toBeGreaterThan(200);
      const plan = await core.plan('idemeum_aws_application', { prior: null, config: { sp_metadata_xml: xml, entity_id: IDP_ENTITY_ID, sso_url: IDP_SSO_URL } });
      expect(plan.diagnostics).toEqual([]);
      expect(plan.planned?.sp_metadata_xml).toBe(xml);
    } finally {
      await core.shutdown();
    }
  });
});
