import { invalidParameter } from "@cairn/core";

/** A mergeable summary of labeled regression outcomes. */
export interface RegressionStats {
  n: number;
  sum_abs_err: number;
  sum_sq_err: number;
  sum_y: number;
  sum_y2: number;
  /** Welford mean and M2 of the labels: R²'s denominator from these does not cancel catastrophically for large y. */
  y_mean: number;
  y_m2: number;
}

/** Realised regression figures; null where undefined. */
export interface RegressionMetrics {
  mae: number | null;
  rmse: number | null;
  /** Null when n = 0 or the labels are constant (R² is undefined there; sklearn would report 0 or 1). */
  r2: number | null;
  n: number;
}

/** A regression summary of no rows. */
export function emptyRegression(): RegressionStats {
  return { n: 0, sum_abs_err: 0, sum_sq_err: 0, sum_y: 0, sum_y2: 0, y_mean: 0, y_m2: 0 };
}

/** Adds one labeled outcome in place. */
export function addRegression(acc: RegressionStats, actual: number, predicted: number): void {
  if (!Number.isFinite(actual) || !Number.isFinite(predicted)) {
    throw invalidParameter(`Invalid regression outcome (actual ${actual}, predicted ${predicted}): both must be finite numbers.`);
  }
  const err = actual - predicted;
  acc.sum_abs_err += Math.abs(err);
  acc.sum_sq_err += err * err;
  acc.sum_y += actual;
  acc.sum_y2 += actual * actual;
  const n = acc.n + 1;
  const delta = actual - acc.y_mean;
  acc.y_mean += delta / n;
  acc.y_m2 += delta * (actual - acc.y_mean);
  acc.n = n;
}

/** The summary of both row sets. */
export function mergeRegression(a: RegressionStats, b: RegressionStats): RegressionStats {
  const n = a.n + b.n;
  const delta = b.y_mean - a.y_mean;
  return {
    n,
    sum_abs_err: a.sum_abs_err + b.sum_abs_err,
    sum_sq_err: a.sum_sq_err + b.sum_sq_err,
    sum_y: a.sum_y + b.sum_y,
    sum_y2: a.sum_y2 + b.sum_y2,
    y_mean: n === 0 ? 0 : a.y_mean + (delta * b.n) / n,
    y_m2: n === 0 ? 0 : a.y_m2 + b.y_m2 + (delta * delta * a.n * b.n) / n,
  };
}

/** MAE, RMSE and R² = 1 − SS_res/SS_tot of a regression summary. */
export function regressionMetrics(stats: RegressionStats): RegressionMetrics {
  if (stats.n === 0) return { mae: null, rmse: null, r2: null, n: 0 };
  // Constant labels leave M2 at exactly 0: Welford's and Chan's updates see deltas of exactly 0.
  const constant = stats.y_m2 <= 0;
  return {
    mae: stats.sum_abs_err / stats.n,
    rmse: Math.sqrt(stats.sum_sq_err / stats.n),
    r2: constant ? null : 1 - stats.sum_sq_err / stats.y_m2,
    n: stats.n,
  };
}
