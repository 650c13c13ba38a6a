import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { abVerdict } from "./ab-verdict.js";
import { twoProportionTest } from "./proportions.js";
import { assertInvalid } from "./test-data.js";
import type { ABTestResult } from "./types.js";

const result = (p_value: number, effect: number, ci_low: number, ci_high: number): ABTestResult => ({
  statistic: 1,
  p_value,
  effect,
  ci_low,
  ci_high,
  confidence: 0.95,
});

describe("abVerdict", () => {
  it("states a significant improvement in points with its interval and the winner", () => {
    const v = abVerdict({ metric: "accuracy", higher_is_better: true, variant_a: "7", variant_b: "8", unit: "points", result: result(0.001, 0.021, 0.008, 0.034) });
    assert.deepEqual(v, {
      significant: true,
      winner: "8",
      text: "Version 8 has a higher accuracy than version 7: +2.1 points (95% CI +0.8 to +3.4), p = 0.001. Version 8 is better.",
    });
  });

  it("says no significant difference and asks for more data", () => {
    const v = abVerdict({ metric: "p99 latency", higher_is_better: false, variant_a: "7", variant_b: "8", unit: "ms", result: result(0.41, 3.1, -4.2, 10.4) });
    assert.equal(v.significant, false);
    assert.equal(v.winner, undefined);
    assert.equal(
      v.text,
      "No significant difference in p99 latency between version 7 and version 8 (p = 0.41); collect more data: the difference could be anywhere from −4.2 to +10.4 ms (95% CI).",
    );
  });

  it("picks the control as winner when a lower value is better and the candidate is higher", () => {
    const v = abVerdict({ metric: "p99 latency", higher_is_better: false, variant_a: "baseline", variant_b: "candidate", unit: "ms", result: result(0.0003, 12.4, 5.2, 19.6) });
    assert.equal(v.winner, "baseline");
    assert.equal(v.text, "Candidate has a higher p99 latency than baseline: +12.4 ms (95% CI +5.2 to +19.6), p < 0.001. Baseline is better.");
  });

  it("keeps enough digits in p to stay on the right side of alpha, and honours a custom alpha", () => {
    const v = abVerdict({ metric: "error rate", higher_is_better: false, variant_a: "3", variant_b: "4", unit: "points", result: result(0.0498, -0.0123, -0.0245, -0.0001) });
    assert.equal(v.winner, "4");
    assert.match(v.text, /^Version 4 has a lower error rate than version 3: −1\.2 points .* p = 0\.0498\. Version 4 is better\.$/);
    const strict = abVerdict({ metric: "error rate", higher_is_better: false, variant_a: "3", variant_b: "4", alpha: 0.01, result: result(0.0498, -0.0123, -0.0245, -0.0001) });
    assert.equal(strict.significant, false);
    assert.match(strict.text, /\(p = 0\.05\)/);
  });

  it("reads a real two-proportion result", () => {
    const r = twoProportionTest({ successesA: 8000, nA: 10_000, successesB: 8210, nB: 10_000 });
    const v = abVerdict({ metric: "accuracy", higher_is_better: true, variant_a: "1.2", variant_b: "1.3", unit: "points", result: r });
    assert.equal(v.significant, true);
    assert.match(v.text, /^Version 1\.3 has a higher accuracy than version 1\.2: \+2\.1 points \(95% CI \+1\.0 to \+3\.2\), p < 0\.001\./);
  });

  it("rejects a missing or out-of-range p-value, non-finite effects and a bad alpha", () => {
    const input = { metric: "m", higher_is_better: true, variant_a: "a", variant_b: "b" };
    assertInvalid(() => abVerdict({ ...input, result: result(NaN, 1, 0, 2) }), /p_value must be in \[0, 1\]/);
    assertInvalid(() => abVerdict({ ...input, result: result(0.5, Infinity, 0, 2) }), /must be finite/);
    assertInvalid(() => abVerdict({ ...input, alpha: 0, result: result(0.5, 1, 0, 2) }), /'alpha'/);
  });
});
