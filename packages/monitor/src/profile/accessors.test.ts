import { test } from "node:test";
import assert from "node:assert/strict";
import { histogramShares, missingRate, quantile, variance } from "./accessors.js";
import { emptyCategoricalProfile, emptyNumericProfile, addNumericValue } from "./feature-profile.js";
import { binSlot } from "./numeric-bins.js";
import { SKETCH_RELATIVE_ACCURACY } from "./quantile-sketch.js";

const edges = Float64Array.of(0, 2, 4);

test("variance, missing rate, shares and quantiles of a small profile", () => {
  const p = emptyNumericProfile(edges.length + 1);
  for (const v of [1.5, -2.0, 3.25, 4.0, 10.0, 0.5]) addNumericValue(p, v, binSlot(edges, v));
  p.missing = 3;
  p.invalid = 1;
  // numpy: np.mean(x) = 2.875, np.var(x, ddof=1) = 16.69375 for x = [1.5, -2, 3.25, 4, 10, 0.5]
  assert.ok(Math.abs(p.mean - 2.875) < 1e-12);
  assert.ok(Math.abs(variance(p) - 16.69375) < 1e-12);
  assert.equal(missingRate(p), 0.3);
  assert.deepEqual([...histogramShares(p)], [1 / 6, 2 / 6, 1 / 6, 2 / 6]);
  assert.equal(quantile(p, 0), -2);
  assert.equal(quantile(p, 1), 10);
  const median = quantile(p, 0.5); // x_(⌊0.5·5⌋) = x_(2) = 1.5
  assert.ok(Math.abs(median - 1.5) <= SKETCH_RELATIVE_ACCURACY * 1.5, `${median}`);
});

test("an empty profile: NaN variance and quantile, zero rate and shares", () => {
  const p = emptyNumericProfile(4);
  assert.ok(Number.isNaN(variance(p)));
  assert.ok(Number.isNaN(quantile(p, 0.5)));
  assert.equal(missingRate(p), 0);
  assert.deepEqual([...histogramShares(p)], [0, 0, 0, 0]);
  const c = emptyCategoricalProfile();
  c.missing = 1;
  c.count = 3;
  assert.equal(missingRate(c), 0.25);
});
