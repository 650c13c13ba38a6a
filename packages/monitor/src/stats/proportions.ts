import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import type { ABTestResult, TestResult } from "./types.js";
import { invalidStatsInput, requireConfidence, requireInteger } from "./validate.js";

/** Two-sided normal p-value 2·Φ(−|z|), accurate far into the tail (no 1 − Φ cancellation). */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

function requireProportion(x: number, n: number, xName: string, nName: string): void {
  requireInteger(nName, n, 1);
  requireInteger(xName, x, 0);
  if (x > n) throw invalidStatsInput(`'${xName}' (${x}) cannot exceed '${nName}' (${n})`);
}

/** The pooled z statistic of p2 − p1, or 0 when the pooled share is 0 or 1 (nothing varies). */
function pooledZ(x1: number, n1: number, x2: number, n2: number): number {
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  return variance > 0 ? (x2 / n2 - x1 / n1) / Math.sqrt(variance) : 0;
}

/**
 * Pooled two-proportion z-test, two-sided, as Evidently's "z" stattest for binary features:
 * statistic (p1 − p2)/√(P(1−P)(1/n1 + 1/n2)) with the pooled share P. When P is 0 or 1 (one and
 * the same single value on both sides) it returns statistic 0, p_value 1. Throws
 * INVALID_PARAMETER_VALUE unless 0 ≤ x ≤ n are integers with n ≥ 1.
 */
export function zTestTwoProportions(x1: number, n1: number, x2: number, n2: number): TestResult {
  requireProportion(x1, n1, "x1", "n1");
  requireProportion(x2, n2, "x2", "n2");
  const z = -pooledZ(x1, n1, x2, n2);
  return { statistic: z === 0 ? 0 : z, p_value: twoSidedNormalP(z) };
}

/** Counts of successes out of trials for a control (A) and a candidate (B). */
export interface ProportionCounts {
  successesA: number;
  nA: number;
  successesB: number;
  nB: number;
}

/**
 * A/B test of two success rates: p-value from the pooled two-sided z-test of pB − pA, effect
 * pB − pA with the unpooled Wald interval ± z·√(pA(1−pA)/nA + pB(1−pB)/nB). Degenerate cases: when
 * both rates are 0 or both 1, z = 0 and p = 1; when each rate is 0 or 1 the Wald interval has zero
 * width ([effect, effect]); relative_effect (effect/pA) is undefined when pA = 0. Throws
 * INVALID_PARAMETER_VALUE for counts that are not integers with 0 ≤ successes ≤ n, n ≥ 1, or a
 * confidence outside (0, 1).
 */
export function twoProportionTest(counts: ProportionCounts, confidence = 0.95): ABTestResult {
  const { successesA, nA, successesB, nB } = counts;
  requireProportion(successesA, nA, "successesA", "nA");
  requireProportion(successesB, nB, "successesB", "nB");
  requireConfidence(confidence);
  const pA = successesA / nA;
  const pB = successesB / nB;
  const effect = pB - pA;
  const z = pooledZ(successesA, nA, successesB, nB);
  const half = normalQuantile(1 - (1 - confidence) / 2, 0, 1) * Math.sqrt((pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB);
  const result: ABTestResult = {
    statistic: z,
    p_value: twoSidedNormalP(z),
    effect,
    ci_low: effect - half,
    ci_high: effect + half,
    confidence,
  };
  if (pA > 0) result.relative_effect = effect / pA;
  return result;
}
