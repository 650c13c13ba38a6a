import assert from "node:assert/strict";
import { test } from "node:test";
import { mergeSamples, offerSample } from "./priority-sample.js";
import { seededRandom } from "./test-random.js";

function pairs(sample: { sample: number[]; sample_keys: number[] }): string[] {
  return sample.sample.map((v, i) => `${v}:${sample.sample_keys[i]}`).sort();
}

test("the sample keeps the values with the smallest keys, bounded by size", () => {
  const values: number[] = [];
  const keys: number[] = [];
  const input = [0.9, 0.1, 0.5, 0.3, 0.7, 0.2];
  input.forEach((k, i) => offerSample(values, keys, i, k, 3));
  assert.equal(values.length, 3);
  assert.deepEqual([...keys].sort(), [0.1, 0.2, 0.3]);
  assert.deepEqual([...values].sort(), [1, 3, 5]);
  assert.equal(keys[0], 0.3, "largest kept key at the heap's root");
});

test("merging two samples equals sampling the union with the same keys", () => {
  const random = seededRandom(3);
  const whole = { sample: [] as number[], sample_keys: [] as number[] };
  const a = { sample: [] as number[], sample_keys: [] as number[] };
  const b = { sample: [] as number[], sample_keys: [] as number[] };
  for (let i = 0; i < 5000; i++) {
    const key = random();
    offerSample(whole.sample, whole.sample_keys, i, key, 100);
    const side = i % 3 === 0 ? a : b;
    offerSample(side.sample, side.sample_keys, i, key, 100);
  }
  const merged = mergeSamples(a, b, 100);
  assert.deepEqual(pairs(merged), pairs(whole));
  // The merged sample is a valid heap: further offers keep working.
  offerSample(merged.sample, merged.sample_keys, -1, 0, 100);
  assert.equal(Math.max(...merged.sample_keys) < Math.max(...whole.sample_keys), true);
  assert.equal(merged.sample.length, 100);
  assert.deepEqual(mergeSamples({ sample: [], sample_keys: [] }, { sample: [], sample_keys: [] }), { sample: [], sample_keys: [] });
});

test("the sample is uniform over the stream (neither early nor late values favoured)", () => {
  const random = seededRandom(9);
  const values: number[] = [];
  const keys: number[] = [];
  const n = 100_000;
  for (let i = 0; i < n; i++) offerSample(values, keys, i, random(), 500);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  // Population mean 50 000, standard error of a 500-sample mean ≈ 1 290.
  assert.ok(Math.abs(mean - n / 2) < 4 * 1290, `mean ${mean}`);
});
