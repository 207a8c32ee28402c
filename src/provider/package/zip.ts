import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw);

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, ASCII. */
  readonly name: string;
  readonly data: Buffer;
  /** Unix permission bits, e.g. 0o755 for an executable. */
  readonly mode: number;
}

export class ZipError extends Error {
  override readonly name = 'ZipError';
}

/**
 * The zip's timestamp: SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the
 * zip format's own epoch, so two builds of the same input are the same bytes whatever the clock says.
 */
export function zipTimestamp(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date(Date.UTC(1980, 0, 1));
  if (!/^\d+$/.test(epoch)) throw new ZipError(`SOURCE_DATE_EPOCH "${epoch}" is not a number of seconds since 1970; set it to e.g. $(git log -1 --format=%ct) or unset it`);
  const date = new Date(Number(epoch) * 1000);
  if (date.getUTCFullYear() < 1980 || date.getUTCFullYear() > 2107) throw new ZipError(`SOURCE_DATE_EPOCH ${epoch} is outside what a zip can hold (1980-2107); unset it or use a later time`);
  return date;
}

/** MS-DOS date and time fields (2-second resolution), from UTC so the bytes do not depend on TZ. */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

interface SharedFields {
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly nameLength: number;
}

/** From "compression method" to "file name length", local and central headers are laid out alike. */
function writeSharedFields(header: Buffer, at: number, f: SharedFields): void {
  header.writeUInt16LE(8, at); // deflate
  header.writeUInt16LE(f.time, at + 2);
  header.writeUInt16LE(f.date, at + 4);
  header.writeUInt32LE(f.crc, at + 6);
  header.writeUInt32LE(f.compressedSize, at + 10);
  header.writeUInt32LE(f.size, at + 14);
  header.writeUInt16LE(f.nameLength, at + 18);
}

const VERSION_NEEDED = 20; // 2.0: deflate
const MADE_BY_UNIX = (3 << 8) | VERSION_NEEDED; // host 3 = Unix, so readers (Go's archive/zip) take the mode from the external attributes
const S_IFREG = 0o100000;

/**
 * A zip whose bytes depend only on the entries and the timestamp: entries sorted by name, one fixed
 * time, fixed Unix modes, no extra fields, deflate (zlib's default level 6: level 9 took three times as long for 0.3% less) from node:zlib. Terraform's installer
 * (Go's archive/zip) restores the modes, which keeps the executable bit.
 */
export async function writeZip(entries: readonly ZipEntry[], timestamp: Date): Promise<Buffer> {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    const { name } = sorted[i];
    if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(name) || name.startsWith('/') || name.split('/').includes('..')) throw new ZipError(`zip entry name "${name}" must be a relative ASCII path`);
    if (i > 0 && sorted[i - 1].name === name) throw new ZipError(`zip entry "${name}" appears twice`);
  }
  const { time, date } = dosDateTime(timestamp);
  const compressed = await Promise.all(sorted.map((e) => deflateRawAsync(e.data, { level: 6 })));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  sorted.forEach((entry, i) => {
    const name = Buffer.from(entry.name, 'ascii');
    const body = compressed[i];
    const shared = { time, date, crc: crc32(entry.data), compressedSize: body.length, size: entry.data.length, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(0, 6); // flags: sizes are known up front, no data descriptor
    writeSharedFields(local, 8, shared);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(VERSION_NEEDED, 6);
    central.writeUInt16LE(0, 8);
    writeSharedFields(central, 10, shared);
    central.writeUInt32LE(((S_IFREG | (entry.mode & 0o777)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  });
  const centralDir = Buffer.concat(centrals);
  if (offset + centralDir.length > 0xffffffff) throw new ZipError(`the archive would be ${offset + centralDir.length} bytes; this writer does not write zip64 (4 GiB at most)`);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}
