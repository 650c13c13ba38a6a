import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { snappyCompress } from "hyparquet-writer/src/snappy.js";
import { snappyUncompress as referenceUncompress } from "hyparquet/src/snappy.js";
import { snappyUncompress } from "../src/batch/snappy-uncompress.js";
import { prng } from "./fixtures/batch/batch-data.js";

/** Inputs that exercise every element kind: long and short literals, near and far copies, overlapping runs. */
function samples(): Uint8Array[] {
  const random = prng(11);
  const out: Uint8Array[] = [new Uint8Array(0), new Uint8Array([42]), new TextEncoder().encode("abcabcabcabcabcabcabcabcabcabc")];
  const floats = new Float64Array(20_000).map(() => (random() - 0.5) * 4);
  out.push(new Uint8Array(floats.buffer));
  out.push(new Uint8Array(new Float32Array(30_000).map(() => random()).buffer));
  out.push(new Uint8Array(100_000).map(() => Math.floor(random() * 256))); // incompressible: long literals
  out.push(new Uint8Array(70_000).fill(7)); // one byte repeated: overlapping copies at offset 1
  out.push(new Uint8Array(50_000).map((_, i) => [1, 2, 3][i % 3]!)); // offset-3 overlaps
  out.push(new Uint8Array(80_000).map((_, i) => (i % 5000 < 2500 ? i % 251 : Math.floor(random() * 4)))); // mixed
  for (let n = 1; n < 200; n += 7) out.push(new Uint8Array(n).map((_, i) => (i * 31 + n) % (1 + (n % 9)))); // short blocks near both ends
  return out;
}

describe("snappyUncompress", () => {
  it("decodes what hyparquet-writer's compressor writes, byte for byte, like hyparquet's decoder", () => {
    for (const input of samples()) {
      const compressed = snappyCompress(input);
      const ours = new Uint8Array(input.length);
      snappyUncompress(compressed, ours);
      assert.deepEqual(ours, input);
      const theirs = new Uint8Array(input.length);
      referenceUncompress(compressed, theirs);
      assert.deepEqual(ours, theirs);
    }
  });

  it("decodes copies with far offsets and long lengths written by hand", () => {
    // A 70 000-byte literal (3-byte length), then a 64-byte copy from 65 536 back (4-byte offset).
    const literal = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const len = literal.length - 1;
    const block = [...varint(literal.length + 64), (62 << 2) | 0, len & 0xff, (len >> 8) & 0xff, (len >> 16) & 0xff, ...literal, (63 << 2) | 3, 0, 0, 1, 0];
    const out = new Uint8Array(literal.length + 64);
    snappyUncompress(new Uint8Array(block), out);
    assert.deepEqual(out.subarray(0, literal.length), literal);
    assert.deepEqual(out.subarray(literal.length), literal.subarray(literal.length - 65_536, literal.length - 65_536 + 64));
  });

  it("throws on damaged blocks instead of returning garbage", () => {
    const good = snappyCompress(new TextEncoder().encode("hello hello hello hello hello"));
    const size = 29;
    assert.throws(() => snappyUncompress(good, new Uint8Array(size + 1)), /page header says/);
    assert.throws(() => snappyUncompress(good.subarray(0, good.length - 3), new Uint8Array(size)), /snappy/);
    assert.throws(() => snappyUncompress(new Uint8Array([5, (0 << 2) | 1, 9]), new Uint8Array(5)), /outside the block/); // copy before any output
    assert.throws(() => snappyUncompress(new Uint8Array([]), new Uint8Array(0)), /preamble/);
  });
});

function varint(n: number): number[] {
  const bytes: number[] = [];
  while (n >= 128) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return bytes;
}
