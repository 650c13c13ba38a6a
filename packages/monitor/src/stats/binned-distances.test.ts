import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hellingerDistance, jensenShannonDistance, klDivergence, psi } from "./binned-distances.js";
import { chiSquareTwoSample } from "./chi-square.js";
import { assertClose, assertInvalid, irisPetalLength } from "./test-data.js";

/** Iris petal lengths in 14 bins of width 0.5 from 1.0 (bin ⌊(v − 1)/0.5⌋). */
function irisCounts(): { ref: Float64Array; cur: Float64Array } {
  const { reference, current } = irisPetalLength(0.5);
  const bin = (values: Float64Array): Float64Array => {
    const counts = new Float64Array(14);
    for (const v of values) counts[Math.floor((v - 1) / 0.5)]!++;
    return counts;
  };
  return { ref: bin(reference), cur: bin(current) };
}

describe("binned distances on iris with drift", () => {
  const { ref, cur } = irisCounts();

  it("bins the data as the expected values assume (and has empty bins on both sides)", () => {
    assert.deepEqual([...ref], [14, 11, 0, 0, 1, 4, 7, 16, 5, 13, 2, 2, 0, 0]);
    assert.deepEqual([...cur], [0, 10, 15, 0, 0, 2, 4, 11, 9, 13, 4, 5, 2, 0]);
  });

  it("jensenShannonDistance matches scipy.spatial.distance.jensenshannon (base e and 2)", () => {
    assertClose(jensenShannonDistance(ref, cur), 0.408311170501931, 1e-12);
    assertClose(jensenShannonDistance(ref, cur, 2), 0.4904316966476942, 1e-12);
    assert.equal(jensenShannonDistance([1, 2, 3], [2, 4, 6]), 0);
    assertClose(jensenShannonDistance([1, 0], [0, 1]), Math.sqrt(Math.LN2), 1e-15);
  });

  it("psi and klDivergence match Evidently's zero filling (numpy; KL via scipy.stats.entropy)", () => {
    // Shares with empty bins → 1e-4; psi = Σ(p−q)ln(p/q), kl = scipy.stats.entropy(p_filled, q_filled).
    assertClose(psi(ref, cur), 3.2913768953672426, 1e-12);
    assertClose(klDivergence(ref, cur), 1.5702556575275453, 1e-12);
    // A share ≤ 1e-4 switches the fill to min_nonzero/1e6.
    const p = [1e6 - 3, 1, 2, 0];
    const q = [5e5, 0, 1, 5e5 - 1];
    assertClose(psi(p, q), 13.815493549273533, 1e-12);
    assertClose(klDivergence(p, q), 0.6931573029001916, 1e-12);
    assert.equal(psi([5, 5], [1, 1]), 0);
    assert.equal(klDivergence([5, 5], [1, 1]), 0);
  });

  it("hellingerDistance matches √(1 − Σ√(p·q)) (numpy) and spans [0, 1]", () => {
    assertClose(hellingerDistance(ref, cur), 0.4820314497704836, 1e-12);
    assert.equal(hellingerDistance([3, 1], [6, 2]), 0);
    assertClose(hellingerDistance([1, 0], [0, 1]), 1, 1e-15);
  });
});

describe("chiSquareTwoSample", () => {
  it("matches scipy.stats.chi2_contingency(correction=False) after dropping bins empty on both sides", () => {
    const { ref, cur } = irisCounts();
    // chi2_contingency(np.array([ref, cur])[:, nonempty], correction=False): 12 bins, dof 11.
    const r = chiSquareTwoSample(ref, cur);
    assertClose(r.statistic, 37.553631553631554, 1e-12);
    assertClose(r.p_value, 9.302968856022025e-5, 1e-8);
    const r3 = chiSquareTwoSample([10, 20, 30, 0], [15, 15, 25, 0]);
    assertClose(r3.statistic, 1.9551357733175911, 1e-12);
    assertClose(r3.p_value, 0.3762250088979317, 1e-10);
    // Two bins: still no Yates correction with correction=False.
    const r2 = chiSquareTwoSample([10, 20], [15, 15]);
    assertClose(r2.statistic, 1.7142857142857144, 1e-12);
    assertClose(r2.p_value, 0.19043026382552036, 1e-10);
  });

  it("returns statistic 0, p = 1 when only one bin holds data", () => {
    assert.deepEqual(chiSquareTwoSample([0, 7, 0], [0, 3, 0]), { statistic: 0, p_value: 1 });
  });
});

describe("count validation", () => {
  it("rejects mismatched lengths, negative or NaN counts, empty vectors and all-zero sides", () => {
    for (const fn of [jensenShannonDistance, psi, klDivergence, hellingerDistance, chiSquareTwoSample]) {
      assertInvalid(() => fn([1, 2], [1, 2, 3]), /same bins: got 2 and 3/);
      assertInvalid(() => fn([1, -2], [1, 2]), /'reference counts' holds -2 at bin 1/);
      assertInvalid(() => fn([1, 2], [NaN, 2]), /'current counts' holds NaN at bin 0/);
      assertInvalid(() => fn([], []), /at least one bin/);
      assertInvalid(() => fn([0, 0], [1, 2]), /reference counts are all zero/);
      assertInvalid(() => fn([1, 2], [0, 0]), /current counts are all zero/);
    }
    assertInvalid(() => jensenShannonDistance([1], [1], 1), /'base' must be a positive number other than 1/);
  });
});
