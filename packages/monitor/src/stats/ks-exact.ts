// Exact two-sided p-values of the two-sample Kolmogorov–Smirnov statistic, ported from scipy
// (scipy/stats/_stats_py.py::_compute_prob_outside_square and
// scipy/stats/_stats_pythran.py::_compute_outer_prob_inside_method, after Hodges 1958 and
// Viehmann 2021's recursion for 1 − p, which stays accurate for small p-values).

/** P(D_{n,n} ≥ h/n) for equal sample sizes: the share of lattice paths that leave the band |x − y| < h. */
export function probOutsideSquare(n: number, h: number): number {
  // P = 2·(A0·(1 − A1·(1 − A2·(...)))) with each A_k a ratio of binomials, in Horner form to avoid
  // the subtractive cancellation of the alternating binomial sum.
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/** P(D_{m,n} ≥ h/lcm(m,n)) for unequal sizes (g = gcd(m, n)): 1 − the share of paths inside the band. */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  // One sliding column of the path-count matrix, kept as 1 − (share inside) so it never needs the
  // huge binomial normaliser.
  const a = new Float64Array(lenA).fill(1);
  for (let j = minj; j < maxj; j++) a[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + minj - lastminj]! * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}
