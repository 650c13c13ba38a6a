import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { emaSmooth } from "./smoothing.js";

describe("emaSmooth", () => {
  it("returns the values unchanged at weight 0", () => {
    assert.deepEqual(emaSmooth([1, 5, null, 2], 0), [1, 5, null, 2]);
  });

  it("debiases the start so a constant series stays constant", () => {
    for (const v of emaSmooth([3, 3, 3, 3, 3], 0.9)) assert.ok(Math.abs((v as number) - 3) < 1e-12);
  });

  it("averages with TensorBoard's formula and skips gaps and non-finite values", () => {
    const out = emaSmooth([0, 10, null, Number.NaN, 10], 0.5);
    assert.equal(out[0], 0);
    assert.ok(Math.abs((out[1] as number) - 5 / 0.75) < 1e-12);
    assert.equal(out[2], null);
    assert.ok(Number.isNaN(out[3] as number));
    assert.ok(Math.abs((out[4] as number) - 7.5 / 0.875) < 1e-12);
  });

  it("damps a spike more as the weight grows", () => {
    const series = [1, 1, 1, 100, 1, 1];
    const peak = (w: number) => Math.max(...(emaSmooth(series, w) as number[]));
    assert.ok(peak(0.9) < peak(0.5) && peak(0.5) < 100);
  });
});
