import assert from "node:assert/strict";
import { test } from "node:test";
import { classificationMetrics } from "./classification-metrics.js";
import { addClassification, emptyClassification, mergeClassification, type ClassificationOutcome } from "./classification-stats.js";

// Expected values below were computed with numpy 2.4 / scipy 1.17 (precision = TP/(TP+FP), log loss
// clipped at 1e-15 and renormalised as sklearn < 1.5 did, AUC = mannwhitneyu U / (P·N)).
const ACTUAL = ["1", "0", "1", "1", "0", "0", "1", "0", "1", "0"];
const PREDICTED = ["1", "0", "0", "1", "1", "0", "1", "0", "0", "0"];
const SCORE = [0.9, 0.2, 0.4, 0.8, 0.6, 0.1, 0.7, 0.3, 0.45, 0.05];

function binaryRows(): ClassificationOutcome[] {
  return ACTUAL.map((actual, i) => ({ actual, predicted: PREDICTED[i]!, score: SCORE[i]! }));
}

test("binary metrics match numpy on a small set", () => {
  const acc = emptyClassification();
  for (const row of binaryRows()) addClassification(acc, row, "1");
  const m = classificationMetrics(acc, "1");
  assert.equal(m.n, 10);
  assert.equal(m.accuracy, 0.7);
  assert.equal(m.precision, 0.75);
  assert.equal(m.recall, 0.6);
  assert.ok(Math.abs(m.f1! - 0.6666666666666666) < 1e-12);
  assert.ok(Math.abs(m.log_loss! - 0.40527404761751684) < 1e-12);
  // Every score sits in its own bin, so the histogram AUC is exact here.
  assert.ok(Math.abs(m.roc_auc! - 0.92) < 1e-12);
  assert.deepEqual(acc.confusion, [[3, 2], [1, 4]]);
  assert.deepEqual(acc.labels, ["1", "0"]);
});

test("multiclass metrics are macro averages and log loss renormalises clipped probabilities", () => {
  const A = ["a", "b", "c", "a", "b", "c", "a", "a"];
  const P = ["a", "b", "a", "a", "c", "c", "b", "a"];
  const probs = [
    { a: 0.7, b: 0.2, c: 0.1 },
    { a: 0.1, b: 0.8, c: 0.1 },
    { a: 0.5, b: 0.2, c: 0.3 },
    { a: 0.9, b: 0.05, c: 0.05 },
    { a: 0.2, b: 0.3, c: 0.5 },
    { a: 0.0, b: 0.0, c: 1.0 },
    { a: 0.3, b: 0.6, c: 0.1 },
    { a: 0.6, b: 0.3, c: 0.1 },
  ];
  const acc = emptyClassification();
  A.forEach((actual, i) => addClassification(acc, { actual, predicted: P[i]!, probabilities: probs[i]! }, "a"));
  const m = classificationMetrics(acc);
  assert.equal(m.accuracy, 0.625);
  assert.ok(Math.abs(m.precision! - 0.58333333333333337) < 1e-12);
  assert.ok(Math.abs(m.recall! - 0.58333333333333337) < 1e-12);
  assert.ok(Math.abs(m.f1! - 0.58333333333333337) < 1e-12);
  assert.ok(Math.abs(m.log_loss! - 0.60099038095682111) < 1e-12);
  assert.equal(m.roc_auc, undefined);
  assert.deepEqual(acc.score_hist_pos, []);
});

test("degenerate cases give null, not NaN", () => {
  const empty = classificationMetrics(emptyClassification(), "1");
  assert.deepEqual(empty, { accuracy: null, precision: null, recall: null, f1: null, roc_auc: null, log_loss: null, n: 0 });
  assert.equal(classificationMetrics(emptyClassification()).precision, null);
  // No actual positives and none predicted: recall, precision and F1 are undefined; AUC too (one class).
  const negatives = emptyClassification();
  addClassification(negatives, { actual: "0", predicted: "0", score: 0.2 }, "1");
  addClassification(negatives, { actual: "0", predicted: "0", score: 0.3 }, "1");
  const m = classificationMetrics(negatives, "1");
  assert.equal(m.accuracy, 1);
  assert.equal(m.precision, null);
  assert.equal(m.recall, null);
  assert.equal(m.f1, null);
  assert.equal(m.roc_auc, null);
  // Predicted positive but never actually positive: precision 0, recall undefined, F1 0.
  addClassification(negatives, { actual: "0", predicted: "1" }, "1");
  const m2 = classificationMetrics(negatives, "1");
  assert.equal(m2.precision, 0);
  assert.equal(m2.recall, null);
  assert.equal(m2.f1, 0);
  assert.equal(m2.log_loss !== null && m2.log_loss > 0, true);
});

test("a confident wrong answer costs −log(1e−15), not infinity", () => {
  const acc = emptyClassification();
  addClassification(acc, { actual: "1", predicted: "0", score: 0 }, "1");
  assert.ok(Math.abs(classificationMetrics(acc, "1").log_loss! - -Math.log(1e-15)) < 1e-9);
});

test("a bad row throws and leaves the summary unchanged", () => {
  const acc = emptyClassification();
  addClassification(acc, { actual: "1", predicted: "1", score: 0.9 }, "1");
  const before = structuredClone(acc);
  assert.throws(() => addClassification(acc, { actual: "0", predicted: "1", score: 1.5 }, "1"), /between 0 and 1/);
  assert.throws(() => addClassification(acc, { actual: "x", predicted: "1", probabilities: { x: -0.2 } }, "1"), /Invalid probability -0.2/);
  assert.deepEqual(acc, before);
});

test("merge equals adding every row to one summary, with labels realigned", () => {
  const rows = binaryRows();
  const whole = emptyClassification();
  for (const row of rows) addClassification(whole, row, "1");
  const a = emptyClassification();
  const b = emptyClassification();
  // b sees "0" first, so its label order differs from a's.
  for (const row of rows.slice(0, 4)) addClassification(a, row, "1");
  for (const row of [...rows.slice(4)].reverse()) addClassification(b, row, "1");
  assert.deepEqual(b.labels[0], "0");
  const merged = mergeClassification(a, b);
  const mm = classificationMetrics(merged, "1");
  const mw = classificationMetrics(whole, "1");
  // Log loss sums in another order: equal up to rounding.
  assert.ok(Math.abs(mm.log_loss! - mw.log_loss!) < 1e-12);
  assert.deepEqual({ ...mm, log_loss: 0 }, { ...mw, log_loss: 0 });
  assert.deepEqual(merged.confusion, whole.confusion);
  assert.deepEqual(merged.score_hist_pos, whole.score_hist_pos);
  // Pure: the inputs are not changed, and the result survives JSON.
  assert.equal(a.n, 4);
  assert.deepEqual(JSON.parse(JSON.stringify(merged)), merged);
  assert.deepEqual(mergeClassification(emptyClassification(), whole), whole);
});
