import assert from "node:assert/strict";
import { test } from "node:test";
import { identityCalibrator } from "./calibrator.js";
import { MODEL_FIGURE_KEYS, modelFigures } from "./model-figures.js";
import { addModelEvent, addModelLabel, DEFAULT_VARIANT, emptyModelStats, mergeModelStats } from "./model-stats.js";
import { seededRandom } from "./test-random.js";

test("empty stats per task", () => {
  const binary = emptyModelStats("binary_classification");
  assert.ok(binary.cbpe && binary.performance && "confusion" in binary.performance);
  const regression = emptyModelStats("regression");
  assert.equal(regression.cbpe, undefined);
  assert.ok(regression.performance && "sum_abs_err" in regression.performance);
  assert.deepEqual(emptyModelStats(), { variants: {}, latency: emptyModelStats().latency });
});

test("binary figures: realised, estimated and serving figures by name", () => {
  const stats = emptyModelStats("binary_classification");
  const calibrator = identityCalibrator();
  const random = seededRandom(4);
  const events = [
    { variant: "1", latency_ms: 10, status_code: 200, score: 0.9, predicted_positive: true },
    { variant: "1", latency_ms: 20, status_code: 200, score: 0.2, predicted_positive: false },
    { variant: "2", latency_ms: 40, status_code: 500, score: 0.7, predicted_positive: true },
    { latency_ms: 30, status_code: 200, score: 0.4, predicted_positive: false },
  ];
  for (const e of events) addModelEvent(stats, e, { calibrator, random });
  addModelLabel(stats, { actual: "1", predicted: "1", score: 0.9 }, "1", "1");
  addModelLabel(stats, { actual: "0", predicted: "0", score: 0.2 }, "1", "1");
  addModelLabel(stats, { actual: "0", predicted: "1", score: 0.7 }, "1", "2");
  assert.deepEqual(Object.keys(stats.variants).sort(), ["1", "2", DEFAULT_VARIANT]);
  assert.equal(stats.variants["1"]!.classification!.n, 2);
  const f = modelFigures(stats, "1");
  assert.deepEqual(Object.keys(f).sort(), MODEL_FIGURE_KEYS.filter((k) => !["mae", "rmse", "r2"].includes(k)).sort());
  assert.ok(Math.abs(f.accuracy! - 2 / 3) < 1e-12);
  assert.equal(f.precision, 0.5);
  assert.equal(f.recall, 1);
  assert.equal(f.roc_auc, 1);
  assert.equal(f.labeled, 3);
  assert.equal(f.events, 4);
  assert.equal(f.error_rate, 0.25);
  assert.equal(f.mean_latency_ms, 25);
  // Rank q·(n−1), no interpolation: p99 of 10, 20, 30, 40 is the third value, p50 the second (within 1%).
  assert.ok(Math.abs(f.p99_latency_ms! - 30) <= 0.3, `p99 ${f.p99_latency_ms}`);
  assert.ok(Math.abs(f.p50_latency_ms! - 20) <= 0.2, `p50 ${f.p50_latency_ms}`);
  // Identity calibration: TP = 0.9 + 0.7, FP = 0.1 + 0.3, FN = 0.2 + 0.4, TN = 0.8 + 0.6.
  assert.ok(Math.abs(f.estimated_accuracy! - (1.6 + 1.4) / 4) < 1e-12);
  assert.ok(Math.abs(f.estimated_precision! - 1.6 / 2) < 1e-12);
});

test("regression and multiclass figures carry their own keys; no labels means null, not NaN", () => {
  const reg = emptyModelStats("regression");
  addModelEvent(reg, { prediction: 3.5 });
  const f = modelFigures(reg);
  assert.deepEqual([f.mae, f.rmse, f.r2, f.labeled, f.events], [null, null, null, 0, 1]);
  assert.equal("accuracy" in f, false);
  assert.equal(f.p50_latency_ms, null);
  addModelLabel(reg, { actual: 3, predicted: 3.5 });
  addModelLabel(reg, { actual: 5, predicted: 4 });
  assert.equal(modelFigures(reg).mae, 0.75);
  const mc = emptyModelStats("multiclass_classification");
  addModelLabel(mc, { actual: "a", predicted: "a" });
  addModelLabel(mc, { actual: "b", predicted: "a" });
  const g = modelFigures(mc);
  assert.equal(g.accuracy, 0.5);
  assert.equal(g.roc_auc, null);
  assert.equal(g.error_rate, null);
  assert.equal("estimated_f1" in g, false);
  assert.throws(() => addModelLabel(emptyModelStats(), { actual: "a", predicted: "a" }), /config.task/);
});

test("merge combines variants and performance, rejects mixed tasks, and keeps odd variant names own", () => {
  const a = emptyModelStats("binary_classification");
  const b = emptyModelStats("binary_classification");
  addModelEvent(a, { variant: "__proto__", latency_ms: 5 });
  addModelEvent(b, { variant: "__proto__", latency_ms: 7 });
  addModelEvent(b, { variant: "2", latency_ms: 9, status_code: 502 });
  addModelLabel(a, { actual: "1", predicted: "1", score: 0.8 }, "1");
  addModelLabel(b, { actual: "0", predicted: "1", score: 0.6 }, "1");
  const merged = mergeModelStats(a, b);
  assert.ok(Object.hasOwn(merged.variants, "__proto__"));
  assert.equal(merged.variants["__proto__"]!.events, 2);
  assert.equal(Object.getPrototypeOf(merged.variants), Object.prototype);
  const f = modelFigures(merged, "1");
  assert.equal(f.events, 3);
  assert.ok(Math.abs(f.error_rate! - 1 / 3) < 1e-12);
  assert.equal(f.precision, 0.5);
  assert.equal(merged.latency.n, 3);
  assert.equal(a.latency.n, 1, "inputs unchanged");
  assert.deepEqual(mergeModelStats(emptyModelStats(), a).performance, a.performance);
  assert.throws(() => mergeModelStats(a, emptyModelStats("regression")), /binary_classification model with those of a regression/);
  const roundTrip = JSON.parse(JSON.stringify(merged));
  assert.deepEqual(modelFigures(roundTrip, "1"), f);
});
