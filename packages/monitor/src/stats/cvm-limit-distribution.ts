// The limiting CDF of the (one-sample) Cramér–von Mises statistic, which scipy's
// cramervonmises_2samp uses for its asymptotic p-value (scipy/stats/_hypotests.py::_cdf_cvm_inf,
// Csörgő & Faraway 1996 eq. 1.2). No installed library has it, nor the modified Bessel function
// K_{1/4} it needs (stdlib has no fractional-order K), so both are implemented here.

/**
 * e^(−z)·K_ν(z) for z > 0 by the trapezoidal rule on K_ν(z) = ∫₀^∞ e^(−z·cosh t)·cosh(νt) dt.
 * The integrand is analytic in the strip |Im t| < π/2 and decays double-exponentially, so the
 * rule's error is about e^(−π²/h) ≈ 1e-43 at h = 0.1 (Trefethen & Weideman 2014). For large z the
 * peak at t = 0 narrows like 1/√z, so the step shrinks with it (h = 0.5/√z keeps the error near
 * e^(−2π²/0.25)). The scaling by e^(−z) is folded into the exponent so large z cannot underflow.
 */
export function scaledBesselK(nu: number, z: number): number {
  const step = Math.min(0.1, 0.5 / Math.sqrt(z));
  let sum = 0.5; // t = 0: e^(−z(cosh 0 − 1))·cosh 0
  for (let i = 1; ; i++) {
    const t = i * step;
    const term = Math.exp(-z * (Math.cosh(t) - 1)) * Math.cosh(nu * t);
    sum += term;
    if (term < 1e-18 * sum) break;
  }
  return sum * step;
}

/** P(W² ≤ x) for the limiting Cramér–von Mises distribution; 0 for x ≤ 0. */
export function cvmLimitCdf(x: number): number {
  if (!(x > 0)) return 0;
  let total = 0;
  // Γ(k + ½)/Γ(k + 1) by its recurrence from Γ(½)/Γ(1) = √π.
  let gammaRatio = Math.sqrt(Math.PI);
  for (let k = 0; ; k++) {
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    const u = gammaRatio / (Math.PI ** 1.5 * Math.sqrt(x));
    // e^(−q)·K_{1/4}(q) = e^(−2q)·[e^(q)K_{1/4}(q)]; scipy's series term is u·√y·e^(−q)·K_{1/4}(q).
    const term = u * Math.sqrt(y) * Math.exp(-2 * q) * scaledBesselK(0.25, q);
    total += term;
    // scipy keeps adding terms until one is below 1e-7 in absolute value.
    if (Math.abs(term) < 1e-7) break;
    gammaRatio *= (k + 0.5) / (k + 1);
  }
  return total;
}
