/** Figures a report reads off profiles. */
import type { FeatureProfile, NumericProfile } from "./types.js";

/**
 * The value at quantile q in [0, 1], from the sketch: within relative error 0.01 of the exact
 * order statistic x_(⌊q(n-1)⌋), clamped to [min, max]; NaN for an empty profile.
 */
export function quantile(p: NumericProfile, q: number): number {
  const v = p.sketch.quantile(q);
  return Number.isNaN(v) ? v : Math.min(p.max, Math.max(p.min, v));
}

/** Sample variance m2 / (count - 1); NaN below two values. */
export function variance(p: NumericProfile): number {
  return p.count < 2 ? NaN : p.m2 / (p.count - 1);
}

/** missing / (count + missing + invalid); 0 for a profile that saw nothing. */
export function missingRate(p: FeatureProfile): number {
  const total = p.count + p.missing + p.invalid;
  return total === 0 ? 0 : p.missing / total;
}

/** Histogram slots as shares of the binned values (all zero when nothing was binned). */
export function histogramShares(p: NumericProfile): Float64Array {
  const h = p.histogram;
  let total = 0;
  for (let i = 0; i < h.length; i++) total += h[i]!;
  const out = new Float64Array(h.length);
  if (total > 0) for (let i = 0; i < h.length; i++) out[i] = h[i]! / total;
  return out;
}
