/**
 * Two independent 32-bit hashes per value, for HyperLogLog: the first picks the register, the
 * second gives the rank, so the sketch sees 44 useful hash bits and needs no large-range
 * correction. Murmur3's mixing steps; the results land in a caller-owned scratch pair so the hot
 * path allocates nothing.
 */

const SEED_A = 0x9747b28c;
const SEED_B = 0x5bd1e995;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Murmur3's finalizer: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Murmur3's block step for one 32-bit word. */
function mixWord(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Hashes a number's IEEE-754 bits (with -0 folded into 0) into out[0], out[1]. */
export function hashNumber(value: number, out: Uint32Array): void {
  f64[0] = value + 0; // -0 + 0 === +0: the two zeros are one distinct value
  const lo = u32[0]!;
  const hi = u32[1]!;
  out[0] = fmix32(mixWord(mixWord(SEED_A, lo), hi) ^ 8);
  out[1] = fmix32(mixWord(mixWord(SEED_B, lo), hi) ^ 8);
}

/** Hashes a string's UTF-16 code units into out[0], out[1]. */
export function hashString(value: string, out: Uint32Array): void {
  let a = SEED_A;
  let b = SEED_B;
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    a = mixWord(a, c);
    b = mixWord(b, c ^ 0x5a5a0000);
  }
  out[0] = fmix32(a ^ n);
  out[1] = fmix32(b ^ n);
}
