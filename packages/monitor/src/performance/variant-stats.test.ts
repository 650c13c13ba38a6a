import assert from "node:assert/strict";
import { test } from "node:test";
import { classificationMetrics } from "./classification-metrics.js";
import { latencyQuantile } from "./latency-stats.js";
import { regressionMetrics } from "./regression-stats.js";
import { seededRandom } from "./test-random.js";
import { addVariantEvent, addVariantLabel, emptyVariantStats, mergeVariantStats } from "./variant-stats.js";

test("events count traffic, errors (status >= 400), latency, outputs and positives", () => {
  const stats = emptyVariantStats();
  const random = seededRandom(1);
  addVariantEvent(stats, { latency_ms: 10, status_code: 200, score: 0.8, predicted_positive: true }, random);
  addVariantEvent(stats, { latency_ms: 30, status_code: 500, score: 0.2, predicted_positive: false }, random);
  addVariantEvent(stats, { latency_ms: 20, status_code: 404 }, random);
  addVariantEvent(stats, {}, random);
  assert.equal(stats.events, 4);
  assert.equal(stats.errors, 2);
  assert.equal(stats.positive, 1);
  assert.equal(stats.latency.n, 3);
  assert.equal(stats.latency.mean, 20);
  assert.equal(stats.latency.m2, 200);
  assert.deepEqual([...stats.latency.sample].sort((a, b) => a - b), [10, 20, 30]);
  assert.equal(stats.prediction.n, 2);
  assert.ok(Math.abs(stats.prediction.mean - 0.5) < 1e-12);
  assert.ok(Math.abs(latencyQuantile(stats, 0.5)! - 20) <= 0.2);
  assert.equal(latencyQuantile(emptyVariantStats(), 0.5), null);
});

test("a bad event throws before anything is counted", () => {
  const stats = emptyVariantStats();
  addVariantEvent(stats, { latency_ms: 5 });
  const before = structuredClone(stats);
  assert.throws(() => addVariantEvent(stats, { latency_ms: -3, status_code: 500 }), /latency_ms -3/);
  assert.throws(() => addVariantEvent(stats, { prediction: Number.NaN }), /prediction NaN/);
  assert.throws(() => addVariantEvent(stats, { score: 7, latency_ms: 1 }), /score 7/);
  assert.deepEqual(stats, before);
});

test("labels feed the variant's realised performance for its task", () => {
  const clf = emptyVariantStats();
  addVariantLabel(clf, "binary_classification", { actual: "1", predicted: "1", score: 0.9 }, "1");
  addVariantLabel(clf, "binary_classification", { actual: "0", predicted: "1", score: 0.6 }, "1");
  assert.equal(classificationMetrics(clf.classification!, "1").precision, 0.5);
  assert.equal(clf.regression, undefined);
  assert.throws(() => addVariantLabel(clf, "binary_classification", { actual: "1", predicted: "1" }), /positive_class/);
  assert.throws(() => addVariantLabel(clf, "multiclass_classification", { actual: 1, predicted: 2 }), /compared as strings/);
  const reg = emptyVariantStats();
  addVariantLabel(reg, "regression", { actual: 3, predicted: 2 });
  addVariantLabel(reg, "regression", { actual: 5, predicted: 5 });
  assert.equal(regressionMetrics(reg.regression!).mae, 0.5);
  assert.throws(() => addVariantLabel(reg, "regression", { actual: "3", predicted: "2" }), /must be numbers/);
  assert.equal(reg.regression!.n, 2);
});

test("merge equals adding every event, is pure and survives JSON", () => {
  const random = seededRandom(2);
  const whole = emptyVariantStats();
  const a = emptyVariantStats();
  const b = emptyVariantStats();
  for (let i = 0; i < 2000; i++) {
    const event = { latency_ms: 1 + (i % 97), status_code: i % 50 === 0 ? 503 : 200, score: (i % 10) / 10, predicted_positive: i % 10 >= 5 };
    const key = random();
    const fixed = () => key;
    addVariantEvent(whole, event, fixed);
    addVariantEvent(i < 700 ? a : b, event, fixed);
  }
  addVariantLabel(a, "binary_classification", { actual: "1", predicted: "1", score: 0.9 }, "1");
  addVariantLabel(whole, "binary_classification", { actual: "1", predicted: "1", score: 0.9 }, "1");
  const merged = mergeVariantStats(a, b);
  assert.equal(merged.events, whole.events);
  assert.equal(merged.errors, whole.errors);
  assert.equal(merged.positive, whole.positive);
  assert.ok(Math.abs(merged.latency.mean - whole.latency.mean) < 1e-9);
  assert.ok(Math.abs(merged.latency.m2 - whole.latency.m2) < 1e-6 * whole.latency.m2);
  assert.deepEqual(merged.latency.sketch, whole.latency.sketch);
  assert.deepEqual([...merged.latency.sample_keys].sort(), [...whole.latency.sample_keys].sort());
  assert.equal(merged.latency.sample.length, 500);
  assert.deepEqual(merged.classification, whole.classification);
  assert.equal(a.events, 700);
  assert.notEqual(merged.classification, a.classification, "no aliasing of inputs");
  assert.deepEqual(JSON.parse(JSON.stringify(merged)), merged);
});
