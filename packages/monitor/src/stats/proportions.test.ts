import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { twoProportionTest, zTestTwoProportions } from "./proportions.js";
import { assertClose, assertInvalid } from "./test-data.js";

describe("zTestTwoProportions", () => {
  it("is the pooled two-sided z-test (Evidently's sign: p1 − p2)", () => {
    // z = (p2 − p1)/√(P(1−P)(1/n1 + 1/n2)) by numpy, p = 2·scipy.stats.norm.sf(|z|); chi2_contingency
    // on [[850, 150], [871, 129]] (correction=False) gives the same p = 0.17531571638377658.
    const r = zTestTwoProportions(850, 1000, 871, 1000);
    assertClose(r.statistic, -1.3553197149310552, 1e-12);
    assertClose(r.p_value, 0.17531571638377996, 1e-10);
  });

  it("gives p = 1 when both sides hold one and the same value, and rejects bad counts", () => {
    assert.deepEqual(zTestTwoProportions(10, 10, 30, 30), { statistic: 0, p_value: 1 });
    assert.deepEqual(zTestTwoProportions(0, 10, 0, 30), { statistic: 0, p_value: 1 });
    // All ones against all zeros: P = ½, z = 1/√(¼·(1/10 + 1/10)) = √20, finite with a tiny p.
    const extreme = zTestTwoProportions(10, 10, 0, 10);
    assertClose(extreme.statistic, Math.sqrt(20), 1e-12);
    assert.ok(extreme.p_value! < 1e-4);
    assertInvalid(() => zTestTwoProportions(11, 10, 1, 10), /'x1' \(11\) cannot exceed 'n1' \(10\)/);
    assertInvalid(() => zTestTwoProportions(1, 0, 1, 10), /'n1' must be an integer ≥ 1/);
    assertInvalid(() => zTestTwoProportions(1.5, 10, 1, 10), /'x1' must be an integer ≥ 0/);
    assertInvalid(() => zTestTwoProportions(1, 10, NaN, 10), /'x2' must be an integer/);
  });
});

describe("twoProportionTest", () => {
  it("gives the pooled p-value and the unpooled Wald interval of pB − pA", () => {
    // numpy/scipy: z, 2·norm.sf(|z|), pB − pA ± norm.ppf(0.975)·√(pA(1−pA)/nA + pB(1−pB)/nB).
    const r = twoProportionTest({ successesA: 850, nA: 1000, successesB: 871, nB: 1000 });
    assertClose(r.statistic, 1.3553197149310552, 1e-12);
    assertClose(r.p_value, 0.17531571638377996, 1e-10);
    assertClose(r.effect, 0.021, 1e-12);
    assertClose(r.ci_low, -0.00935471085800145, 1e-10);
    assertClose(r.ci_high, 0.05135471085800149, 1e-10);
    assertClose(r.relative_effect, 0.021 / 0.85, 1e-12);
    assert.equal(r.confidence, 0.95);
    const u = twoProportionTest({ successesA: 120, nA: 1000, successesB: 150, nB: 1100 });
    assertClose(u.statistic, 1.11886678885699, 1e-12);
    assertClose(u.p_value, 0.26319697322486246, 1e-10);
    assertClose(u.ci_low, -0.01221841561489908, 1e-10);
    assertClose(u.ci_high, 0.044945688342171795, 1e-10);
  });

  it("narrows with lower confidence and documents its degenerate cases", () => {
    const wide = twoProportionTest({ successesA: 50, nA: 100, successesB: 60, nB: 100 }, 0.99);
    const narrow = twoProportionTest({ successesA: 50, nA: 100, successesB: 60, nB: 100 }, 0.8);
    assert.ok(wide.ci_high - wide.ci_low > narrow.ci_high - narrow.ci_low);
    const zero = twoProportionTest({ successesA: 0, nA: 100, successesB: 0, nB: 100 });
    assert.deepEqual(zero, { statistic: 0, p_value: 1, effect: 0, ci_low: 0, ci_high: 0, confidence: 0.95 });
    const fromZero = twoProportionTest({ successesA: 0, nA: 100, successesB: 5, nB: 100 });
    assert.equal(fromZero.relative_effect, undefined);
    assertInvalid(() => twoProportionTest({ successesA: 1, nA: 10, successesB: 1, nB: 10 }, 1), /'confidence' must be strictly between 0 and 1/);
  });
});
