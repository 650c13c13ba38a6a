import pKolmogorov from "@stdlib/stats-kstest/lib/marsaglia.js";

// The survival function of the two-sided Kolmogorov statistic D_n, chosen per region exactly as
// scipy.stats.kstwo.sf does (scipy/stats/_ksstats.py, Simard & L'Ecuyer 2011):
//  - the Ruben–Gambino closed forms at the ends of the support,
//  - 2·Smirnov(n, d) (exact for d ≥ ½, Miller's approximation elsewhere; error ≈ 2e^(-8nd²)),
//  - 1 − Durbin's matrix CDF (stdlib's Marsaglia–Tsang–Wang code) where its matrix is small,
//  - 1 − the Pelz–Good asymptotic series for large n.
// Where scipy uses Pomeranz's recursion (n ≤ 140, 0.75 < nd² ≤ 4) the Durbin matrix is used too:
// both are exact, and the matrix has at most 49 rows there.

const LOG_2PI = Math.log(2 * Math.PI);
const SQRT2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;

const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);

/** log(n!/n^n) by Stirling's series with n·log(n) removed up front, as scipy does. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/**
 * P(D_n⁺ ≥ x), the one-sided Smirnov survival function (scipy.special.smirnov), by the
 * Birnbaum–Tingey sum with the same early stop as scipy's cephes code.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  if (n === 1) return 1 - x;
  const nx = n * x;
  // stdlib's smirnov.js returns the CDF (so p-values below ~1e-16 vanish) and always sums all n
  // terms (≈ 0.4 s at n = 5e5); the sum below keeps the tail and stops once terms are negligible.
  if (nx <= 1) return 1 - x * Math.pow(1 + x, n - 1);
  if (-2 * nx * x < -708) return 0;
  if (Math.floor(nx) >= n - 1) return Math.pow(1 - x, n);
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // scipy's approximation for huge n: p ≈ exp(−(6nx+1)²/18n).
    const logp = -((6 * nx + 1) ** 2) / 18 / n;
    return Math.exp(logp);
  }
  // Terms A_j = C(n,j)·(1−x−j/n)^(n−j)·(x+j/n)^(j−1) for j with 1 − x − j/n > 0.
  const last = Math.ceil(n * (1 - x)) - 1;
  // log C(n, j) grows to thousands at large n: a compensated (Kahan) running sum keeps its
  // rounding from piling up into the p-value's relative error.
  let logC = 0;
  let logCErr = 0;
  let sum = 0;
  for (let j = 0; j <= last; j++) {
    const u = x + j / n;
    if (u >= 1) break;
    const term = Math.exp(logC + (n - j) * Math.log1p(-u) + (j - 1) * Math.log(u));
    sum += term;
    if (term !== 0 && 4 * (last - j) * term < Number.EPSILON * sum) break;
    if (term === 0 && j > n / 2) break;
    const y = Math.log((n - j) / (j + 1)) - logCErr;
    const next = logC + y;
    logCErr = next - logC - y;
    logC = next;
  }
  return clip01(x * sum);
}

/** P(D_n ≤ x) by the Pelz–Good asymptotic series (port of scipy's _kolmogn_PelzGood). */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  let k0 = 0;
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  const maxk = Math.ceil((16 * z) / Math.PI);
  // Horner scheme over odd m = 2k − 1 with q^(m²) factored, as in scipy.
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = Math.pow(q, 8 * k);
    k0 = k0 * qp + 1;
    k1 = k1 * qp + (k1a + k1b * m2);
    k2 = k2 * qp + (k2a + k2b * m2 + k2c * m4);
    k3 = k3 * qp + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  k0 *= q * SQRT2PI;
  k1 *= q * SQRT2PI;
  k2 *= q * SQRT2PI;
  k3 *= q * SQRT2PI;
  k0 /= z;
  k1 /= 6 * z4;
  k2 /= 72 * z ** 7;
  k3 /= 6480 * z ** 10;
  q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let extra2 = 0;
  let extra3 = 0;
  for (let k = maxk; k > 0; k--) {
    const k2s = k * k;
    const qk = Math.pow(q, k2s);
    const kpi = Math.PI * k;
    extra2 += k2s * qk;
    extra3 += (sqrt3z + kpi) * (sqrt3z - kpi) * k2s * qk;
  }
  k2 += (extra2 * PI2 * SQRT2PI) / (-36 * z2 * z);
  k3 += (extra3 * PI2 * SQRT2PI) / (216 * z6);
  return k0 + k1 / Math.sqrt(n) + k2 / n + k3 / (n * Math.sqrt(n));
}

/** P(D_n ≥ d) for the two-sided one-sample Kolmogorov statistic, like scipy.stats.kstwo.sf(d, n). */
export function kolmogorovSf(d: number, n: number): number {
  if (!(n >= 1) || !Number.isInteger(n) || Number.isNaN(d)) return Number.NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= (i / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - cdf);
  }
  if (t >= n - 1) return clip01(2 * Math.pow(1 - d, n));
  if (d >= 0.5) return clip01(2 * smirnovSf(n, d));
  const s = t * d;
  if (n <= 140) {
    // stdlib's Marsaglia code switches to an approximation above nd² = 3.76 once n > 99.
    if (s <= 3.76 || (n <= 99 && s <= 4)) return clip01(1 - pKolmogorov(d, n));
    return clip01(2 * smirnovSf(n, d));
  }
  if (s >= 370) return 0;
  if (s >= 2.2) return clip01(2 * smirnovSf(n, d));
  if (n <= 100_000 && n * d ** 1.5 <= 1.4) return clip01(1 - pKolmogorov(d, n));
  return clip01(1 - pelzGoodCdf(n, d));
}
