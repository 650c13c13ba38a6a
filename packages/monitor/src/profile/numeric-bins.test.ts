import { test } from "node:test";
import assert from "node:assert/strict";
import { CairnError } from "@cairn/core";
import { binsFromSorted, binSlot, coarseBins, histogramFromSorted, nextUp } from "./numeric-bins.js";
import { sortFloat64 } from "./radix-sort.js";
import { normalGenerator, sorted } from "./test-helpers.js";
import { FINE_BINS } from "./types.js";

test("continuous values get FINE_BINS equal-mass bins and the reference fills no under/overflow", () => {
  const z = normalGenerator(1);
  const values = sorted(Array.from({ length: 25_600 }, () => z()));
  const { edges } = binsFromSorted(values);
  assert.equal(edges.length, FINE_BINS + 1);
  assert.equal(edges[0], values[0]);
  assert.ok(edges[edges.length - 1]! > values[values.length - 1]!);
  const h = histogramFromSorted(values, edges);
  assert.equal(h[0], 0);
  assert.equal(h[h.length - 1], 0);
  for (let i = 1; i < h.length - 1; i++) assert.equal(h[i], 100, `bin ${i}`);
});

test("few distinct values get one bin each; ties never produce empty or duplicate edges", () => {
  const values = sorted([3, 1, 1, 2, 2, 2, 7, 7, 1, 3]);
  const { edges } = binsFromSorted(values);
  assert.deepEqual([...edges], [1, 2, 3, 7, nextUp(7)]);
  assert.deepEqual([...histogramFromSorted(values, edges)], [0, 3, 3, 2, 2, 0]);
  // Many distinct values but one dominant: the dominant value's quantile edges collapse into one.
  const heavy = sorted([...Array(10_000).fill(0), ...Array.from({ length: 10_000 }, (_, i) => i + 1)]);
  const e = binsFromSorted(heavy).edges;
  for (let i = 1; i < e.length; i++) assert.ok(e[i]! > e[i - 1]!);
  assert.ok(e.length < FINE_BINS + 1 && e.length > FINE_BINS / 2 - 5, `${e.length} edges`);
});

test("an empty reference gives empty edges and a one-slot histogram", () => {
  const { edges } = binsFromSorted(new Float64Array(0));
  assert.equal(edges.length, 0);
  assert.equal(binSlot(edges, 5), 0);
  assert.deepEqual([...histogramFromSorted(new Float64Array(0), edges)], [0]);
});

test("binSlot: underflow, left-closed bins, overflow at the last edge", () => {
  const edges = Float64Array.of(0, 1, 2);
  assert.deepEqual(
    [-1, 0, 0.5, 1, 1.999, 2, 5].map((v) => binSlot(edges, v)),
    [0, 1, 1, 2, 2, 3, 3],
  );
});

test("histogramFromSorted agrees with binning each value", () => {
  const z = normalGenerator(9);
  const ref = sorted(Array.from({ length: 3000 }, () => z()));
  const { edges } = binsFromSorted(ref);
  const current = sorted(Array.from({ length: 2000 }, () => 0.5 + 1.5 * z()));
  const expected = new Float64Array(edges.length + 1);
  for (const v of current) expected[binSlot(edges, v)]!++;
  assert.deepEqual(histogramFromSorted(current, edges), expected);
  assert.ok(expected[0]! > 0 && expected[edges.length]! > 0); // the shifted data reaches both tails
});

test("coarseBins groups equal reference mass, keeps under/overflow, and groups the current histogram alike", () => {
  const ref = Float64Array.of(0, ...Array(256).fill(10), 0);
  const coarse = coarseBins(ref, 10);
  assert.equal(coarse.length, 12);
  assert.equal(coarse[0], 0);
  assert.equal(coarse.reduce((a, b) => a + b, 0), 2560);
  for (let g = 1; g <= 10; g++) assert.ok(Math.abs(coarse[g]! - 256) <= 10, `group ${g}: ${coarse[g]}`);
  const current = Float64Array.of(5, ...Array.from({ length: 256 }, (_, i) => i), 7);
  const grouped = coarseBins(current, 10, ref);
  assert.equal(grouped[0], 5);
  assert.equal(grouped[11], 7);
  assert.equal(grouped.reduce((a, b) => a + b, 0), 5 + 7 + (255 * 256) / 2);
  // A heavy fine bin is never split: few values keep one group each.
  assert.deepEqual([...coarseBins(Float64Array.of(0, 90, 5, 5, 0), 10)], [0, 90, 5, 5, 0]);
});

test("coarseBins rejects a bad group count and histograms of different bins", () => {
  assert.throws(() => coarseBins(Float64Array.of(0, 1, 0), 0), CairnError);
  assert.throws(() => coarseBins(Float64Array.of(0, 1, 0), 2, Float64Array.of(0, 1, 1, 0)), /same bins/);
});

test("the radix sort sorts like TypedArray#sort, negatives, zeros, integers and repeats included", () => {
  const z = normalGenerator(4);
  for (const make of [() => z() * 1e6, () => Math.round(z() * 3), () => (z() > 0 ? 0 : -0), () => Math.exp(z() * 50)]) {
    const values = Float64Array.from({ length: 5000 }, make);
    const expected = values.slice().sort();
    sortFloat64(values);
    assert.deepEqual(values, expected);
  }
});
