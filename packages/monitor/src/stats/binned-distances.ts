import { invalidStatsInput, requireCountPair } from "./validate.js";

/** Counts divided by their total. */
function normalise(counts: ArrayLike<number>, total: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i]! / total;
  return out;
}

/**
 * Evidently's zero filling (stattests/utils.py, feel_zeroes=True): empty bins become 1e-4, or
 * min_nonzero/1e6 when the smallest non-empty share is itself ≤ 1e-4, so logs stay finite.
 */
function fillZeroes(shares: Float64Array): Float64Array {
  let minNonZero = Infinity;
  for (const s of shares) if (s > 0 && s < minNonZero) minNonZero = s;
  const fill = minNonZero <= 1e-4 ? minNonZero / 1e6 : 1e-4;
  return shares.map((s) => (s === 0 ? fill : s));
}

/**
 * Jensen–Shannon distance between two count vectors, like scipy.spatial.distance.jensenshannon(p, q,
 * base): counts are normalised inside; natural log by default (maximum √ln 2 ≈ 0.833), base 2 gives
 * [0, 1]. Throws INVALID_PARAMETER_VALUE for mismatched lengths, negative/NaN counts, an all-zero
 * vector or a base ≤ 1; identical distributions give 0.
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>, base: number = Math.E): number {
  const { totalP, totalQ } = requireCountPair(p, q);
  if (!(base > 0) || base === 1 || !Number.isFinite(base)) {
    throw invalidStatsInput(`'base' must be a positive number other than 1, got ${base}`);
  }
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / totalP;
    const b = q[i]! / totalQ;
    const m = (a + b) / 2;
    if (a > 0) js += a * Math.log(a / m);
    if (b > 0) js += b * Math.log(b / m);
  }
  js /= Math.log(base);
  // Rounding can leave a tiny negative divergence for identical inputs; the distance is then 0.
  return Math.sqrt(Math.max(0, js / 2));
}

/**
 * Population stability index Σ(p − q)·ln(p/q) of reference p against current q, as Evidently's psi:
 * counts normalised, then empty bins zero-filled (1e-4, or min_nonzero/1e6 if smaller) per side
 * without renormalising. Throws like jensenShannonDistance; identical distributions give 0.
 */
export function psi(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const { totalP, totalQ } = requireCountPair(p, q);
  const a = fillZeroes(normalise(p, totalP));
  const b = fillZeroes(normalise(q, totalQ));
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (a[i]! - b[i]!) * Math.log(a[i]! / b[i]!);
  return total;
}

/**
 * KL(p‖q) = Σ p·ln(p/q) of reference p against current q, as Evidently's kl_div
 * (scipy.stats.entropy(p, q) on zero-filled shares, which renormalises them after the filling).
 * Throws like jensenShannonDistance; identical distributions give 0.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const { totalP, totalQ } = requireCountPair(p, q);
  const a = fillZeroes(normalise(p, totalP));
  const b = fillZeroes(normalise(q, totalQ));
  const sa = a.reduce((s, v) => s + v, 0);
  const sb = b.reduce((s, v) => s + v, 0);
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! / sa;
    total += x * Math.log(x / (b[i]! / sb));
  }
  return Math.max(0, total);
}

/**
 * Hellinger distance √(1 − Σ√(p_i·q_i)) on normalised counts, in [0, 1]. Computed as the equal
 * (1/√2)·‖√p − √q‖₂, which cannot go negative by rounding and keeps small distances accurate.
 * Throws like jensenShannonDistance; identical distributions give 0, disjoint ones 1.
 */
export function hellingerDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const { totalP, totalQ } = requireCountPair(p, q);
  let ss = 0;
  for (let i = 0; i < p.length; i++) ss += (Math.sqrt(p[i]! / totalP) - Math.sqrt(q[i]! / totalQ)) ** 2;
  return Math.min(1, Math.sqrt(ss / 2));
}
