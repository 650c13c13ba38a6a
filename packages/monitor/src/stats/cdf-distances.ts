import type { TestResult } from "./types.js";
import { sortedCopy } from "./sorted.js";
import { invalidStatsInput, requireSample } from "./validate.js";

/**
 * ∫|U − V|^p dx between the empirical CDFs of two sorted samples (p = 1 or 2), by one merge walk:
 * between consecutive pooled values both CDFs are constant, as in scipy's _cdf_distance.
 */
function cdfGapIntegral(x: Float64Array, y: Float64Array, power: 1 | 2): number {
  const n = x.length;
  const m = y.length;
  let i = 0;
  let j = 0;
  let total = 0;
  let prev = Math.min(x[0]!, y[0]!);
  while (i < n || j < m) {
    const v = j >= m || (i < n && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    // CDF values on [prev, v) are i/n and j/m (everything strictly below v has been passed).
    const gap = Math.abs(i / n - j / m);
    total += (power === 1 ? gap : gap * gap) * (v - prev);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    prev = v;
  }
  return total;
}

/**
 * Wasserstein-1 (earth mover's) distance between two samples, like scipy.stats.wasserstein_distance:
 * ∫|F_a − F_b| dx in O(n log n). Throws INVALID_PARAMETER_VALUE for an empty sample or a
 * NaN/infinite value; identical samples give 0.
 */
export function wassersteinSamples(a: Float64Array, b: Float64Array): number {
  requireSample("a", a);
  requireSample("b", b);
  return cdfGapIntegral(sortedCopy(a), sortedCopy(b), 1);
}

/**
 * Evidently's "normed" Wasserstein: W1(ref, cur) / max(std(ref), 0.001) with the population
 * standard deviation (numpy's default), so a constant reference divides by 0.001, not 0.
 */
export function normedWasserstein(reference: Float64Array, current: Float64Array): TestResult {
  const w = wassersteinSamples(reference, current);
  let mean = 0;
  for (let i = 0; i < reference.length; i++) mean += reference[i]!;
  mean /= reference.length;
  let ss = 0;
  for (let i = 0; i < reference.length; i++) ss += (reference[i]! - mean) ** 2;
  return { statistic: w / Math.max(Math.sqrt(ss / reference.length), 0.001) };
}

/**
 * Energy distance, like scipy.stats.energy_distance: √2 · (∫(F_a − F_b)² dx)^½, in O(n log n).
 * A distance, so p_value is undefined. Throws INVALID_PARAMETER_VALUE for an empty sample or a
 * NaN/infinite value; identical samples give 0.
 */
export function energyDistance(a: Float64Array, b: Float64Array): TestResult {
  requireSample("a", a);
  requireSample("b", b);
  return { statistic: Math.SQRT2 * Math.sqrt(cdfGapIntegral(sortedCopy(a), sortedCopy(b), 2)) };
}

/**
 * W1 = ∫₀¹|F⁻¹_P(u) − F⁻¹_Q(u)| du from the two quantile functions evaluated at the same m midpoints
 * u_i = (i + ½)/m: the midpoint rule, mean_i |q_P(u_i) − q_Q(u_i)|. Exact for a pure shift; it
 * misses the tails beyond u < 1/(2m) and u > 1 − 1/(2m), which matters for scale changes of
 * heavy-tailed data. On 1e5-sample normals the tests saw relative errors of 1.4e-4 (shift 0.5σ),
 * 1.1e-3 (scale ×2) and 2.0e-3 (shift 0.05σ) with 256 points, and 0.8e-4, 3.0e-4, 4.9e-4 with 1024.
 * Throws on mismatched lengths, empty input or non-finite quantiles.
 */
export function wassersteinFromQuantiles(refQuantiles: ArrayLike<number>, curQuantiles: ArrayLike<number>): number {
  if (refQuantiles.length !== curQuantiles.length) {
    throw invalidStatsInput(
      `quantiles must be evaluated at the same points: got ${refQuantiles.length} and ${curQuantiles.length} values`,
    );
  }
  if (refQuantiles.length === 0) throw invalidStatsInput("at least one quantile is needed");
  let total = 0;
  for (let i = 0; i < refQuantiles.length; i++) {
    const d = refQuantiles[i]! - curQuantiles[i]!;
    if (!Number.isFinite(d)) {
      throw invalidStatsInput(`quantile ${i} is not finite (${refQuantiles[i]} vs ${curQuantiles[i]})`);
    }
    total += Math.abs(d);
  }
  return total / refQuantiles.length;
}
