/**
 * DDSketch (Masson et al., VLDB 2019) with the logarithmic mapping of @datadog/sketches-js,
 * relative accuracy α = 0.01. Written here rather than used from the package because the package's
 * merge drops the negative store (2.1.1: `merge` only merges positive values) and its JS-array
 * store cannot be encoded as raw bytes; the key mapping is the package's, so both give the same
 * quantiles (the tests check it).
 *
 * Guarantees (n values, sorted x_(0) <= ... <= x_(n-1)):
 * - quantile(q) is within relative error α of x_(⌊q(n-1)⌋) (never outside [min, max]; exact for
 *   q = 0 and q = 1), as long as no store collapsed (a store spans at most 2048 keys, a magnitude ratio of ~6e17).
 * - cdf(x) is approximate: values in the bin holding x (magnitudes within a factor γ = (1+α)/(1-α)
 *   ≈ 1.0202) are split linearly, so F(x/γ) <= cdf(x) <= F(x·γ) for x > 0 (mirrored for x < 0),
 *   where F is the exact empirical CDF.
 * - merge is exact: merging two sketches gives the sketch of the union, bin for bin.
 */
import { DenseStore } from "./dense-store.js";

/** The sketch's relative accuracy α. */
export const SKETCH_RELATIVE_ACCURACY = 0.01;
const GAMMA_MANTISSA = (2 * SKETCH_RELATIVE_ACCURACY) / (1 - SKETCH_RELATIVE_ACCURACY);
/** Bin growth factor γ = (1 + α) / (1 - α). */
export const SKETCH_GAMMA = 1 + GAMMA_MANTISSA;
// sketches-js computes key = ceil(log2(v) * multiplier) with this exact multiplier; same floats, same keys.
const MULTIPLIER = (1 / Math.log1p(GAMMA_MANTISSA)) * Math.LN2;
/** Magnitudes at or below this count as zero (sketches-js' minPossible). */
const MIN_INDEXABLE = Math.pow(2, -1023) * SKETCH_GAMMA;

/** The bin key of a positive magnitude. */
function keyOf(magnitude: number): number {
  return Math.ceil(Math.log2(magnitude) * MULTIPLIER);
}

/** The lower bound of a key's bin: the bin of key k holds magnitudes in (γ^(k-1), γ^k]. */
function lowerBound(key: number): number {
  return Math.pow(2, (key - 1) / MULTIPLIER);
}

/** The value that represents a key's bin (within α of every magnitude in it). */
function representative(key: number): number {
  return Math.pow(2, key / MULTIPLIER) * (2 / (1 + SKETCH_GAMMA));
}

/** A mergeable quantile sketch over finite numbers. */
export class QuantileSketch {
  /** Keys of positive values. */
  readonly positive: DenseStore;
  /** Keys of the magnitudes of negative values. */
  readonly negative: DenseStore;
  zeroCount: number;
  count: number;
  min: number;
  max: number;

  /** An empty sketch, or one over given stores (taken as is). */
  constructor(positive?: DenseStore, negative?: DenseStore, zeroCount = 0, min = Infinity, max = -Infinity) {
    this.positive = positive ?? new DenseStore();
    this.negative = negative ?? new DenseStore();
    this.zeroCount = zeroCount;
    this.count = this.positive.count + this.negative.count + zeroCount;
    this.min = min;
    this.max = max;
  }

  /** Adds one finite value. */
  add(value: number): void {
    if (value > MIN_INDEXABLE) this.positive.add(keyOf(value));
    else if (value < -MIN_INDEXABLE) this.negative.add(keyOf(-value));
    else this.zeroCount++;
    this.count++;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** Folds other into this sketch. */
  mergeFrom(other: QuantileSketch): void {
    if (other.count === 0) return;
    this.positive.mergeFrom(other.positive);
    this.negative.mergeFrom(other.negative);
    this.zeroCount += other.zeroCount;
    this.count += other.count;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /** An independent copy. */
  clone(): QuantileSketch {
    return new QuantileSketch(this.positive.clone(), this.negative.clone(), this.zeroCount, this.min, this.max);
  }

  /** The value at quantile q in [0, 1] (NaN when empty or q is out of range). */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1) || this.count === 0) return NaN;
    // The extremes are known exactly.
    if (q === 0) return this.min;
    if (q === 1) return this.max;
    const rank = q * (this.count - 1);
    const negatives = this.negative.count;
    let value: number;
    if (rank < negatives) {
      value = -representative(this.negative.keyAtRank(negatives - rank - 1, false));
    } else if (rank < negatives + this.zeroCount) {
      value = 0;
    } else {
      value = representative(this.positive.keyAtRank(rank - negatives - this.zeroCount, true));
    }
    return Math.min(this.max, Math.max(this.min, value));
  }

  /** Approximate share of values <= x (see the guarantee above); NaN when empty. */
  cdf(x: number): number {
    if (this.count === 0 || Number.isNaN(x)) return NaN;
    if (x < this.min) return 0;
    if (x >= this.max) return 1;
    const negatives = this.negative.count;
    let below: number;
    if (x > MIN_INDEXABLE) {
      below = negatives + this.zeroCount + this.splitBin(this.positive, x);
    } else if (x < -MIN_INDEXABLE) {
      // Values <= x are the negatives of magnitude >= |x|: everything but the magnitudes below |x|.
      below = negatives - this.splitBin(this.negative, -x);
    } else {
      below = negatives + (x >= 0 ? this.zeroCount : 0);
    }
    return Math.min(1, Math.max(0, below / this.count));
  }

  /** Count of magnitudes below m in a store, splitting m's own bin linearly. */
  private splitBin(store: DenseStore, m: number): number {
    const key = keyOf(m);
    const low = lowerBound(key);
    const high = lowerBound(key + 1);
    const share = Math.min(1, Math.max(0, (m - low) / (high - low)));
    return store.countBelow(key) + store.countAt(key) * share;
  }
}
