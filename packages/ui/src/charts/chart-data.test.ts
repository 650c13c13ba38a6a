import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { alignHistories, maxValue } from "./chart-data.js";

const p = (step: number, value: number, timestamp = 1000 + step * 1000) => ({ step, timestamp, value });

describe("alignHistories", () => {
  it("merges runs on one sorted x with gaps where a run has no point", () => {
    const data = alignHistories([[p(0, 1), p(2, 3)], [p(1, 5)]], "step", [1000, 2000], { smoothing: 0, logY: false });
    assert.deepEqual(data, [[0, 1, 2], [1, null, 3], [null, 5, null]]);
  });

  it("uses seconds for wall time and time since the run's first point for relative time", () => {
    assert.deepEqual(alignHistories([[p(0, 1), p(1, 2)]], "wall", [1000], { smoothing: 0, logY: false })[0], [1, 2]);
    assert.deepEqual(alignHistories([[p(0, 1), p(1, 2)]], "relative", [1000], { smoothing: 0, logY: false })[0], [0, 1]);
  });

  it("turns values a log axis cannot draw into gaps, and NaN into gaps", () => {
    assert.deepEqual(alignHistories([[p(0, 0), p(1, 10), p(2, Number.NaN)]], "step", [0], { smoothing: 0, logY: true })[1], [null, 10, null]);
  });

  it("finds the largest finite value", () => {
    assert.equal(maxValue([[p(0, 1), p(1, Number.POSITIVE_INFINITY)], [p(0, 7)]]), 7);
    assert.equal(maxValue([]), undefined);
  });
});
