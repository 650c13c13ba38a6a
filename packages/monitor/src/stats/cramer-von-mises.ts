import type { TestResult } from "./types.js";
import { cvmLimitCdf } from "./cvm-limit-distribution.js";
import { sortedCopy } from "./sorted.js";
import { requireSample } from "./validate.js";

// scipy's method="auto" is exact while both samples have at most 20 values.
const MAX_EXACT_N = 20;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Anderson's U = nx·Σ(r_i − i)² + ny·Σ(s_j − j)² with midranks of the sorted samples in the pooled sample. */
function rankStatistic(x: Float64Array, y: Float64Array): number {
  const nx = x.length;
  const ny = y.length;
  let i = 0;
  let j = 0;
  let sumX = 0;
  let sumY = 0;
  while (i < nx || j < ny) {
    const v = j >= ny || (i < nx && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    const i0 = i;
    const j0 = j;
    while (i < nx && x[i] === v) i++;
    while (j < ny && y[j] === v) j++;
    // The tie group occupies pooled ranks i0 + j0 + 1 ... i + j; each member gets their mean.
    const rank = (i0 + j0 + 1 + i + j) / 2;
    for (let k = i0; k < i; k++) sumX += (rank - (k + 1)) ** 2;
    for (let k = j0; k < j; k++) sumY += (rank - (k + 1)) ** 2;
  }
  return nx * sumX + ny * sumY;
}

/** A frequency table: ascending distinct values with their path counts. */
interface Table {
  values: Float64Array;
  freqs: Float64Array;
}

/** The union of two tables (counts of equal values added), with shift added to every value. */
function mergeShifted(p: Table, q: Table, shift: number): Table {
  const values = new Float64Array(p.values.length + q.values.length);
  const freqs = new Float64Array(values.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < p.values.length || j < q.values.length) {
    const pv = i < p.values.length ? p.values[i]! : Infinity;
    const qv = j < q.values.length ? q.values[j]! : Infinity;
    if (pv === qv) {
      values[k] = pv + shift;
      freqs[k++] = p.freqs[i++]! + q.freqs[j++]!;
    } else if (pv < qv) {
      values[k] = pv + shift;
      freqs[k++] = p.freqs[i++]!;
    } else {
      values[k] = qv + shift;
      freqs[k++] = q.freqs[j++]!;
    }
  }
  return { values: values.subarray(0, k), freqs: freqs.subarray(0, k) };
}

/** Exact P(U ≥ u) by Xiao, Gordon & Yakovlev's (2006) frequency-table recursion, as scipy's _pval_cvm_2samp_exact. */
function exactPValue(u: number, m: number, n: number): number {
  const lcm = (m * n) / gcd(m, n);
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  // Same operation order as scipy so the floor lands on the same integer.
  const zeta = Math.floor((lcm ** 2 * (m + n) * (6 * u - mn * (4 * mn - 1))) / (6 * mn ** 2));
  // gs[v]: the frequency table of g⁺_{u,v}; values and counts stay exact integers in doubles
  // (at most lcm²·(m+n) ≈ 6e6 and C(40, 20) ≈ 1.4e11 for 20 × 20).
  const empty: Table = { values: new Float64Array(0), freqs: new Float64Array(0) };
  let gs: Table[] = [{ values: Float64Array.of(0), freqs: Float64Array.of(1) }];
  for (let v = 1; v <= m; v++) gs.push(empty);
  for (let uu = 0; uu <= n; uu++) {
    const next: Table[] = [];
    let tmp = empty;
    for (let v = 0; v <= m; v++) {
      tmp = mergeShifted(tmp, gs[v]!, (a * v - b * uu) ** 2);
      next.push(tmp);
    }
    gs = next;
  }
  let combinations = 1;
  for (let k = 1; k <= m; k++) combinations = (combinations * (n + k)) / k;
  const last = gs[m]!;
  let tail = 0;
  for (let i = 0; i < last.values.length; i++) if (last.values[i]! >= zeta) tail += last.freqs[i]!;
  return tail / Math.round(combinations);
}

/** The asymptotic p-value: Anderson's normalised T against the limiting one-sample distribution. */
function asymptoticPValue(t: number, N: number, nx: number, ny: number, k: number): number {
  const et = (1 + 1 / N) / 6;
  const vt = ((N + 1) * (4 * k * N - 3 * (nx ** 2 + ny ** 2) - 2 * k)) / (45 * N ** 2 * 4 * k);
  const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
  // Below 0.003 the limiting CDF is < 1.3e-18, so p is 1 to double precision (scipy's shortcut).
  if (tn < 0.003) return 1;
  return Math.min(1, Math.max(0, 1 - cvmLimitCdf(tn)));
}

/**
 * Two-sample Cramér–von Mises test, like scipy.stats.cramervonmises_2samp(a, b, method="auto"):
 * T from midranks; the exact p-value when both samples have ≤ 20 values, else the asymptotic one
 * (Anderson 1962's normalisation and the limiting distribution, whose p-values below ~1e-15 are 0).
 * Throws INVALID_PARAMETER_VALUE when a sample has fewer than 2 values or a NaN/infinite value.
 * All-identical samples (constant and equal) give T = its minimum and p = 1, as scipy does.
 */
export function cramerVonMisesTwoSample(a: Float64Array, b: Float64Array): TestResult {
  requireSample("a", a, 2);
  requireSample("b", b, 2);
  const x = sortedCopy(a);
  const y = sortedCopy(b);
  const nx = x.length;
  const ny = y.length;
  const u = rankStatistic(x, y);
  const k = nx * ny;
  const N = nx + ny;
  const t = u / (k * N) - (4 * k - 1) / (6 * N);
  const p = Math.max(nx, ny) <= MAX_EXACT_N ? exactPValue(u, nx, ny) : asymptoticPValue(t, N, nx, ny, k);
  return { statistic: t, p_value: Math.min(1, p) };
}
