import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import type { TestResult } from "./types.js";
import { requireCountPair } from "./validate.js";

/**
 * Two-sample χ² test of homogeneity on the 2×k table [reference; current], like
 * scipy.stats.chi2_contingency(table, correction=False): bins empty on both sides are dropped,
 * df = k' − 1, no Yates correction. Throws INVALID_PARAMETER_VALUE for mismatched lengths,
 * negative/NaN counts or an all-zero side. With a single non-empty bin (both sides all in one
 * category) the distributions are identical: statistic 0, p_value 1. p-values below ~1e-16 are 0
 * (the upper tail is taken as 1 − CDF).
 */
export function chiSquareTwoSample(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): TestResult {
  const { totalP, totalQ } = requireCountPair(refCounts, curCounts);
  const total = totalP + totalQ;
  let statistic = 0;
  let bins = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const r = refCounts[i]!;
    const c = curCounts[i]!;
    const column = r + c;
    if (column === 0) continue;
    bins++;
    const er = (totalP * column) / total;
    const ec = (totalQ * column) / total;
    statistic += (r - er) ** 2 / er + (c - ec) ** 2 / ec;
  }
  if (bins < 2) return { statistic: 0, p_value: 1 };
  return { statistic, p_value: Math.min(1, Math.max(0, 1 - chisquareCdf(statistic, bins - 1))) };
}
