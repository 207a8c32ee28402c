import { inflateRawSync } from 'node:zlib';

export interface ReadEntry {
  readonly name: string;
  /** Unix mode bits from the external attributes (what Go's archive/zip reads for host 3). */
  readonly mode: number;
  readonly madeBy: number;
  readonly dosTime: number;
  readonly dosDate: number;
  readonly data: Buffer;
}

/** Reads a zip through its central directory, as an installer does (deflate or stored entries). */
export function readZip(zip: Buffer): ReadEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let pos = zip.readUInt32LE(end + 16);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(pos) !== 0x02014b50) throw new Error(`bad central directory entry at ${pos}`);
    const method = zip.readUInt16LE(pos + 10);
    const compressedSize = zip.readUInt32LE(pos + 20);
    const nameLength = zip.readUInt16LE(pos + 28);
    const extraLength = zip.readUInt16LE(pos + 30);
    const commentLength = zip.readUInt16LE(pos + 32);
    const local = zip.readUInt32LE(pos + 42);
    const name = zip.toString('ascii', pos + 46, pos + 46 + nameLength);
    const bodyStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(bodyStart, bodyStart + compressedSize);
    entries.push({
      name,
      mode: (zip.readUInt32LE(pos + 38) >>> 16) & 0o777,
      madeBy: zip.readUInt16LE(pos + 4) >> 8,
      dosTime: zip.readUInt16LE(pos + 12),
      dosDate: zip.readUInt16LE(pos + 14),
      data: method === 8 ? inflateRawSync(body) : Buffer.from(body),
    });
    pos += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
