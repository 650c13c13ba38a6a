import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import type { ABTestResult } from "./types.js";
import { requireConfidence, requireInteger, requireNumber } from "./validate.js";

/** Per-variant summaries (sample variances, n − 1 in the denominator), e.g. from merged profiles. */
export interface MeanSummaries {
  nA: number;
  meanA: number;
  varA: number;
  nB: number;
  meanB: number;
  varB: number;
}

/**
 * Welch's unequal-variance t-test of meanB − meanA from summaries, like
 * scipy.stats.ttest_ind(b, a, equal_var=False) and its confidence_interval(confidence):
 * t = (meanB − meanA)/√(varA/nA + varB/nB), Welch–Satterthwaite df, CI effect ± t_{df}·se.
 * Degenerate: with both variances 0, equal means give t = 0, p = 1 and different means give
 * t = ±Infinity, p = 0, with the zero-width CI [effect, effect]. relative_effect (effect/|meanA|) is
 * undefined when meanA = 0. Throws INVALID_PARAMETER_VALUE for n < 2, negative or non-finite
 * summaries, or a confidence outside (0, 1).
 */
export function welchTTest(summaries: MeanSummaries, confidence = 0.95): ABTestResult {
  const { nA, meanA, varA, nB, meanB, varB } = summaries;
  requireInteger("nA", nA, 2);
  requireInteger("nB", nB, 2);
  requireNumber("meanA", meanA);
  requireNumber("meanB", meanB);
  requireNumber("varA", varA, 0);
  requireNumber("varB", varB, 0);
  requireConfidence(confidence);
  const effect = meanB - meanA;
  const va = varA / nA;
  const vb = varB / nB;
  const se = Math.sqrt(va + vb);
  let result: ABTestResult;
  if (se === 0) {
    const statistic = effect === 0 ? 0 : effect > 0 ? Infinity : -Infinity;
    result = { statistic, p_value: effect === 0 ? 1 : 0, effect, ci_low: effect, ci_high: effect, confidence };
  } else {
    const df = (va + vb) ** 2 / (va ** 2 / (nA - 1) + vb ** 2 / (nB - 1));
    const t = effect / se;
    const half = tQuantile(1 - (1 - confidence) / 2, df) * se;
    result = {
      statistic: t,
      p_value: Math.min(1, 2 * tCdf(-Math.abs(t), df)),
      effect,
      ci_low: effect - half,
      ci_high: effect + half,
      confidence,
    };
  }
  if (meanA !== 0) result.relative_effect = effect / Math.abs(meanA);
  return result;
}
