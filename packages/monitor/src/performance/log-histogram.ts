import { invalidParameter } from "@cairn/core";

/**
 * A quantile sketch with relative accuracy α on non-negative values, DDSketch's logarithmic mapping
 * over a dense JSON array: bin i holds (γ^(i−1), γ^i] with γ = (1+α)/(1−α), and its midpoint
 * 2γ^i/(1+γ) is within α of every value in it. Two sketches with the same α merge bin by bin, exactly.
 * Kept as plain numbers (not DDSketch's protobuf) so that adding a value costs a log and an increment.
 */
export interface LogHistogram {
  relative_accuracy: number;
  /** Values below MIN_POSITIVE (zeros, in practice). */
  zero_count: number;
  /** Bin index of counts[0]. */
  offset: number;
  counts: number[];
  count: number;
  /** Exact extremes (quantiles are clamped to them); 0 while count is 0. */
  min: number;
  max: number;
}

/** The accuracy of latency sketches: DDSketch's default, 1%. */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;
/** Smaller values count as zero: it bounds the bins a sketch can need (about 2,100 between 1e−6 and 1e12 at 1%). */
const MIN_POSITIVE = 1e-6;

/** An empty sketch. */
export function emptyLogHistogram(relativeAccuracy = DEFAULT_RELATIVE_ACCURACY): LogHistogram {
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw invalidParameter(`Invalid relative accuracy ${relativeAccuracy}: it must be between 0 and 1 (exclusive).`);
  return { relative_accuracy: relativeAccuracy, zero_count: 0, offset: 0, counts: [], count: 0, min: 0, max: 0 };
}

function logGamma(relativeAccuracy: number): number {
  return Math.log((1 + relativeAccuracy) / (1 - relativeAccuracy));
}

/** Makes room for bin index (prepending or appending zero bins). */
function reserve(h: LogHistogram, index: number): void {
  if (h.counts.length === 0) {
    h.offset = index;
    h.counts.push(0);
    return;
  }
  if (index < h.offset) {
    const grow = h.offset - index;
    h.counts = new Array<number>(grow).fill(0).concat(h.counts);
    h.offset = index;
  }
  while (index >= h.offset + h.counts.length) h.counts.push(0);
}

/** Adds one value in place (weight 1); throws for negative or non-finite values. */
export function addLogHistogram(h: LogHistogram, value: number): void {
  if (!(value >= 0) || value === Infinity) throw invalidParameter(`Invalid value ${value}: the sketch holds finite numbers >= 0 (a latency in ms, say).`);
  if (h.count === 0) {
    h.min = value;
    h.max = value;
  } else {
    if (value < h.min) h.min = value;
    if (value > h.max) h.max = value;
  }
  h.count += 1;
  if (value < MIN_POSITIVE) {
    h.zero_count += 1;
    return;
  }
  const index = Math.ceil(Math.log(value) / logGamma(h.relative_accuracy));
  reserve(h, index);
  h.counts[index - h.offset]! += 1;
}

/** The sketch of both value sets; throws when the accuracies differ (their bins do not line up). */
export function mergeLogHistograms(a: LogHistogram, b: LogHistogram): LogHistogram {
  if (a.relative_accuracy !== b.relative_accuracy) {
    throw invalidParameter(`Cannot merge sketches of relative accuracy ${a.relative_accuracy} and ${b.relative_accuracy}.`);
  }
  if (a.count === 0) return { ...b, counts: b.counts.slice() };
  if (b.count === 0) return { ...a, counts: a.counts.slice() };
  const out: LogHistogram = { ...a, counts: a.counts.slice() };
  out.zero_count += b.zero_count;
  out.count += b.count;
  out.min = Math.min(a.min, b.min);
  out.max = Math.max(a.max, b.max);
  if (b.counts.length > 0) {
    reserve(out, b.offset);
    reserve(out, b.offset + b.counts.length - 1);
    for (let i = 0; i < b.counts.length; i++) out.counts[b.offset + i - out.offset]! += b.counts[i]!;
  }
  return out;
}

/** The q-quantile (0 ≤ q ≤ 1) with DDSketch's rank rule (rank q·(count−1)); null when empty. */
export function logHistogramQuantile(h: LogHistogram, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw invalidParameter(`Invalid quantile ${q}: it must be between 0 and 1, e.g. 0.99 for p99.`);
  if (h.count === 0) return null;
  const rank = q * (h.count - 1);
  if (rank < h.zero_count) return Math.max(h.min, 0);
  let seen = h.zero_count;
  const lg = logGamma(h.relative_accuracy);
  for (let i = 0; i < h.counts.length; i++) {
    seen += h.counts[i]!;
    if (seen > rank) {
      const gamma = Math.exp(lg);
      const value = (2 * Math.exp((h.offset + i) * lg)) / (1 + gamma);
      return Math.min(Math.max(value, h.min), h.max);
    }
  }
  return h.max;
}
