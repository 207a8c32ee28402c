import { writeZip, ZipError, zipTimestamp } from '../../../src/provider/package/zip';
import { readZip } from '../../support/zip';

const T = new Date(Date.UTC(2026, 10, 28, 13, 45, 30));
const ENTRIES = [
  { name: 'terraform-provider-idemeum_v0.1.0', data: Buffer.from('#!/usr/bin/env node\nrun()\n'), mode: 0o755 },
  { name: 'provider.js', data: Buffer.from('x'.repeat(10_000)), mode: 0o644 },
  { name: 'empty', data: Buffer.alloc(0), mode: 0o600 },
];

describe('writeZip', () => {
  test('same entries and time give the same bytes, whatever order the entries come in', async () => {
    const a = await writeZip(ENTRIES, T);
    const b = await writeZip([...ENTRIES].reverse(), T);
    expect(a.equals(b)).toBe(true);
  });

  test('entries are sorted, keep their data and Unix modes (host 3), one fixed DOS time', async () => {
    const read = readZip(await writeZip(ENTRIES, T));
    expect(read.map((e) => [e.name, e.mode.toString(8), e.madeBy, e.data.toString()])).toEqual([
      ['empty', '600', 3, ''],
      ['provider.js', '644', 3, 'x'.repeat(10_000)],
      ['terraform-provider-idemeum_v0.1.0', '755', 3, '#!/usr/bin/env node\nrun()\n'],
    ]);
    // 2026-11-28 13:45:30 UTC in MS-DOS fields.
    expect(new Set(read.map((e) => `${e.dosDate}/${e.dosTime}`))).toEqual(new Set([`${((2026 - 1980) << 9) | (11 << 5) | 28}/${(13 << 11) | (45 << 5) | 15}`]));
  });

  test('another time gives other bytes', async () => {
    const a = await writeZip(ENTRIES, T);
    const b = await writeZip(ENTRIES, new Date(T.getTime() + 2000));
    expect(a.equals(b)).toBe(false);
  });

  test.each([
    ['an absolute path', '/etc/passwd'],
    ['a parent reference', 'a/../b'],
    ['a non-ASCII name', 'provïder.js'],
    ['an empty name', ''],
  ])('fails when an entry name is %s', async (_what, name) => {
    await expect(writeZip([{ name, data: Buffer.from('x'), mode: 0o644 }], T)).rejects.toThrow(ZipError);
  });

  test('fails when two entries have the same name', async () => {
    await expect(writeZip([ENTRIES[0], ENTRIES[0]], T)).rejects.toThrow(/appears twice/);
  });
});

describe('zipTimestamp', () => {
  test.each([
    ['unset: the zip epoch', {}, '1980-01-01T00:00:00.000Z'],
    ['empty: the zip epoch', { SOURCE_DATE_EPOCH: '' }, '1980-01-01T00:00:00.000Z'],
    ['SOURCE_DATE_EPOCH', { SOURCE_DATE_EPOCH: '1764337530' }, '2025-11-28T13:45:30.000Z'],
  ])('%s', (_what, env, iso) => {
    expect(zipTimestamp(env).toISOString()).toBe(iso);
  });

  test.each([
    ['not a number', 'yesterday', /not a number of seconds/],
    ['before 1980', '86400', /outside what a zip can hold/],
  ])('fails when SOURCE_DATE_EPOCH is %s', (_what, value, message) => {
    expect(() => zipTimestamp({ SOURCE_DATE_EPOCH: value })).toThrow(message);
  });
});
