import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { andersonDarlingKSample } from "./anderson-darling.js";
import { assertClose, assertInvalid, irisPetalLength, normalSample, roundedNormalSample } from "./test-data.js";

describe("andersonDarlingKSample", () => {
  it("matches scipy.stats.anderson_ksamp(variant='midrank') on iris with and without drift", () => {
    const drift = irisPetalLength(0.5);
    const r = andersonDarlingKSample([drift.reference, drift.current]);
    assertClose(r.statistic, 5.313544992091609, 1e-12);
    assertClose(r.p_value, 0.002681907857252471, 1e-10);
    const same = irisPetalLength(0);
    const r0 = andersonDarlingKSample([same.reference, same.current]);
    assertClose(r0.statistic, -0.7289496893840985, 1e-12);
    assert.equal(r0.p_value, 0.25); // capped: the true p-value is larger
  });

  it("matches scipy on synthetic samples, with ties, and on three samples", () => {
    const a = normalSample(101, 400);
    const b = normalSample(202, 300, 0.3);
    const c = normalSample(303, 250);
    // [samples, anderson_ksamp(samples, variant='midrank').statistic, .pvalue]
    const cases: [Float64Array[], number, number][] = [
      [[a, b], 7.86782390963102, 0.001], // floored
      [[a, c], 1.4475692527304778, 0.08215769782625769],
      [[roundedNormalSample(404, 500, 0, 2), roundedNormalSample(505, 450, 0.2, 2)], 4.024122778890482, 0.00790463681989434],
      [[a, b, c], 9.585708405462794, 0.001],
    ];
    for (const [samples, statistic, p] of cases) {
      const r = andersonDarlingKSample(samples);
      assertClose(r.statistic, statistic, 1e-12);
      assertClose(r.p_value, p, 1e-10);
    }
  });

  it("returns statistic 0 and p = 1 when every observation is the same value", () => {
    assert.deepEqual(andersonDarlingKSample([new Float64Array(5).fill(1), new Float64Array(3).fill(1)]), { statistic: 0, p_value: 1 });
  });

  it("rejects too few samples or observations, empty samples and NaN", () => {
    assertInvalid(() => andersonDarlingKSample([Float64Array.of(1, 2)]), /at least two samples/);
    assertInvalid(() => andersonDarlingKSample([Float64Array.of(1), Float64Array.of(2, 3)]), /at least 4 observations/);
    assertInvalid(() => andersonDarlingKSample([new Float64Array(0), Float64Array.of(2, 3, 4, 5)]), /'samples\[0\]' needs at least 1/);
    assertInvalid(() => andersonDarlingKSample([Float64Array.of(1, 2), Float64Array.of(2, NaN, 4)]), /'samples\[1\]' holds NaN/);
  });
});
