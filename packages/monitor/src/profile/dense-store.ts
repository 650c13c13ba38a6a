/**
 * The bin store of a DDSketch: counts for a contiguous range of integer keys in a Float64Array.
 * At most MAX_BINS keys are kept; beyond that the lowest keys (the magnitudes closest to zero)
 * collapse into the lowest kept bin, like sketches-js' CollapsingLowestDenseStore. 2048 bins
 * cover a magnitude ratio of about 6e17 at 1 % accuracy, so real features never collapse.
 */

/** Keys kept per store before the lowest collapse. */
export const MAX_BINS = 2048;
const CHUNK = 128;

/** Counts per key over [minKey, maxKey]; bins outside that range are zero. */
export class DenseStore {
  /** bins[i] counts key offset + i. */
  bins: Float64Array;
  offset: number;
  minKey: number;
  maxKey: number;
  count: number;

  /** An empty store, or one over given bins (taken as is). */
  constructor(bins?: Float64Array, offset = 0, minKey = Infinity, maxKey = -Infinity, count = 0) {
    this.bins = bins ?? new Float64Array(0);
    this.offset = offset;
    this.minKey = minKey;
    this.maxKey = maxKey;
    this.count = count;
  }

  /** Adds weight to key (to the lowest kept key when key lies below a collapsed range). */
  add(key: number, weight = 1): void {
    if (key < this.minKey || key > this.maxKey) {
      this.extend(key, key);
      if (key < this.minKey) key = this.minKey;
    }
    this.bins[key - this.offset]! += weight;
    this.count += weight;
  }

  /** Widens the kept range to [low, high] (collapsing the lowest keys past MAX_BINS). */
  extend(low: number, high: number): void {
    let newMin = Math.min(low, this.minKey);
    const newMax = Math.max(high, this.maxKey);
    if (newMax - newMin + 1 > MAX_BINS) newMin = newMax - MAX_BINS + 1;
    const length = this.bins.length;
    if (newMin < this.offset || newMax >= this.offset + length) {
      const span = newMax - newMin + 1;
      const newLength = Math.min(Math.ceil((span + CHUNK) / CHUNK) * CHUNK, MAX_BINS + CHUNK);
      const newOffset = newMin - Math.floor((newLength - span) / 2);
      const bins = new Float64Array(newLength);
      if (this.count > 0) this.moveInto(bins, newOffset, newMin);
      this.bins = bins;
      this.offset = newOffset;
    } else if (this.count > 0 && newMin > this.minKey) {
      this.collapseBelow(newMin);
    }
    this.minKey = newMin;
    this.maxKey = newMax;
  }

  /** Copies the current bins into a new array, folding keys below floorKey into floorKey. */
  private moveInto(bins: Float64Array, newOffset: number, floorKey: number): void {
    let collapsed = 0;
    for (let key = this.minKey; key <= this.maxKey; key++) {
      const c = this.bins[key - this.offset]!;
      if (key < floorKey) collapsed += c;
      else bins[key - newOffset] = c;
    }
    bins[floorKey - newOffset]! += collapsed;
  }

  /** Folds keys below floorKey into floorKey, in place. */
  private collapseBelow(floorKey: number): void {
    let collapsed = 0;
    for (let key = this.minKey; key < floorKey; key++) {
      collapsed += this.bins[key - this.offset]!;
      this.bins[key - this.offset] = 0;
    }
    this.bins[floorKey - this.offset]! += collapsed;
  }

  /** Adds other's counts into this store. */
  mergeFrom(other: DenseStore): void {
    if (other.count === 0) return;
    this.extend(other.minKey, other.maxKey);
    const floorKey = this.minKey;
    const src = other.bins;
    const dst = this.bins;
    let key = other.minKey;
    let collapsed = 0;
    for (; key < floorKey && key <= other.maxKey; key++) collapsed += src[key - other.offset]!;
    if (collapsed !== 0) dst[floorKey - this.offset]! += collapsed;
    const shift = other.offset - this.offset;
    const end = other.maxKey - other.offset;
    for (let i = key - other.offset; i <= end; i++) dst[i + shift]! += src[i]!;
    this.count += other.count;
  }

  /** An independent copy holding only the used range. */
  clone(): DenseStore {
    if (this.count === 0) return new DenseStore();
    return new DenseStore(this.usedBins().slice(), this.minKey, this.minKey, this.maxKey, this.count);
  }

  /** A view of the bins of [minKey, maxKey] (empty when the store is). */
  usedBins(): Float64Array {
    if (this.count === 0) return new Float64Array(0);
    return this.bins.subarray(this.minKey - this.offset, this.maxKey - this.offset + 1);
  }

  /**
   * The key holding the given rank: with lower, the first key whose running count exceeds rank;
   * otherwise the first whose running count reaches rank + 1 (sketches-js' keyAtRank).
   */
  keyAtRank(rank: number, lower: boolean): number {
    let running = 0;
    for (let key = this.minKey; key <= this.maxKey; key++) {
      running += this.bins[key - this.offset]!;
      if (lower ? running > rank : running >= rank + 1) return key;
    }
    return this.maxKey;
  }

  /** Sum of counts of keys strictly below key. */
  countBelow(key: number): number {
    let total = 0;
    const end = Math.min(key, this.maxKey + 1);
    for (let k = this.minKey; k < end; k++) total += this.bins[k - this.offset]!;
    return total;
  }

  /** Count of one key (0 outside the kept range). */
  countAt(key: number): number {
    if (key < this.minKey || key > this.maxKey) return 0;
    return this.bins[key - this.offset]!;
  }
}
