import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { welchTTest } from "./welch-t-test.js";
import { assertClose, assertInvalid, normalSample } from "./test-data.js";

function summarise(x: Float64Array): { n: number; mean: number; variance: number } {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1);
  return { n: x.length, mean, variance };
}

describe("welchTTest", () => {
  it("matches scipy.stats.ttest_ind(b, a, equal_var=False) and its confidence_interval", () => {
    const a = summarise(normalSample(101, 400));
    const b = summarise(normalSample(202, 300, 0.3));
    // The summaries the expected values were computed from (numpy mean / var(ddof=1)).
    assertClose(a.mean, -0.018915352787199018, 1e-12);
    assertClose(b.variance, 1.0137539384436642, 1e-12);
    const input = { nA: a.n, meanA: a.mean, varA: a.variance, nB: b.n, meanB: b.mean, varB: b.variance };
    const r = welchTTest(input);
    assertClose(r.statistic, 3.9515921498169706, 1e-12);
    assertClose(r.p_value, 8.66966242992488e-5, 1e-9);
    assertClose(r.effect, b.mean - a.mean, 1e-15);
    assertClose(r.ci_low, 0.1473532454749386, 1e-10);
    assertClose(r.ci_high, 0.4385183836013841, 1e-10);
    assertClose(r.relative_effect, r.effect / Math.abs(a.mean), 1e-12);
    const r90 = welchTTest(input, 0.9);
    assertClose(r90.ci_low, 0.17081591835566573, 1e-10);
    assertClose(r90.ci_high, 0.41505571072065695, 1e-10);
    assert.equal(r90.p_value, r.p_value);
  });

  it("handles zero variances: equal means p = 1, different means p = 0", () => {
    assert.deepEqual(welchTTest({ nA: 5, meanA: 2, varA: 0, nB: 7, meanB: 2, varB: 0 }), {
      statistic: 0, p_value: 1, effect: 0, ci_low: 0, ci_high: 0, confidence: 0.95, relative_effect: 0,
    });
    const diff = welchTTest({ nA: 5, meanA: 2, varA: 0, nB: 7, meanB: 3, varB: 0 });
    assert.equal(diff.statistic, Infinity);
    assert.equal(diff.p_value, 0);
    assert.equal(diff.ci_low, 1);
    assert.equal(welchTTest({ nA: 5, meanA: 0, varA: 1, nB: 7, meanB: 3, varB: 1 }).relative_effect, undefined);
  });

  it("rejects n < 2, negative variances and non-finite means", () => {
    assertInvalid(() => welchTTest({ nA: 1, meanA: 0, varA: 1, nB: 5, meanB: 0, varB: 1 }), /'nA' must be an integer ≥ 2/);
    assertInvalid(() => welchTTest({ nA: 3, meanA: 0, varA: -1, nB: 5, meanB: 0, varB: 1 }), /'varA' must be a number in \[0, Infinity\]/);
    assertInvalid(() => welchTTest({ nA: 3, meanA: NaN, varA: 1, nB: 5, meanB: 0, varB: 1 }), /'meanA' must be a finite number/);
  });
});
