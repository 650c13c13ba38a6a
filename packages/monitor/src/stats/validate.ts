import { CairnError } from "@cairn/core";

/** The invalid-input error every stats function throws (INVALID_PARAMETER_VALUE). */
export function invalidStatsInput(message: string): CairnError {
  return new CairnError("INVALID_PARAMETER_VALUE", message);
}

const invalid = invalidStatsInput;

/** Throws unless x is a Float64Array of at least minLength finite values. */
export function requireSample(name: string, x: Float64Array, minLength = 1): void {
  if (!(x instanceof Float64Array)) throw invalid(`'${name}' must be a Float64Array of numbers`);
  if (x.length < minLength) {
    throw invalid(`'${name}' needs at least ${minLength} value${minLength === 1 ? "" : "s"}, got ${x.length}`);
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    // NaN and ±Infinity make every CDF-based statistic meaningless; the caller decides how to drop them.
    if (v - v !== 0) throw invalid(`'${name}' holds ${v} at index ${i}; remove NaN and infinite values before testing`);
  }
}

/** Throws unless counts are finite and non-negative; returns their total. */
export function requireCounts(name: string, counts: ArrayLike<number>): number {
  if (counts === null || typeof counts !== "object" || typeof counts.length !== "number") {
    throw invalid(`'${name}' must be an array of counts`);
  }
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (typeof c !== "number" || !Number.isFinite(c) || c < 0) {
      throw invalid(`'${name}' holds ${String(c)} at bin ${i}; counts must be finite and non-negative`);
    }
    total += c;
  }
  return total;
}

/** Checks two count vectors over the same bins: equal length, valid counts, each with a positive total. */
export function requireCountPair(p: ArrayLike<number>, q: ArrayLike<number>): { totalP: number; totalQ: number } {
  const totalP = requireCounts("reference counts", p);
  const totalQ = requireCounts("current counts", q);
  if (p.length !== q.length) {
    throw invalid(`reference and current counts must cover the same bins: got ${p.length} and ${q.length} bins`);
  }
  if (p.length === 0) throw invalid("counts need at least one bin");
  if (totalP <= 0) throw invalid("reference counts are all zero; there is nothing to compare");
  if (totalQ <= 0) throw invalid("current counts are all zero; there is nothing to compare");
  return { totalP, totalQ };
}

/** Throws unless value is a finite number (optionally also in [min, max]). */
export function requireNumber(name: string, value: number, min = -Infinity, max = Infinity): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    const range = min === -Infinity && max === Infinity ? "a finite number" : `a number in [${min}, ${max}]`;
    throw invalid(`'${name}' must be ${range}, got ${String(value)}`);
  }
}

/** Throws unless value is an integer ≥ min. */
export function requireInteger(name: string, value: number, min: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw invalid(`'${name}' must be an integer ≥ ${min}, got ${String(value)}`);
  }
}

/** Throws unless confidence is strictly between 0 and 1. */
export function requireConfidence(confidence: number): void {
  if (typeof confidence !== "number" || !(confidence > 0 && confidence < 1)) {
    throw invalid(`'confidence' must be strictly between 0 and 1 (e.g. 0.95), got ${String(confidence)}`);
  }
}
