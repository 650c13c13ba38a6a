/**
 * Fixed bins from the reference: FINE_BINS equal-mass quantile bins (one bin per distinct value
 * when there are at most FINE_BINS of them), and the equal-mass coarsening PSI and JS use.
 */
import { CairnError } from "@cairn/core";
import { FINE_BINS, type NumericBins } from "./types.js";

/** The smallest double greater than x (x finite). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] = x > 0 ? bits[0]! + 1n : bits[0]! - 1n;
  return buf[0]!;
}

/**
 * Bin edges from the reference values, sorted ascending (finite, no NaN). The last edge is just
 * above the maximum so that every reference value falls inside a bin.
 */
export function binsFromSorted(sorted: Float64Array, fineBins = FINE_BINS): NumericBins {
  const n = sorted.length;
  if (n === 0) return { edges: new Float64Array(0) };
  const edges = new Float64Array(fineBins + 1);
  let m = 0;
  let distinct = 1;
  for (let i = 1; i < n && distinct <= fineBins; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= fineBins) {
    // Few values: each gets its own bin, which makes binned tests exact for discrete features.
    edges[m++] = sorted[0]!;
    for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) edges[m++] = sorted[i]!;
  } else {
    for (let b = 0; b < fineBins; b++) {
      const value = sorted[Math.floor((b * n) / fineBins)]!;
      if (m === 0 || value !== edges[m - 1]) edges[m++] = value;
    }
  }
  edges[m++] = nextUp(sorted[n - 1]!);
  return { edges: edges.slice(0, m) };
}

/** Histogram slot of a value: 0 = underflow, i + 1 = bin i, edges.length = overflow. */
export function binSlot(edges: Float64Array, value: number): number {
  // Upper bound: the number of edges <= value.
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Histogram (with under/overflow slots) of sorted finite values, by binary search per edge. */
export function histogramFromSorted(sorted: Float64Array, edges: Float64Array): Float64Array {
  const histogram = new Float64Array(edges.length + 1);
  let previous = 0;
  for (let e = 0; e < edges.length; e++) {
    const below = lowerBoundIndex(sorted, edges[e]!);
    histogram[e] = below - previous;
    previous = below;
  }
  histogram[edges.length] = sorted.length - previous;
  return histogram;
}

/** Index of the first element >= value in a sorted array. */
function lowerBoundIndex(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges neighbouring fine bins into at most `groups` bins of about equal reference mass
 * (reference defaults to fine itself). Underflow and overflow stay slots of their own, so the
 * result is [underflow, group 1..k, overflow] with k <= groups; a fine bin is never split, and
 * with at most `groups` fine bins each stays its own. An all-zero reference groups equal numbers
 * of fine bins.
 */
export function coarseBins(fine: Float64Array, groups: number, reference: Float64Array = fine): Float64Array {
  if (!Number.isInteger(groups) || groups < 1) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `coarse bin count must be a positive integer, got ${groups}`);
  }
  if (reference.length !== fine.length) {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `histogram has ${fine.length} slots but the reference has ${reference.length}: both must come from the same bins`,
    );
  }
  const interior = fine.length - 2;
  // No more fine bins than groups: nothing to merge (a feature with few values keeps one slot each).
  if (interior <= groups) return fine.slice();
  const ends = groupEnds(reference, interior, groups);
  const out = new Float64Array(ends.length + 2);
  out[0] = fine[0]!;
  let start = 1;
  for (let g = 0; g < ends.length; g++) {
    let sum = 0;
    for (let i = start; i < ends[g]!; i++) sum += fine[i]!;
    out[g + 1] = sum;
    start = ends[g]!;
  }
  out[ends.length + 1] = fine[fine.length - 1]!;
  return out;
}

/** Exclusive end slot of each group over the interior slots 1..interior. */
function groupEnds(reference: Float64Array, interior: number, groups: number): number[] {
  let total = 0;
  for (let i = 1; i <= interior; i++) total += reference[i]!;
  const ends: number[] = [];
  if (total <= 0) {
    const k = Math.min(groups, interior);
    for (let g = 1; g <= k; g++) ends.push(1 + Math.round((g * interior) / k));
    return ends;
  }
  let cumulative = 0;
  let next = 1; // the group whose mass boundary comes next
  const tolerance = 1e-9 * total;
  for (let i = 1; i <= interior; i++) {
    cumulative += reference[i]!;
    // Close the group once the running mass reaches its share; a heavy bin may pass several shares.
    if (next <= groups && cumulative >= (next * total) / groups - tolerance) {
      ends.push(i + 1);
      while (next <= groups && cumulative >= (next * total) / groups - tolerance) next++;
    }
  }
  // Zero-mass bins after the last boundary belong to the last group.
  ends[ends.length - 1] = interior + 1;
  return ends;
}
