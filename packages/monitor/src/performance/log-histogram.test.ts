import assert from "node:assert/strict";
import { test } from "node:test";
import { addLogHistogram, emptyLogHistogram, logHistogramQuantile, mergeLogHistograms } from "./log-histogram.js";
import { seededRandom } from "./test-random.js";

/** Log-normal latencies around 20 ms, heavy right tail. */
function latencies(seed: number, n: number): number[] {
  const random = seededRandom(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    out.push(Math.exp(3 + 0.8 * z));
  }
  return out;
}

test("quantiles are within 1% of the exact order statistic (rank q·(n−1))", () => {
  const values = latencies(5, 100_000);
  const h = emptyLogHistogram();
  for (const v of values) addLogHistogram(h, v);
  const sorted = Float64Array.from(values).sort();
  for (const q of [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
    const exact = sorted[Math.floor(q * (values.length - 1))]!;
    const got = logHistogramQuantile(h, q)!;
    assert.ok(Math.abs(got - exact) <= 0.01 * exact + 1e-12, `q=${q}: ${got} vs ${exact}`);
  }
  assert.equal(logHistogramQuantile(h, 0), sorted[0]);
  assert.equal(logHistogramQuantile(h, 1), sorted.at(-1));
  assert.ok(h.counts.length < 1000, `${h.counts.length} bins`);
});

test("merge equals one sketch of all values, whatever the bin ranges", () => {
  const low = [0.5, 1, 2, 3];
  const high = [500, 1000, 2000, 0];
  const whole = emptyLogHistogram();
  const a = emptyLogHistogram();
  const b = emptyLogHistogram();
  for (const v of low) {
    addLogHistogram(whole, v);
    addLogHistogram(a, v);
  }
  for (const v of high) {
    addLogHistogram(whole, v);
    addLogHistogram(b, v);
  }
  assert.deepEqual(mergeLogHistograms(a, b), whole);
  assert.deepEqual(mergeLogHistograms(b, a), whole);
  assert.deepEqual(mergeLogHistograms(emptyLogHistogram(), a), a);
  assert.equal(a.count, 4);
  assert.deepEqual(JSON.parse(JSON.stringify(whole)), whole);
});

test("zeros, empties and bad input", () => {
  const h = emptyLogHistogram();
  assert.equal(logHistogramQuantile(h, 0.5), null);
  addLogHistogram(h, 0);
  addLogHistogram(h, 0);
  addLogHistogram(h, 10);
  assert.equal(logHistogramQuantile(h, 0.5), 0);
  assert.equal(logHistogramQuantile(h, 1), 10);
  assert.equal(h.zero_count, 2);
  assert.throws(() => addLogHistogram(h, -1), /finite numbers >= 0/);
  assert.throws(() => addLogHistogram(h, Number.NaN), /finite numbers >= 0/);
  assert.throws(() => addLogHistogram(h, Infinity), /finite numbers >= 0/);
  assert.equal(h.count, 3);
  assert.throws(() => logHistogramQuantile(h, 1.5), /between 0 and 1/);
  assert.throws(() => mergeLogHistograms(h, emptyLogHistogram(0.05)), /relative accuracy 0.01 and 0.05/);
  assert.throws(() => emptyLogHistogram(0), /between 0 and 1/);
});
