import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sortedCopy } from "./sorted.js";
import { normalSample } from "./test-data.js";

describe("sortedCopy", () => {
  it("sorts large arrays like the native numeric sort, signed zeros, subnormals and infinities included", () => {
    const x = normalSample(77, 50_000).map((v) => v * 1e3);
    x.set([-0, 0, -Infinity, Infinity, 5e-324, -5e-324, -1e308, 1e308], 100);
    const copy = x.slice();
    const sorted = sortedCopy(x);
    assert.deepEqual([...sorted], [...x.slice().sort()]);
    assert.deepEqual([...x], [...copy], "input untouched");
  });

  it("sorts small arrays and constant arrays", () => {
    assert.deepEqual([...sortedCopy(Float64Array.of(3, -1, 2))], [-1, 2, 3]);
    assert.deepEqual([...sortedCopy(new Float64Array(5000).fill(7))], new Array(5000).fill(7));
    assert.equal(sortedCopy(new Float64Array(0)).length, 0);
  });
});
