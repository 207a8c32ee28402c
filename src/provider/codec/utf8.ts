/**
 * UTF-8 as cty holds it, for byte-exact round trips. cty strings are Go strings: Terraform sends
 * valid UTF-8 (HCL and JSON decoding replace anything else with U+FFFD), but a Go string can also
 * carry a surrogate code point in its 3-byte form (ED A0..BF xx, "WTF-8"). JavaScript's own
 * decoders are lossy for exactly the cases that matter: TextDecoder drops a leading U+FEFF, and
 * both TextDecoder and Buffer turn a surrogate into U+FFFD. So strings are decoded here, and a
 * lone surrogate in a JS string is encoded back to its 3-byte form instead of U+FFFD.
 *
 * What cannot round-trip is refused instead of silently changed: other invalid bytes, and a
 * surrogate pair written as two 3-byte forms (CESU-8), which would come back as one 4-byte form.
 */

export class Utf8Error extends Error {
  override readonly name = 'Utf8Error';
}

function continuation(bytes: Uint8Array, i: number, start: number, end: number): number {
  if (i >= end) throw new Utf8Error(`invalid UTF-8: the string ends inside a multi-byte sequence`);
  if ((bytes[i] & 0xc0) !== 0x80) throw new Utf8Error(`invalid UTF-8: byte ${i - start} should continue a multi-byte sequence`);
  return bytes[i] & 0x3f;
}

/** Decodes bytes[start, end) exactly; throws Utf8Error naming the offset of bytes it cannot keep. */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // Plain ASCII (the common case) needs no work beyond latin1.
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  const units: number[] = [];
  let out = '';
  let previousHigh = false;
  for (let i = start; i < end; ) {
    const b = bytes[i];
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b >= 0xc2 && b <= 0xdf) {
      cp = ((b & 0x1f) << 6) | continuation(bytes, i + 1, start, end);
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      cp = ((b & 0x0f) << 12) | (continuation(bytes, i + 1, start, end) << 6) | continuation(bytes, i + 2, start, end);
      if (cp < 0x800) throw new Utf8Error(`invalid UTF-8: overlong sequence at byte ${i - start}`);
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      cp = ((b & 0x07) << 18) | (continuation(bytes, i + 1, start, end) << 12) | (continuation(bytes, i + 2, start, end) << 6) | continuation(bytes, i + 3, start, end);
      if (cp < 0x10000 || cp > 0x10ffff) throw new Utf8Error(`invalid UTF-8: code point out of range at byte ${i - start}`);
      i += 4;
    } else {
      throw new Utf8Error(`invalid UTF-8: unexpected byte 0x${b.toString(16)} at byte ${i - start}`);
    }
    const isHigh = cp >= 0xd800 && cp <= 0xdbff;
    const isLow = cp >= 0xdc00 && cp <= 0xdfff;
    if (isLow && previousHigh) throw new Utf8Error(`a surrogate pair written as two 3-byte sequences (CESU-8) at byte ${i - 3 - start} cannot be kept exactly`);
    previousHigh = isHigh;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}

/** Encodes a JS string; a lone surrogate becomes its 3-byte form, never U+FFFD. */
export function encodeUtf8(s: string): Buffer {
  if (!/[\ud800-\udfff]/.test(s)) return Buffer.from(s, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = s.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++; // a proper pair: Buffer encodes it
      continue;
    }
    parts.push(Buffer.from(s.slice(from, i), 'utf8'), Buffer.from([0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]));
    from = i + 1;
  }
  parts.push(Buffer.from(s.slice(from), 'utf8'));
  return Buffer.concat(parts);
}
