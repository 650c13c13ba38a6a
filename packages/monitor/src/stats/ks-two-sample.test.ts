import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kolmogorovSf, smirnovSf } from "./kolmogorov-distribution.js";
import { ksFromCdfs, ksTwoSample } from "./ks-two-sample.js";
import { assertClose, assertInvalid, empiricalCdf, irisPetalLength, normalSample, roundedNormalSample } from "./test-data.js";

describe("kolmogorovSf", () => {
  it("matches scipy.stats.kstwo.sf(d, n) in every branch of its algorithm", () => {
    // [n, d, scipy.stats.kstwo.sf(d, n)] with scipy 1.17; the comment names the branch taken.
    const cases: [number, number, number][] = [
      [10, 0.04, 1], // n·d ≤ ½
      [10, 0.08, 0.9999978058034054], // Ruben–Gambino, n·d ≤ 1
      [10, 0.95, 1.9531250000000172e-13], // Ruben–Gambino, n·d ≥ n − 1
      [10, 0.6, 0.0005681672000000003], // d ≥ ½: 2·smirnov, exact
      [50, 0.1, 0.6623112704658186], // Durbin matrix (n ≤ 140)
      [120, 0.18, 0.0007128273472729798], // 2·smirnov (n ≤ 140, nd² > 3.76)
      [150, 0.04, 0.9622260690500474], // Durbin matrix (n > 140, n·d^1.5 ≤ 1.4)
      [150, 0.07, 0.4345553196134164], // Pelz–Good
      [1000, 0.03, 0.3226902143914636], // Pelz–Good
      [1000, 0.06, 0.001428597887952891], // 2·smirnov (nd² ≥ 2.2)
      [20000, 0.006, 0.4657689508612477], // Pelz–Good
      [50000, 0.002, 0.9880386605338913], // Pelz–Good
      [500000, 0.001, 0.6989801443663661], // Pelz–Good (n > 1e5)
      [500000, 0.003, 0.00024632301239186754], // 2·smirnov, 5e5 terms
    ];
    for (const [n, d, expected] of cases) assertClose(kolmogorovSf(d, n), expected, 1e-9, 1e-15);
  });

  it("keeps tiny p-values and handles the ends of the support", () => {
    // scipy.special.smirnov(1000, 0.2) = 7.764314602125269e-36 in scipy 1.17 (a 1 − CDF form would return 0).
    assertClose(smirnovSf(1000, 0.2), 7.764314602125269e-36, 1e-9);
    assert.equal(kolmogorovSf(0, 10), 1);
    assert.equal(kolmogorovSf(1, 10), 0);
    assert.equal(smirnovSf(1, 0.3), 0.7);
    assert.ok(Number.isNaN(kolmogorovSf(0.1, 0)));
  });
});

describe("ksTwoSample", () => {
  it("matches scipy.stats.ks_2samp on iris petal length with +0.5 drift in half the rows (ties)", () => {
    const { reference, current } = irisPetalLength(0.5);
    // scipy.stats.ks_2samp(ref, cur): exact method (75 vs 75).
    const r = ksTwoSample(reference, current);
    assertClose(r.statistic, 0.28, 1e-12);
    assertClose(r.p_value, 0.0053773062238049564, 1e-10);
    const same = irisPetalLength(0);
    const r0 = ksTwoSample(same.reference, same.current);
    assertClose(r0.statistic, 0.08, 1e-12);
    assertClose(r0.p_value, 0.9717333170639332, 1e-10);
  });

  it("matches scipy on synthetic samples: unequal sizes, ties, tiny and large samples", () => {
    // [a, b, scipy.stats.ks_2samp(a, b).statistic, .pvalue] for the seeded samples below.
    const cases: [Float64Array, Float64Array, number, number][] = [
      [normalSample(101, 400), normalSample(202, 300, 0.3), 0.1225, 0.010788077904132212],
      [normalSample(101, 400), normalSample(303, 250), 0.1135, 0.0349905974730859],
      [roundedNormalSample(404, 500, 0, 2), roundedNormalSample(505, 450, 0.2, 2), 0.07755555555555556, 0.10886890248661912],
      [normalSample(606, 15), normalSample(707, 12, 1), 0.6833333333333333, 0.0017609437719815968],
      // 20000 vs 15000: beyond the exact limit, asymptotic kstwo.sf(D, round(nm/(n+m))).
      [normalSample(808, 20000), normalSample(909, 15000, 0.03), 0.027083333333333348, 6.787603421888457e-6],
    ];
    for (const [a, b, d, p] of cases) {
      const r = ksTwoSample(a, b);
      assertClose(r.statistic, d, 1e-12);
      assertClose(r.p_value, p, 1e-9);
    }
  });

  it("handles degenerate inputs: single values, constants, identical samples", () => {
    assert.deepEqual(ksTwoSample(Float64Array.of(3), Float64Array.of(3)), { statistic: 0, p_value: 1 });
    assert.deepEqual(ksTwoSample(new Float64Array(50).fill(2), new Float64Array(70).fill(2)), { statistic: 0, p_value: 1 });
    // Two different constants: D = 1; scipy.stats.ks_2samp([1]*5, [2]*5).pvalue = 0.007936507936507936.
    const r = ksTwoSample(new Float64Array(5).fill(1), new Float64Array(5).fill(2));
    assert.equal(r.statistic, 1);
    assertClose(r.p_value, 0.007936507936507936, 1e-12);
  });

  it("does not reorder its inputs", () => {
    const a = Float64Array.of(3, 1, 2);
    const b = Float64Array.of(9, 0, 4);
    ksTwoSample(a, b);
    assert.deepEqual([...a], [3, 1, 2]);
    assert.deepEqual([...b], [9, 0, 4]);
  });

  it("rejects empty samples and NaN or infinite values", () => {
    assertInvalid(() => ksTwoSample(new Float64Array(0), Float64Array.of(1)), /'a' needs at least 1 value/);
    assertInvalid(() => ksTwoSample(Float64Array.of(1), Float64Array.of(1, NaN)), /'b' holds NaN at index 1/);
    assertInvalid(() => ksTwoSample(Float64Array.of(Infinity), Float64Array.of(1)), /'a' holds Infinity/);
  });

  it("runs on 1e6 vs 1e6 values", () => {
    const a = normalSample(1001, 1_000_000);
    const b = normalSample(2002, 1_000_000, 0.01);
    const r = ksTwoSample(a, b);
    // A 0.01σ shift at n = 1e6 is detectable: D ≈ 0.01·φ(0) ≈ 0.004.
    assert.ok(r.statistic > 0.002 && r.statistic < 0.006, `D = ${r.statistic}`);
    assert.ok(r.p_value! < 1e-6);
  });
});

describe("ksFromCdfs", () => {
  it("agrees with the exact KS on 1e5 samples when evaluated at 256 reference quantiles", () => {
    const ref = normalSample(3003, 100_000).sort();
    const cur = normalSample(4004, 100_000, 0.05).sort();
    const points = Float64Array.from({ length: 256 }, (_, i) => ref[Math.floor(((i + 0.5) / 256) * ref.length)]!);
    const approx = ksFromCdfs(empiricalCdf(ref, points), empiricalCdf(cur, points), ref.length, cur.length);
    const exact = ksTwoSample(ref, cur);
    // D on a grid can only be smaller; a 256-point grid loses at most about the CDF's step between points.
    assert.ok(approx.statistic <= exact.statistic + 1e-12);
    assert.ok(exact.statistic - approx.statistic < 1 / 256, `${approx.statistic} vs ${exact.statistic}`);
    assert.ok(approx.p_value! >= exact.p_value!);
    assert.ok(approx.p_value! < 1e-6, "the shift is still detected");
  });

  it("uses the asymptotic p-value of the given sizes and validates its input", () => {
    // scipy.stats.kstwo.sf(0.06, round(1000·1000/2000)) = kstwo.sf(0.06, 500) = 0.05243463489026223.
    const r = ksFromCdfs([0.1, 0.5, 0.9], [0.16, 0.52, 0.9], 1000, 1000);
    assertClose(r.statistic, 0.06, 1e-12);
    assertClose(r.p_value, 0.05243463489026223, 1e-8);
    assert.deepEqual(ksFromCdfs([0.5], [0.5], 10, 10), { statistic: 0, p_value: 1 });
    assertInvalid(() => ksFromCdfs([0.1, 0.2], [0.1], 10, 10), /same points: got 2 and 1/);
    assertInvalid(() => ksFromCdfs([], [], 10, 10), /at least one evaluation point/);
    assertInvalid(() => ksFromCdfs([0.1], [1.5], 10, 10), /\[0, 1\]/);
    assertInvalid(() => ksFromCdfs([0.1], [NaN], 10, 10), /\[0, 1\]/);
    assertInvalid(() => ksFromCdfs([0.1], [0.2], 0, 10), /'nRef' must be an integer ≥ 1/);
  });
});
