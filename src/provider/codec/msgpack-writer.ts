import { encodeUtf8 } from './utf8';

/**
 * A minimal msgpack writer that chooses the same (most compact) headers as go-cty's encoder,
 * so values we re-encode are byte-identical to what Terraform sent. @msgpack/msgpack cannot be
 * used here: it drops `Map` entries and writes bigint always as 64-bit.
 */
export class MsgpackWriter {
  private buf = Buffer.allocUnsafe(256);
  private len = 0;

  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  private raw(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  private u8(tag: number, n: number): void {
    this.byte(tag);
    this.byte(n);
  }

  private u16(tag: number, n: number): void {
    this.ensure(3);
    this.buf[this.len++] = tag;
    this.buf.writeUInt16BE(n, this.len);
    this.len += 2;
  }

  private u32(tag: number, n: number): void {
    this.ensure(5);
    this.buf[this.len++] = tag;
    this.buf.writeUInt32BE(n, this.len);
    this.len += 4;
  }

  nil(): void {
    this.byte(0xc0);
  }

  bool(b: boolean): void {
    this.byte(b ? 0xc3 : 0xc2);
  }

  int(n: number | bigint): void {
    const v = BigInt(n);
    if (v >= 0n) {
      if (v <= 0x7fn) return this.byte(Number(v));
      if (v <= 0xffn) return this.u8(0xcc, Number(v));
      if (v <= 0xffffn) return this.u16(0xcd, Number(v));
      if (v <= 0xffffffffn) return this.u32(0xce, Number(v));
      if (v > 0xffffffffffffffffn) throw new RangeError(`integer ${v} does not fit 64 bits`);
      this.ensure(9);
      this.buf[this.len++] = 0xcf;
      this.buf.writeBigUInt64BE(v, this.len);
      this.len += 8;
      return;
    }
    if (v >= -32n) return this.byte(Number(v) & 0xff);
    if (v >= -0x80n) return this.u8(0xd0, Number(v) & 0xff);
    if (v >= -0x8000n) {
      this.ensure(3);
      this.buf[this.len++] = 0xd1;
      this.buf.writeInt16BE(Number(v), this.len);
      this.len += 2;
      return;
    }
    if (v >= -0x80000000n) {
      this.ensure(5);
      this.buf[this.len++] = 0xd2;
      this.buf.writeInt32BE(Number(v), this.len);
      this.len += 4;
      return;
    }
    if (v < -0x8000000000000000n) throw new RangeError(`integer ${v} does not fit 64 bits`);
    this.ensure(9);
    this.buf[this.len++] = 0xd3;
    this.buf.writeBigInt64BE(v, this.len);
    this.len += 8;
  }

  float64(n: number): void {
    this.ensure(9);
    this.buf[this.len++] = 0xcb;
    this.buf.writeDoubleBE(n, this.len);
    this.len += 8;
  }

  str(s: string): void {
    const data = encodeUtf8(s);
    const n = data.length;
    if (n < 32) this.byte(0xa0 | n);
    else if (n <= 0xff) this.u8(0xd9, n);
    else if (n <= 0xffff) this.u16(0xda, n);
    else this.u32(0xdb, n);
    this.raw(data);
  }

  bin(data: Uint8Array): void {
    const n = data.length;
    if (n <= 0xff) this.u8(0xc4, n);
    else if (n <= 0xffff) this.u16(0xc5, n);
    else this.u32(0xc6, n);
    this.raw(data);
  }

  arrayHeader(n: number): void {
    if (n < 16) this.byte(0x90 | n);
    else if (n <= 0xffff) this.u16(0xdc, n);
    else this.u32(0xdd, n);
  }

  mapHeader(n: number): void {
    if (n < 16) this.byte(0x80 | n);
    else if (n <= 0xffff) this.u16(0xde, n);
    else this.u32(0xdf, n);
  }

  ext(type: number, data: Uint8Array): void {
    const n = data.length;
    const fixed: Record<number, number> = { 1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8 };
    if (fixed[n] !== undefined) this.byte(fixed[n]);
    else if (n <= 0xff) this.u8(0xc7, n);
    else if (n <= 0xffff) this.u16(0xc8, n);
    else this.u32(0xc9, n);
    this.byte(type & 0xff);
    this.raw(data);
  }
}
