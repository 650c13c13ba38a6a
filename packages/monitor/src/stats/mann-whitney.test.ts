import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mannWhitneyU } from "./mann-whitney.js";
import { kthPairwiseDifference } from "./pairwise-differences.js";
import { assertClose, assertInvalid, irisPetalLength, mulberry32, normalSample, roundedNormalSample } from "./test-data.js";

/** All pairwise differences y_j − x_i, sorted (the brute-force reference). */
function allDifferences(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length * y.length);
  let k = 0;
  for (const yj of y) for (const xi of x) out[k++] = yj - xi;
  return out.sort();
}

describe("kthPairwiseDifference", () => {
  it("equals brute force for every rank on small samples, with ties, negatives and zeros", () => {
    const rand = mulberry32(99);
    for (let trial = 0; trial < 20; trial++) {
      const x = Float64Array.from({ length: 1 + Math.floor(rand() * 30) }, () => Math.round(rand() * 6 - 3) / 2).sort();
      const y = Float64Array.from({ length: 1 + Math.floor(rand() * 30) }, () => Math.round(rand() * 6 - 2) / 2).sort();
      const all = allDifferences(x, y);
      for (let k = 1; k <= all.length; k++) assert.equal(kthPairwiseDifference(x, y, k), all[k - 1]);
    }
  });

  it("equals brute force on 300 × 250 continuous values (beyond the final-selection bracket)", () => {
    const x = normalSample(31, 3000).sort();
    const y = normalSample(32, 2500, 0.2).sort();
    const all = allDifferences(x, y);
    for (const k of [1, 17, Math.floor(all.length / 3), Math.floor(all.length / 2), all.length - 5, all.length]) {
      assert.equal(kthPairwiseDifference(x, y, k), all[k - 1]);
    }
  });
});

describe("mannWhitneyU", () => {
  it("matches scipy.stats.mannwhitneyu(b, a, method='asymptotic') and brute-force Hodges–Lehmann on iris", () => {
    const { reference, current } = irisPetalLength(0.5);
    const r = mannWhitneyU(reference, current);
    // U, p from scipy; effect = np.median(d), CI = d[k−1], d[nm−k] with k = ⌊nm/2 − 1.96σ_U⌋ (numpy).
    assert.equal(r.statistic, 3444);
    assertClose(r.p_value, 0.01762640954671442, 1e-10);
    assertClose(r.effect, 0.5, 1e-12);
    assertClose(r.ci_low, 0.10000000000000009, 1e-12);
    assertClose(r.ci_high, 0.7999999999999998, 1e-12);
    assertClose(r.probability_superiority, 0.6122666666666666, 1e-12);
    assertClose(r.relative_effect, 0.5 / 4.5, 1e-12); // np.median of the reference petal lengths is 4.5
  });

  it("matches scipy and numpy on synthetic samples, with ties and tiny samples", () => {
    // [a, b, U of b, p, median(d), d[k−1], d[nm−k], U/nm]
    const cases: [Float64Array, Float64Array, number, number, number, number, number, number][] = [
      [normalSample(101, 400), normalSample(202, 300, 0.3), 69114, 0.0005771710687178318, 0.2661200493419579, 0.11368691248741725, 0.41179139464198333, 0.57595],
      [roundedNormalSample(404, 500, 0, 2), roundedNormalSample(505, 450, 0.2, 2), 123081, 0.011344576244544036, 0, 0, 0.5, 0.5470266666666667],
      [normalSample(606, 15), normalSample(707, 12, 1), 151, 0.003156230282702002, 1.3700364166447772, 0.43449091973899234, 2.247957489922409, 0.8388888888888889],
    ];
    for (const [a, b, u, p, effect, lo, hi, ps] of cases) {
      const r = mannWhitneyU(a, b);
      assert.equal(r.statistic, u);
      assertClose(r.p_value, p, 1e-10);
      assertClose(r.effect, effect, 1e-12);
      assertClose(r.ci_low, lo, 1e-12);
      assertClose(r.ci_high, hi, 1e-12);
      assertClose(r.probability_superiority, ps, 1e-12);
    }
  });

  it("covers a known shift and stays close to the exact shift on thinned large samples", () => {
    const a = normalSample(1111, 200_000);
    const b = normalSample(2222, 150_000, 0.1);
    const r = mannWhitneyU(a, b);
    assert.ok(r.ci_low < 0.1 && 0.1 < r.ci_high, `[${r.ci_low}, ${r.ci_high}]`);
    // The exact median of all 3e10 differences, by the same selection on the full sorted samples.
    const x = a.slice().sort();
    const y = b.slice().sort();
    const total = x.length * y.length;
    const exact = (kthPairwiseDifference(x, y, total / 2) + kthPairwiseDifference(x, y, total / 2 + 1)) / 2;
    assert.ok(Math.abs(r.effect - exact) < 1e-3, `${r.effect} vs exact ${exact}`);
    assert.ok(r.p_value < 1e-20);
  });

  it("handles a single value and all-tied data (p = 1 where scipy gives NaN)", () => {
    const one = mannWhitneyU(Float64Array.of(5), Float64Array.of(1, 7));
    assert.equal(one.statistic, 1);
    assert.equal(one.p_value, 1);
    assert.equal(one.effect, -1);
    const tied = mannWhitneyU(new Float64Array(3).fill(2), new Float64Array(4).fill(2));
    assert.deepEqual(
      { ...tied },
      { statistic: 6, p_value: 1, effect: 0, ci_low: 0, ci_high: 0, confidence: 0.95, probability_superiority: 0.5, relative_effect: 0 },
    );
  });

  it("rejects empty samples, NaN and a bad confidence; leaves inputs alone", () => {
    assertInvalid(() => mannWhitneyU(new Float64Array(0), Float64Array.of(1)), /'a' needs at least 1 value/);
    assertInvalid(() => mannWhitneyU(Float64Array.of(1), Float64Array.of(NaN)), /'b' holds NaN/);
    assertInvalid(() => mannWhitneyU(Float64Array.of(1), Float64Array.of(2), 0), /'confidence'/);
    const a = Float64Array.of(3, 1, 2);
    mannWhitneyU(a, Float64Array.of(0, 5));
    assert.deepEqual([...a], [3, 1, 2]);
  });
});
