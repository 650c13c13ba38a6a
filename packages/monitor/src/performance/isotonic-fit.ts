/**
 * Isotonic regression of 0/1 labels on scores by pool-adjacent-violators, on rows already sorted by
 * score. The result follows sklearn's IsotonicRegression: equal scores are pooled first (weighted mean
 * label), and only the end points of each constant stretch are kept as breakpoints.
 */

/** Rows sorted by score, with their label and a fold number for cross-fitting. */
export interface SortedRows {
  x: Float64Array;
  y: Uint8Array;
  fold: Uint8Array;
}

/** Breakpoints of a non-decreasing piecewise-linear map, x strictly increasing. */
export interface Breakpoints {
  x: number[];
  y: number[];
}

/** Scratch arrays reused across the folds of one calibration (allocating them per fit dominated its cost). */
export interface IsotonicWorkspace {
  ux: Float64Array;
  uw: Float64Array;
  uy: Float64Array;
  value: Float64Array;
  weight: Float64Array;
  start: Int32Array;
}

/** Scratch space for fits on up to n rows. */
export function isotonicWorkspace(n: number): IsotonicWorkspace {
  return { ux: new Float64Array(n), uw: new Float64Array(n), uy: new Float64Array(n), value: new Float64Array(n), weight: new Float64Array(n), start: new Int32Array(n) };
}

/** Fits on every row whose fold is not skipFold (−1: all rows); empty breakpoints when no row is left. */
export function fitIsotonic(rows: SortedRows, skipFold: number, work: IsotonicWorkspace = isotonicWorkspace(rows.x.length)): Breakpoints {
  const n = rows.x.length;
  const { ux, uw, uy, value, weight, start } = work;
  // Distinct scores with their weight and label sum.
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (rows.fold[i] === skipFold) continue;
    const xi = rows.x[i]!;
    if (m > 0 && ux[m - 1] === xi) {
      uw[m - 1]! += 1;
      uy[m - 1]! += rows.y[i]!;
    } else {
      ux[m] = xi;
      uw[m] = 1;
      uy[m] = rows.y[i]!;
      m++;
    }
  }
  if (m === 0) return { x: [], y: [] };
  // PAV with a stack of blocks: value, weight and the first distinct point each covers. Equal
  // neighbours are pooled too, so block values end strictly increasing.
  let top = -1;
  for (let j = 0; j < m; j++) {
    top++;
    value[top] = uy[j]! / uw[j]!;
    weight[top] = uw[j]!;
    start[top] = j;
    while (top > 0 && value[top - 1]! >= value[top]!) {
      const w = weight[top - 1]! + weight[top]!;
      value[top - 1] = (value[top - 1]! * weight[top - 1]! + value[top]! * weight[top]!) / w;
      weight[top - 1] = w;
      top--;
    }
  }
  // sklearn keeps a point when it differs from either neighbour: the two ends of every block.
  const x: number[] = [];
  const y: number[] = [];
  for (let b = 0; b <= top; b++) {
    const first = start[b]!;
    const last = (b < top ? start[b + 1]! : m) - 1;
    x.push(ux[first]!);
    y.push(value[b]!);
    if (last > first) {
      x.push(ux[last]!);
      y.push(value[b]!);
    }
  }
  return { x, y };
}

/** Linear interpolation between breakpoints, clipped to the end values outside them. */
export function interpolate(points: Breakpoints, score: number): number {
  const xs = points.x;
  const last = xs.length - 1;
  if (score <= xs[0]!) return points.y[0]!;
  if (score >= xs[last]!) return points.y[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= score) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo]!;
  const y0 = points.y[lo]!;
  return y0 + ((points.y[hi]! - y0) * (score - x0)) / (xs[hi]! - x0);
}
