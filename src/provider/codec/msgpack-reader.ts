import { decodeUtf8, Utf8Error } from './utf8';

/**
 * A msgpack reader that keeps every string exactly (see utf8.ts): @msgpack/msgpack decodes long
 * strings with TextDecoder, which drops a leading U+FEFF, so SP metadata saved with a byte-order
 * mark came back changed and Terraform reported an invalid plan. Maps keep their keys in wire
 * order as [key, value] pairs, so no key (not even "__proto__") is lost to object semantics.
 */

export class MsgpackMap {
  constructor(readonly entries: [string, unknown][]) {}
}

export class MsgpackExt {
  constructor(
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}

export class MsgpackFormatError extends Error {
  override readonly name = 'MsgpackFormatError';
}

/** Decodes one msgpack value; 64-bit integers come back as bigint, smaller ones as number. */
export function readMsgpack(bytes: Uint8Array): unknown {
  const r = new Reader(bytes);
  const value = r.value();
  if (r.pos !== bytes.length) throw new MsgpackFormatError(`${bytes.length - r.pos} extra bytes after the value`);
  return value;
}

class Reader {
  pos = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number): number {
    if (this.pos + n > this.bytes.length) throw new MsgpackFormatError(`truncated input: ${n} bytes needed at offset ${this.pos}`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  private u8(): number {
    return this.view.getUint8(this.need(1));
  }
  private u16(): number {
    return this.view.getUint16(this.need(2));
  }
  private u32(): number {
    return this.view.getUint32(this.need(4));
  }

  private str(n: number): string {
    const at = this.need(n);
    try {
      return decodeUtf8(this.bytes, at, at + n);
    } catch (err) {
      if (err instanceof Utf8Error) throw new MsgpackFormatError(`string at offset ${at}: ${err.message}`);
      throw err;
    }
  }

  private bin(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }

  private array(n: number): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(this.value());
    return out;
  }

  private map(n: number): MsgpackMap {
    const entries: [string, unknown][] = [];
    for (let i = 0; i < n; i++) {
      const at = this.pos;
      const key = this.value();
      // cty keys are strings; refinement payloads (extension 12) key by small integers.
      if (typeof key !== 'string' && typeof key !== 'number') throw new MsgpackFormatError(`map key at offset ${at} is neither a string nor an integer`);
      entries.push([String(key), this.value()]);
    }
    return new MsgpackMap(entries);
  }

  private ext(n: number): MsgpackExt {
    const type = this.view.getInt8(this.need(1));
    return new MsgpackExt(type, this.bin(n));
  }

  value(): unknown {
    const b = this.u8();
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    if ((b & 0xe0) === 0xa0) return this.str(b & 0x1f);
    if ((b & 0xf0) === 0x90) return this.array(b & 0x0f);
    if ((b & 0xf0) === 0x80) return this.map(b & 0x0f);
    switch (b) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return this.bin(this.u8());
      case 0xc5:
        return this.bin(this.u16());
      case 0xc6:
        return this.bin(this.u32());
      case 0xc7:
        return this.ext(this.u8());
      case 0xc8:
        return this.ext(this.u16());
      case 0xc9:
        return this.ext(this.u32());
      case 0xca:
        return this.view.getFloat32(this.need(4));
      case 0xcb:
        return this.view.getFloat64(this.need(8));
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf:
        return this.view.getBigUint64(this.need(8));
      case 0xd0:
        return this.view.getInt8(this.need(1));
      case 0xd1:
        return this.view.getInt16(this.need(2));
      case 0xd2:
        return this.view.getInt32(this.need(4));
      case 0xd3:
        return this.view.getBigInt64(this.need(8));
      case 0xd4:
        return this.ext(1);
      case 0xd5:
        return this.ext(2);
      case 0xd6:
        return this.ext(4);
      case 0xd7:
        return this.ext(8);
      case 0xd8:
        return this.ext(16);
      case 0xd9:
        return this.str(this.u8());
      case 0xda:
        return this.str(this.u16());
      case 0xdb:
        return this.str(this.u32());
      case 0xdc:
        return this.array(this.u16());
      case 0xdd:
        return this.array(this.u32());
      case 0xde:
        return this.map(this.u16());
      case 0xdf:
        return this.map(this.u32());
    }
    throw new MsgpackFormatError(`unused msgpack type byte 0x${b.toString(16)} at offset ${this.pos - 1}`);
  }
}
