import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { energyDistance, normedWasserstein, wassersteinFromQuantiles, wassersteinSamples } from "./cdf-distances.js";
import { sortedCopy } from "./sorted.js";
import { assertClose, assertInvalid, irisPetalLength, midpointQuantiles, normalSample, roundedNormalSample } from "./test-data.js";

describe("wassersteinSamples, energyDistance, normedWasserstein", () => {
  it("match scipy.stats.wasserstein_distance / energy_distance and Evidently's W1/max(std, 0.001)", () => {
    const iris = irisPetalLength(0.5);
    // [a, b, energy_distance(a, b), wasserstein_distance(a, b), wasserstein_distance(a, b)/max(np.std(a), 0.001)]
    const cases: [Float64Array, Float64Array, number, number, number][] = [
      [iris.reference, iris.current, 0.36044417043420196, 0.46400000000000013, 0.26199679629617856],
      [normalSample(101, 400), normalSample(202, 300, 0.3), 0.20878318036384505, 0.29364237960129785, 0.319558248515243],
      [roundedNormalSample(404, 500, 0, 2), roundedNormalSample(505, 450, 0.2, 2), 0.1356870036627051, 0.17711111111111108, 0.16571093087563396],
      [normalSample(808, 20000), normalSample(909, 15000, 0.03), 0.03999749935442216, 0.050706161093515494, 0.05062809447340778],
    ];
    for (const [a, b, energy, w1, normed] of cases) {
      assertClose(energyDistance(a, b).statistic, energy, 1e-10);
      assert.equal(energyDistance(a, b).p_value, undefined);
      assertClose(wassersteinSamples(a, b), w1, 1e-10);
      assertClose(normedWasserstein(a, b).statistic, normed, 1e-10);
    }
  });

  it("gives 0 for identical and constant samples, and divides by 0.001 for a constant reference", () => {
    const a = normalSample(11, 100);
    assert.equal(wassersteinSamples(a, a), 0);
    assert.equal(energyDistance(a, a).statistic, 0);
    assert.equal(wassersteinSamples(Float64Array.of(4), Float64Array.of(4, 4)), 0);
    // Constants 1 and 3: W1 = 2, energy = √2·√(1·2) = 2; normed by 0.001.
    assertClose(wassersteinSamples(new Float64Array(3).fill(1), new Float64Array(2).fill(3)), 2, 1e-15);
    assertClose(energyDistance(new Float64Array(3).fill(1), new Float64Array(2).fill(3)).statistic, 2, 1e-15);
    assertClose(normedWasserstein(new Float64Array(3).fill(1), new Float64Array(2).fill(3)).statistic, 2000, 1e-12);
  });

  it("rejects empty samples and NaN", () => {
    assertInvalid(() => wassersteinSamples(new Float64Array(0), Float64Array.of(1)), /'a' needs at least 1 value/);
    assertInvalid(() => energyDistance(Float64Array.of(1), Float64Array.of(NaN)), /'b' holds NaN/);
    assertInvalid(() => normedWasserstein(new Float64Array(0), Float64Array.of(1)), /'a' needs/);
  });

  it("runs W1 and energy on 1e6 vs 1e6 values (speed: bench/monitor-drift.ts)", () => {
    const a = normalSample(1001, 1_000_000);
    const b = normalSample(2002, 1_000_000, 0.01);
    for (const run of [() => wassersteinSamples(a, b), () => energyDistance(a, b).statistic]) {
      const value = run();
      assert.ok(value > 0.005 && value < 0.03, `value ${value}`);
    }
  });
});

describe("wassersteinFromQuantiles", () => {
  it("approximates the exact W1 of 1e5-sample normals from 256 and 1024 midpoint quantiles", () => {
    const ref = sortedCopy(normalSample(5005, 100_000));
    // Seen: shift 0.5 → 1.4e-4 (256) / 8.3e-5 (1024); scale ×2 → 1.1e-3 / 3.0e-4; shift 0.05 → 2.0e-3 / 4.9e-4.
    const cases: [Float64Array, number, number][] = [
      [normalSample(6006, 100_000, 0.5), 5e-4, 2e-4],
      [normalSample(6006, 100_000, 0, 2), 2e-3, 5e-4],
      [normalSample(6006, 100_000, 0.05), 3e-3, 1e-3],
    ];
    for (const [sample, tol256, tol1024] of cases) {
      const cur = sortedCopy(sample);
      const exact = wassersteinSamples(ref, cur);
      for (const [m, tol] of [[256, tol256], [1024, tol1024]] as const) {
        const approx = wassersteinFromQuantiles(midpointQuantiles(ref, m), midpointQuantiles(cur, m));
        const rel = Math.abs(approx - exact) / exact;
        assert.ok(rel < tol, `m=${m}: relative error ${rel} ≥ ${tol}`);
      }
    }
  });

  it("is exact for a pure shift of the same quantiles and validates its input", () => {
    assertClose(wassersteinFromQuantiles([1, 2, 3], [1.5, 2.5, 3.5]), 0.5, 1e-15);
    assert.equal(wassersteinFromQuantiles([1, 2], [1, 2]), 0);
    assertInvalid(() => wassersteinFromQuantiles([1, 2], [1]), /same points: got 2 and 1/);
    assertInvalid(() => wassersteinFromQuantiles([], []), /at least one quantile/);
    assertInvalid(() => wassersteinFromQuantiles([1, NaN], [1, 2]), /quantile 1 is not finite/);
  });
});
