import type { TestResult } from "./types.js";
import { kolmogorovSf } from "./kolmogorov-distribution.js";
import { probOutsideBand, probOutsideSquare } from "./ks-exact.js";
import { sortedCopy } from "./sorted.js";
import { invalidStatsInput, requireInteger, requireSample } from "./validate.js";

// scipy.stats.ks_2samp(method="auto") is exact while both samples have at most this many values.
const MAX_EXACT_N = 10_000;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The asymptotic two-sided p-value scipy uses: kstwo.sf(D, round(n·m/(n+m))). */
export function ksAsymptoticPValue(d: number, n: number, m: number): number {
  const en = Math.round((n * m) / (n + m));
  return kolmogorovSf(d, Math.max(1, en));
}

/**
 * Two-sided two-sample Kolmogorov–Smirnov test, like scipy.stats.ks_2samp(a, b, method="auto"):
 * D = sup|F_a − F_b| exactly (sort + merge walk), p-value exact when both sizes ≤ 10 000 (falling
 * back to the asymptotic kstwo.sf(D, round(nm/(n+m))) if the exact recursion fails), else asymptotic.
 * Throws INVALID_PARAMETER_VALUE for an empty sample or a NaN/infinite value; identical samples
 * (including two constants) give D = 0, p = 1.
 */
export function ksTwoSample(a: Float64Array, b: Float64Array): TestResult {
  requireSample("a", a);
  requireSample("b", b);
  const x = sortedCopy(a);
  const y = sortedCopy(b);
  const n = x.length;
  const m = y.length;
  // Track n·m·(F_a − F_b) = i·m − j·n as an integer so D and the exact lattice bound h are exact.
  let maxDiff = 0;
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const xi = x[i]!;
    const yj = y[j]!;
    const v = xi <= yj ? xi : yj;
    while (i < n && x[i]! <= v) i++;
    while (j < m && y[j]! <= v) j++;
    const diff = Math.abs(i * m - j * n);
    if (diff > maxDiff) maxDiff = diff;
  }
  const d = maxDiff / (n * m);
  if (maxDiff === 0) return { statistic: 0, p_value: 1 };
  if (Math.max(n, m) <= MAX_EXACT_N) {
    const g = gcd(n, m);
    const h = maxDiff / g;
    const p = n === m ? probOutsideSquare(n, h) : probOutsideBand(n, m, g, h);
    if (Number.isFinite(p) && p >= 0 && p <= 1) return { statistic: d, p_value: p };
  }
  return { statistic: d, p_value: ksAsymptoticPValue(d, n, m) };
}

/**
 * KS from two CDFs evaluated at the same points (e.g. two sketches at the reference's quantiles):
 * D = max|F_ref − F_cur| over those points, p-value from the asymptotic branch of ksTwoSample with the
 * given sample sizes. D can only underestimate the exact statistic (the supremum may fall between
 * points). Throws on mismatched lengths, empty input, CDF values outside [0, 1] or NaN, and
 * non-positive integer sizes; D = 0 gives p = 1.
 */
export function ksFromCdfs(refCdf: ArrayLike<number>, curCdf: ArrayLike<number>, nRef: number, nCur: number): TestResult {
  if (refCdf.length !== curCdf.length) {
    throw invalidStatsInput(`the two CDFs must be evaluated at the same points: got ${refCdf.length} and ${curCdf.length} values`);
  }
  if (refCdf.length === 0) throw invalidStatsInput("the CDFs need at least one evaluation point");
  requireInteger("nRef", nRef, 1);
  requireInteger("nCur", nCur, 1);
  let d = 0;
  for (let k = 0; k < refCdf.length; k++) {
    const fa = refCdf[k]!;
    const fb = curCdf[k]!;
    if (!(fa >= 0 && fa <= 1) || !(fb >= 0 && fb <= 1)) {
      throw invalidStatsInput(`CDF values must lie in [0, 1]; point ${k} has ${fa} and ${fb}`);
    }
    const diff = Math.abs(fa - fb);
    if (diff > d) d = diff;
  }
  if (d === 0) return { statistic: 0, p_value: 1 };
  return { statistic: d, p_value: ksAsymptoticPValue(d, nRef, nCur) };
}
