import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { benjaminiHochberg } from "./multiple-testing.js";
import { assertClose, assertInvalid } from "./test-data.js";

describe("benjaminiHochberg", () => {
  it("matches scipy.stats.false_discovery_control(ps, method='bh')", () => {
    const cases: [number[], number[]][] = [
      [[0.01, 0.04, 0.03, 0.5, 0.2, 0.001], [0.03, 0.06, 0.06, 0.5, 0.24, 0.006]],
      [[0.5, 0.6, 0.1, 0.001], [0.6, 0.6, 0.2, 0.004]],
    ];
    for (const [ps, expected] of cases) {
      const adjusted = benjaminiHochberg(ps);
      expected.forEach((e, i) => assertClose(adjusted[i], e, 1e-12));
    }
  });

  it("keeps NaN and undefined in place without counting them", () => {
    const adjusted = benjaminiHochberg([0.5, NaN, 0.6, undefined, 0.1, 0.001]);
    assert.ok(Number.isNaN(adjusted[1]));
    assert.equal(adjusted[3], undefined);
    [0.6, 0.6, 0.2, 0.004].forEach((e, i) => assertClose(adjusted[[0, 2, 4, 5][i]!], e, 1e-12));
    assert.deepEqual(benjaminiHochberg([]), []);
    assert.deepEqual(benjaminiHochberg([1, 1]), [1, 1]);
  });

  it("rejects values outside [0, 1] and leaves the input alone", () => {
    assertInvalid(() => benjaminiHochberg([0.1, 1.2]), /entry 1 is 1.2/);
    assertInvalid(() => benjaminiHochberg([-0.1]), /entry 0 is -0.1/);
    const ps = [0.3, 0.01];
    benjaminiHochberg(ps);
    assert.deepEqual(ps, [0.3, 0.01]);
  });
});
