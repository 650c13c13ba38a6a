import { test } from "node:test";
import assert from "node:assert/strict";
import { CairnError } from "@cairn/core";
import { createRng } from "./rng.js";
import { emptySample, mergeSamples, Reservoir } from "./sample.js";
import type { Sample } from "./types.js";

/** A sample of rows 0..n-1 (column "x" = row number) with the given seed. */
function sampleRows(n: number, capacity: number, seed: number, first = 0): Sample {
  const rng = createRng(seed);
  const r = new Reservoir(capacity, 1);
  for (let i = 0; i < n; i++) {
    const slot = r.offer(rng());
    if (slot >= 0) r.columns[0]![slot] = first + i;
  }
  return r.toSample(["x"]);
}

test("the reservoir keeps exactly the rows with the k largest keys, in descending key order", () => {
  const rng = createRng(42);
  const keys = Array.from({ length: 5000 }, () => rng());
  const r = new Reservoir(300, 1);
  keys.forEach((k, i) => {
    const slot = r.offer(k);
    if (slot >= 0) r.columns[0]![slot] = i;
  });
  const s = r.toSample(["x"]);
  const expected = keys.map((k, i) => [k, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 300);
  assert.deepEqual([...s.keys], expected.map((e) => e[0]));
  assert.deepEqual([...s.columns.x!], expected.map((e) => e[1]));
});

test("inclusion is uniform: over 2000 seeds every row of 50 is kept about as often (chi-square)", () => {
  const n = 50;
  const k = 10;
  const seeds = 2000;
  const hits = new Float64Array(n);
  for (let seed = 0; seed < seeds; seed++) for (const x of sampleRows(n, k, seed).columns.x!) hits[x]!++;
  const expected = (seeds * k) / n;
  let chi2 = 0;
  for (const h of hits) chi2 += ((h - expected) * (h - expected)) / expected;
  // scipy.stats.chi2.ppf(0.999, 49) = 85.3506: a uniform sampler exceeds it once in 1000 runs.
  assert.ok(chi2 < 85.3506, `chi-square ${chi2}`);
  // A sampler that favoured late rows (as "keep the last k" does) would fail: check the test can tell.
  const late = new Float64Array(n).fill(0);
  for (let i = n - k; i < n; i++) late[i] = seeds;
  let chi2Late = 0;
  for (const h of late) chi2Late += ((h - expected) * (h - expected)) / expected;
  assert.ok(chi2Late > 85.3506);
});

test("merging keeps the k largest keys of the union and equals sampling the union", () => {
  const a = sampleRows(3000, 200, 1, 0);
  const b = sampleRows(3000, 200, 2, 3000);
  const merged = mergeSamples(a, b);
  const union = [...a.keys].map((k, i) => [k, a.columns.x![i]!] as const).concat([...b.keys].map((k, i) => [k, b.columns.x![i]!] as const));
  union.sort((p, q) => q[0] - p[0]);
  assert.deepEqual([...merged.keys], union.slice(0, 200).map((u) => u[0]));
  assert.deepEqual([...merged.columns.x!], union.slice(0, 200).map((u) => u[1]));
  // Both halves contribute roughly equally.
  const fromB = [...merged.columns.x!].filter((x) => x >= 3000).length;
  assert.ok(fromB > 60 && fromB < 140, `${fromB} rows from b`);
});

test("merging takes the smaller capacity, fills a column absent on one side with NaN, and keeps a small union whole", () => {
  const a: Sample = { capacity: 5, keys: Float64Array.of(0.9, 0.5), columns: { x: Float64Array.of(1, 2) } };
  const b: Sample = { capacity: 3, keys: Float64Array.of(0.7), columns: { y: Float64Array.of(30) } };
  const m = mergeSamples(a, b);
  assert.equal(m.capacity, 3);
  assert.deepEqual([...m.keys], [0.9, 0.7, 0.5]);
  assert.deepEqual([...m.columns.x!], [1, NaN, 2]);
  assert.deepEqual([...m.columns.y!], [NaN, 30, NaN]);
  // Unsorted input (built by hand) is ordered first.
  const c: Sample = { capacity: 2, keys: Float64Array.of(0.1, 0.8, 0.3), columns: { x: Float64Array.of(1, 2, 3) } };
  assert.deepEqual([...mergeSamples(c, emptySample(2, [])).columns.x!], [2, 3]);
});

test("capacities must be positive integers", () => {
  assert.throws(() => emptySample(0, []), CairnError);
  assert.throws(() => new Reservoir(2.5, 1), /positive integer/);
  assert.deepEqual(Object.keys(emptySample(3, [{ name: "a", kind: "numeric" }, { name: "b", kind: "categorical" }]).columns), ["a"]);
});
