import type { TestResult } from "./types.js";
import { sortedCopy } from "./sorted.js";
import { invalidStatsInput, requireSample } from "./validate.js";

// Scholz & Stephens (1987) Table 2 interpolation coefficients and significance levels, as in
// scipy.stats.anderson_ksamp.
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
const SIG = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

/** Least-squares quadratic c0 + c1·x + c2·x² through the points (numpy.polyfit(x, y, 2)). */
function quadraticFit(x: readonly number[], y: readonly number[]): [number, number, number] {
  // Normal equations on x centred at its mean keep the 3×3 system well conditioned.
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const s = [0, 0, 0, 0, 0];
  const t = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const u = x[i]! - mean;
    let p = 1;
    for (let k = 0; k < 5; k++) {
      s[k]! += p;
      if (k < 3) t[k]! += p * y[i]!;
      p *= u;
    }
  }
  const a = [
    [s[0]!, s[1]!, s[2]!, t[0]!],
    [s[1]!, s[2]!, s[3]!, t[1]!],
    [s[2]!, s[3]!, s[4]!, t[2]!],
  ];
  for (let c = 0; c < 3; c++) {
    for (let r = c + 1; r < 3; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 4; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  const z = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let v = a[r]![3]!;
    for (let k = r + 1; k < 3; k++) v -= a[r]![k]! * z[k]!;
    z[r] = v / a[r]![r]!;
  }
  // Back from u = x − mean to x.
  const [d0, d1, d2] = z as [number, number, number];
  return [d0 - d1 * mean + d2 * mean * mean, d1 - 2 * d2 * mean, d2];
}

/** Scholz & Stephens' A²akN (their eq. 7, midrank empirical CDFs) by one walk over the pooled values. */
function midrankStatistic(sorted: Float64Array[], pooled: Float64Array): number {
  const N = pooled.length;
  const k = sorted.length;
  const pos = new Int32Array(k);
  let total = 0;
  const perSample = new Float64Array(k);
  let left = 0;
  while (left < N) {
    const z = pooled[left]!;
    let right = left;
    while (right < N && pooled[right] === z) right++;
    const lj = right - left;
    const bj = left + lj / 2;
    const denom = bj * (N - bj) - (N * lj) / 4;
    for (let i = 0; i < k; i++) {
      const s = sorted[i]!;
      let p = pos[i]!;
      const start = p;
      while (p < s.length && s[p] === z) p++;
      pos[i] = p;
      const fij = p - start;
      const mij = p - fij / 2;
      const dev = N * mij - bj * s.length;
      // denom = B(N − B) − N·l/4 is positive unless all N values are tied, which returned earlier.
      perSample[i]! += ((lj / N) * dev * dev) / denom;
    }
    left = right;
  }
  for (let i = 0; i < k; i++) total += perSample[i]! / sorted[i]!.length;
  return (total * (N - 1)) / N;
}

/**
 * k-sample Anderson–Darling test, like scipy.stats.anderson_ksamp(samples, variant="midrank"):
 * the standardized statistic (A²akN − (k−1))/σ and its p-value from Scholz & Stephens' critical
 * values (quadratic fit of log significance on the critical values), capped to [0.001, 0.25].
 * Throws INVALID_PARAMETER_VALUE for fewer than 2 samples, an empty sample, NaN/infinite values or
 * fewer than 4 observations in all (the variance formula divides by (N−1)(N−2)(N−3)).
 * When every observation is the same value (scipy raises) it returns statistic 0, p_value 1.
 */
export function andersonDarlingKSample(samples: Float64Array[]): TestResult {
  if (!Array.isArray(samples) || samples.length < 2) {
    throw invalidStatsInput("the Anderson–Darling test needs at least two samples");
  }
  samples.forEach((s, i) => requireSample(`samples[${i}]`, s));
  const k = samples.length;
  const sorted = samples.map(sortedCopy);
  const N = sorted.reduce((n, s) => n + s.length, 0);
  if (N < 4) throw invalidStatsInput(`the Anderson–Darling test needs at least 4 observations in all, got ${N}`);
  const pooled = new Float64Array(N);
  let off = 0;
  for (const s of sorted) {
    pooled.set(s, off);
    off += s.length;
  }
  pooled.sort();
  if (pooled[0] === pooled[N - 1]) return { statistic: 0, p_value: 1 };
  const a2akn = midrankStatistic(sorted, pooled);

  // Variance of A²akN under H0 (Scholz & Stephens eq. 4), as scipy computes it.
  let H = 0;
  for (const s of sorted) H += 1 / s.length;
  let hs = 0; // running Σ_{i=N−1−j}^{N−1} 1/i
  let g = 0;
  for (let j = 0; j <= N - 3; j++) {
    hs += 1 / (N - 1 - j);
    g += hs / (j + 2);
  }
  const h = hs + 1;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k * k - 4 * h * k;
  const sigmasq = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  const m = k - 1;
  const statistic = (a2akn - m) / Math.sqrt(sigmasq);

  const critical = B0.map((b0, i) => b0 + B1[i]! / Math.sqrt(m) + B2[i]! / m);
  let p: number;
  if (statistic < Math.min(...critical)) p = 0.25;
  else if (statistic > Math.max(...critical)) p = 0.001;
  else {
    const [c0, c1, c2] = quadraticFit(critical, SIG.map(Math.log));
    p = Math.exp(c0 + c1 * statistic + c2 * statistic * statistic);
  }
  return { statistic, p_value: p };
}
