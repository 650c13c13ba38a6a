import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cramerVonMisesTwoSample } from "./cramer-von-mises.js";
import { cvmLimitCdf, scaledBesselK } from "./cvm-limit-distribution.js";
import { assertClose, assertInvalid, irisPetalLength, normalSample, roundedNormalSample } from "./test-data.js";

describe("cvmLimitCdf", () => {
  it("matches scipy's _cdf_cvm_inf and scipy.special.kve(0.25, z)", () => {
    // scipy.stats._hypotests._cdf_cvm_inf(x) in scipy 1.17.
    const cdf: [number, number][] = [
      [0.05, 0.12371906895864906],
      [0.2, 0.7325295694592229],
      [0.46, 0.9495950884695041],
      [1, 0.9975395478198642],
      [2, 0.9999872192637342],
    ];
    for (const [x, expected] of cdf) assertClose(cvmLimitCdf(x), expected, 1e-12);
    assert.equal(cvmLimitCdf(0), 0);
    // scipy.special.kve(0.25, z) = e^z·K_{1/4}(z).
    const kve: [number, number][] = [
      [0.01, 6.227707994041582],
      [1, 1.1708721016781265],
      [50, 0.17691661213490456],
      [1000, 0.03962955938660564],
    ];
    for (const [z, expected] of kve) assertClose(scaledBesselK(0.25, z), expected, 1e-13);
  });
});

describe("cramerVonMisesTwoSample", () => {
  it("matches scipy.stats.cramervonmises_2samp on iris with and without drift", () => {
    const drift = irisPetalLength(0.5);
    const r = cramerVonMisesTwoSample(drift.reference, drift.current);
    assertClose(r.statistic, 0.6448444444444448, 1e-12);
    assertClose(r.p_value, 0.017310102262478977, 1e-10);
    const same = irisPetalLength(0);
    const r0 = cramerVonMisesTwoSample(same.reference, same.current);
    assertClose(r0.statistic, 0.05826666666666824, 1e-11);
    assertClose(r0.p_value, 0.8342251033040742, 1e-10);
  });

  it("matches scipy on synthetic samples: asymptotic, with ties, exact for ≤ 20 values", () => {
    // [a, b, cramervonmises_2samp(a, b).statistic, .pvalue] (method="auto").
    const cases: [Float64Array, Float64Array, number, number][] = [
      [normalSample(101, 400), normalSample(202, 300, 0.3), 1.1153761904761978, 0.0013201969525407087],
      [normalSample(101, 400), normalSample(303, 250), 0.33679923076923046, 0.10689759928634446],
      [roundedNormalSample(404, 500, 0, 2), roundedNormalSample(505, 450, 0.2, 2), 0.6762726315789678, 0.014539126743845499],
      [normalSample(606, 15), normalSample(707, 12, 1), 1.0351851851851857, 0.0014882770569942464], // exact
      [normalSample(808, 20000), normalSample(909, 15000, 0.03), 2.2914085195234293, 2.8429309119060164e-6],
    ];
    for (const [a, b, statistic, p] of cases) {
      const r = cramerVonMisesTwoSample(a, b);
      assertClose(r.statistic, statistic, 1e-11);
      assertClose(r.p_value, p, 1e-9);
    }
    // Exact with ties: cramervonmises_2samp([1,1,2,2,3], [2,3,3,4,4,4,5]) = (0.6682539682539683, 0.012626262626262626).
    const t = cramerVonMisesTwoSample(Float64Array.of(1, 1, 2, 2, 3), Float64Array.of(2, 3, 3, 4, 4, 4, 5));
    assertClose(t.statistic, 0.6682539682539683, 1e-12);
    assertClose(t.p_value, 0.012626262626262626, 1e-12);
  });

  it("gives p = 1 for identical constant samples (scipy: statistic 0.047619..., p 1)", () => {
    const r = cramerVonMisesTwoSample(new Float64Array(3).fill(2), new Float64Array(4).fill(2));
    assertClose(r.statistic, 0.04761904761904767, 1e-12);
    assert.equal(r.p_value, 1);
  });

  it("rejects samples of fewer than 2 values and NaN", () => {
    assertInvalid(() => cramerVonMisesTwoSample(Float64Array.of(1), Float64Array.of(1, 2)), /'a' needs at least 2 values/);
    assertInvalid(() => cramerVonMisesTwoSample(Float64Array.of(1, 2), Float64Array.of(1, NaN)), /'b' holds NaN/);
  });
});
