/**
 * LSD radix sort of doubles: V8's TypedArray#sort takes ~160 ms per million values here, which
 * made a 1,000,000-row × 20-feature reference take seconds just to find its bin edges; six
 * counting passes over the IEEE-754 bits take a fraction of that, and passes whose digit is the
 * same for every value (the low word of integer-valued data) are skipped.
 */

const DIGITS: ReadonlyArray<readonly [word: 0 | 1, shift: number, bits: number]> = [
  [0, 0, 11],
  [0, 11, 11],
  [0, 22, 10],
  [1, 0, 11],
  [1, 11, 11],
  [1, 22, 10],
];

/** Work arrays of a sort; reusing one across many columns spares the collector (see sortFloat64). */
export class SortScratch {
  private words: Uint32Array = new Uint32Array(0);

  /** Four arrays of at least n words (grown when needed). */
  take(n: number): [Uint32Array, Uint32Array, Uint32Array, Uint32Array] {
    if (this.words.length < 4 * n) this.words = new Uint32Array(4 * n);
    const w = this.words;
    return [w.subarray(0, n), w.subarray(n, 2 * n), w.subarray(2 * n, 3 * n), w.subarray(3 * n, 4 * n)];
  }
}

/**
 * Sorts finite doubles (no NaN) ascending, in place; -0 sorts before +0. Pass the same scratch
 * when sorting many columns: fresh megabyte work arrays per column count as external memory and
 * make V8 run full collections over everything else on the heap.
 */
export function sortFloat64(values: Float64Array, scratch: SortScratch = new SortScratch()): void {
  const n = values.length;
  if (n < 512) {
    values.sort();
    return;
  }
  let [hi, lo, hi2, lo2] = scratch.take(n);
  // Map each double to an unsigned 64-bit key whose order is the numeric order: flip the sign bit
  // of positives, every bit of negatives. Keys live as (hi, lo) word pairs.
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1]!;
    const l = words[2 * i]!;
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  // All six digit histograms in one read pass; each later pass only scatters.
  const counts = new Uint32Array(6 * 2048);
  for (let i = 0; i < n; i++) {
    const l = lo[i]!;
    const h = hi[i]!;
    counts[l & 0x7ff]!++;
    counts[2048 + ((l >>> 11) & 0x7ff)]!++;
    counts[4096 + (l >>> 22)]!++;
    counts[6144 + (h & 0x7ff)]!++;
    counts[8192 + ((h >>> 11) & 0x7ff)]!++;
    counts[10240 + (h >>> 22)]!++;
  }
  for (let pass = 0; pass < 6; pass++) {
    const [word, shift, bits] = DIGITS[pass]!;
    const mask = (1 << bits) - 1;
    const key = word === 0 ? lo : hi;
    const base = pass * 2048;
    if (counts[base + ((key[0]! >>> shift) & mask)] === n) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[base + d]!;
      counts[base + d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const pos = counts[base + ((key[i]! >>> shift) & mask)]!++;
      hi2[pos] = hi[i]!;
      lo2[pos] = lo[i]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    const l = lo[i]!;
    if (h & 0x80000000) {
      words[2 * i + 1] = (h & 0x7fffffff) >>> 0;
      words[2 * i] = l;
    } else {
      words[2 * i + 1] = ~h >>> 0;
      words[2 * i] = ~l >>> 0;
    }
  }
}
