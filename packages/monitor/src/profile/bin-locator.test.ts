import { test } from "node:test";
import assert from "node:assert/strict";
import { BinLocator } from "./bin-locator.js";
import { binsFromSorted, binSlot } from "./numeric-bins.js";
import { normalGenerator, sorted } from "./test-helpers.js";

test("the guide-table lookup gives binSlot's answer for light and heavy tails, edges and out-of-range values", () => {
  const z = normalGenerator(8);
  const shapes = [() => z(), () => Math.exp(3 * z()), () => Math.round(z() * 2), () => 1e300 * z()];
  for (const make of shapes) {
    const { edges } = binsFromSorted(sorted(Array.from({ length: 20_000 }, make)));
    const locator = new BinLocator(edges);
    const probes = [...Array.from({ length: 20_000 }, () => 1.5 * make()), ...edges, -Infinity, Infinity, edges[0]! - 1];
    for (const v of probes) assert.equal(locator.slot(v), binSlot(edges, v), `value ${v}`);
  }
});

test("empty and single-value edges", () => {
  assert.equal(new BinLocator(new Float64Array(0)).slot(3), 0);
  const one = binsFromSorted(Float64Array.of(2, 2, 2)).edges;
  const locator = new BinLocator(one);
  assert.deepEqual([1, 2, 3].map((v) => locator.slot(v)), [0, 1, 2]);
});
