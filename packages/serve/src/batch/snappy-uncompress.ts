// A snappy block decoder (format: google/snappy format_description.txt). hyparquet ships one that
// copies byte by byte. On float feature pages snappy alternates ~4-byte literals (the random
// mantissa bits) with ~4-byte copies (sign and exponent), so the cost is per element: away from
// the block's ends this copies in 32-bit words through DataViews, overshooting into bytes the
// next element overwrites (as the C++ decoder does), which measured ~1.6x faster than
// hyparquet's on such pages (bench/batch.ts, where snappy was half the scoring time).
const LONG_RUN = 32;
/** Room the word-wise paths may overshoot by: a 16-byte literal or an 8-byte copy, with margin. */
const SLACK_IN = 24;
const SLACK_OUT = 80;

/** Decompresses one snappy block into output, which must be exactly the uncompressed size. */
export function snappyUncompress(input: Uint8Array, output: Uint8Array): void {
  const n = input.length;
  const size = output.length;
  const src = new DataView(input.buffer, input.byteOffset, n);
  const dst = new DataView(output.buffer, output.byteOffset, size);
  const safeIn = n - SLACK_IN;
  const safeOut = size - SLACK_OUT;
  let pos = 0;
  let expected = 0;
  let scale = 1;
  for (;;) {
    if (pos >= n) throw new Error("snappy: truncated length preamble");
    const b = input[pos++]!;
    expected += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 128) break;
  }
  if (expected !== size) throw new Error(`snappy: block holds ${expected} bytes, the page header says ${size}`);
  let out = 0;
  while (pos < n) {
    const tag = input[pos++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >>> 2) + 1;
      if (len <= 16 && pos < safeIn && out < safeOut) {
        dst.setUint32(out, src.getUint32(pos, true), true);
        if (len > 4) {
          dst.setUint32(out + 4, src.getUint32(pos + 4, true), true);
          if (len > 8) {
            dst.setUint32(out + 8, src.getUint32(pos + 8, true), true);
            dst.setUint32(out + 12, src.getUint32(pos + 12, true), true);
          }
        }
        pos += len;
        out += len;
        continue;
      }
      if (len > 60) {
        const bytes = len - 60;
        if (pos + bytes > n) throw new Error("snappy: truncated literal length");
        len = input[pos]!;
        if (bytes > 1) len |= input[pos + 1]! << 8;
        if (bytes > 2) len |= input[pos + 2]! << 16;
        if (bytes > 3) len += input[pos + 3]! * 16777216;
        len += 1;
        pos += bytes;
      }
      if (pos + len > n || out + len > size) throw new Error("snappy: literal runs past the end of the block");
      if (len >= LONG_RUN) output.set(input.subarray(pos, pos + len), out);
      else for (let k = 0; k < len; k++) output[out + k] = input[pos + k]!;
      pos += len;
      out += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (pos >= n) throw new Error("snappy: truncated copy");
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[pos++]!;
    } else if (kind === 2) {
      if (pos + 2 > n) throw new Error("snappy: truncated copy");
      len = (tag >>> 2) + 1;
      offset = input[pos]! | (input[pos + 1]! << 8);
      pos += 2;
    } else {
      if (pos + 4 > n) throw new Error("snappy: truncated copy");
      len = (tag >>> 2) + 1;
      offset = (input[pos]! | (input[pos + 1]! << 8) | (input[pos + 2]! << 16)) + input[pos + 3]! * 16777216;
      pos += 4;
    }
    if (offset === 0 || offset > out || out + len > size) throw new Error("snappy: copy refers outside the block");
    const from = out - offset;
    // Every word read ends at or before the word being written, so it only sees final bytes;
    // a closer copy (offset < 4) repeats a short pattern and must go byte by byte.
    if (offset >= 8 && out < safeOut) {
      dst.setUint32(out, dst.getUint32(from, true), true);
      dst.setUint32(out + 4, dst.getUint32(from + 4, true), true);
      for (let k = 8; k < len; k += 4) dst.setUint32(out + k, dst.getUint32(from + k, true), true);
    } else if (offset >= len && len >= LONG_RUN) {
      output.copyWithin(out, from, from + len);
    } else if (offset >= 4 && out + len + 3 <= size) {
      for (let k = 0; k < len; k += 4) dst.setUint32(out + k, dst.getUint32(from + k, true), true);
    } else {
      for (let k = 0; k < len; k++) output[out + k] = output[from + k]!;
    }
    out += len;
  }
  if (out !== size) throw new Error(`snappy: block ended after ${out} of ${size} bytes`);
}
