import assert from "node:assert/strict";
import { test } from "node:test";
import { fitCalibrator, identityCalibrator, type Calibrator } from "./calibrator.js";
import { addCbpe, cbpeMetrics, emptyCbpe, mergeCbpe } from "./cbpe-stats.js";
import { classificationMetrics } from "./classification-metrics.js";
import { addClassification, emptyClassification } from "./classification-stats.js";
import { seededRandom } from "./test-random.js";

/** A batch where label ~ Bernoulli(p(x)) and the model scores score(p); predicted positive at 0.5. */
function batch(seed: number, n: number, drawP: (u: number) => number, score: (p: number) => number) {
  const random = seededRandom(seed);
  const rows: { score: number; label: 0 | 1 }[] = [];
  for (let i = 0; i < n; i++) {
    const p = drawP(random());
    rows.push({ score: score(p), label: random() < p ? 1 : 0 });
  }
  return rows;
}

function estimateAndRealise(rows: { score: number; label: 0 | 1 }[], calibrator: Calibrator) {
  const cbpe = emptyCbpe();
  const realised = emptyClassification();
  for (const { score, label } of rows) {
    const predicted = score >= 0.5;
    addCbpe(cbpe, score, predicted, calibrator);
    addClassification(realised, { actual: String(label), predicted: predicted ? "1" : "0", score }, "1");
  }
  return { estimated: cbpeMetrics(cbpe), realised: classificationMetrics(realised, "1") };
}

const identity = (p: number) => p;

test("expected confusion matrix: TP = Σ_{ŷ=1} p, FP = Σ_{ŷ=1}(1−p), FN = Σ_{ŷ=0} p, TN = Σ_{ŷ=0}(1−p)", () => {
  const acc = emptyCbpe();
  const cal = identityCalibrator();
  addCbpe(acc, 0.9, true, cal);
  addCbpe(acc, 0.6, true, cal);
  addCbpe(acc, 0.3, false, cal);
  addCbpe(acc, 0.1, false, cal);
  assert.ok(Math.abs(acc.tp - 1.5) < 1e-12 && Math.abs(acc.fp - 0.5) < 1e-12);
  assert.ok(Math.abs(acc.fn - 0.4) < 1e-12 && Math.abs(acc.tn - 1.6) < 1e-12);
  const m = cbpeMetrics(acc);
  assert.ok(Math.abs(m.estimated_accuracy! - 3.1 / 4) < 1e-12);
  assert.ok(Math.abs(m.estimated_precision! - 1.5 / 2) < 1e-12);
  assert.ok(Math.abs(m.estimated_recall! - 1.5 / 1.9) < 1e-12);
  assert.ok(Math.abs(m.estimated_f1! - 1.5 / (1.5 + 0.45)) < 1e-12);
  assert.equal(m.n, 4);
});

test("on calibrated scores the estimate is within 0.02 of realised F1 and accuracy", () => {
  const reference = batch(11, 20_000, identity, identity);
  const cal = fitCalibrator(reference.map((r) => r.score), reference.map((r) => r.label));
  const { estimated, realised } = estimateAndRealise(batch(12, 20_000, identity, identity), cal);
  assert.ok(Math.abs(estimated.estimated_f1! - realised.f1!) < 0.02, `f1 ${estimated.estimated_f1} vs ${realised.f1}`);
  assert.ok(Math.abs(estimated.estimated_accuracy! - realised.accuracy!) < 0.02, `acc ${estimated.estimated_accuracy} vs ${realised.accuracy}`);
  assert.ok(Math.abs(estimated.estimated_roc_auc! - realised.roc_auc!) < 0.02, `auc ${estimated.estimated_roc_auc} vs ${realised.roc_auc}`);
});

test("under covariate shift the estimate follows the realised value", () => {
  const reference = batch(21, 20_000, identity, identity);
  const cal = fitCalibrator(reference.map((r) => r.score), reference.map((r) => r.label));
  const before = estimateAndRealise(batch(22, 20_000, identity, identity), cal);
  // The inputs move: most rows now have a low P(y=1), so positives are rarer and F1 drops.
  const shifted = estimateAndRealise(batch(23, 20_000, (u) => u ** 4, identity), cal);
  assert.ok(before.realised.f1! - shifted.realised.f1! > 0.1, `realised f1 ${before.realised.f1} -> ${shifted.realised.f1}`);
  assert.ok(Math.abs(shifted.estimated.estimated_f1! - shifted.realised.f1!) < 0.02, `f1 ${shifted.estimated.estimated_f1} vs ${shifted.realised.f1}`);
  assert.ok(Math.abs(shifted.estimated.estimated_accuracy! - shifted.realised.accuracy!) < 0.02);
  assert.ok(shifted.estimated.estimated_accuracy! - before.estimated.estimated_accuracy! > 0.05, "accuracy rises with easier rows");
});

test("miscalibrated scores need the calibrator: without it the estimate is off", () => {
  const square = (p: number) => p * p;
  const reference = batch(31, 20_000, identity, square);
  const cal = fitCalibrator(reference.map((r) => r.score), reference.map((r) => r.label));
  assert.equal(cal.method, "isotonic");
  const rows = batch(32, 20_000, identity, square);
  const calibrated = estimateAndRealise(rows, cal);
  const raw = estimateAndRealise(rows, identityCalibrator());
  assert.ok(Math.abs(calibrated.estimated.estimated_f1! - calibrated.realised.f1!) < 0.02);
  assert.ok(Math.abs(raw.estimated.estimated_f1! - raw.realised.f1!) > 0.05, "the raw scores mislead");
});

test("merge adds expected counts and histograms; empty gives nulls", () => {
  const cal = identityCalibrator();
  const a = emptyCbpe();
  const b = emptyCbpe();
  const whole = emptyCbpe();
  for (const [s, pred] of [[0.9, true], [0.2, false], [0.7, true], [0.4, false]] as const) {
    addCbpe(whole, s, pred, cal);
    addCbpe(s > 0.5 ? a : b, s, pred, cal);
  }
  const merged = mergeCbpe(a, b);
  assert.deepEqual(cbpeMetrics(merged), cbpeMetrics(whole));
  assert.deepEqual(merged.score_count, whole.score_count);
  assert.deepEqual(JSON.parse(JSON.stringify(merged)), merged);
  assert.deepEqual(cbpeMetrics(emptyCbpe()), {
    estimated_accuracy: null,
    estimated_precision: null,
    estimated_recall: null,
    estimated_f1: null,
    estimated_roc_auc: null,
    n: 0,
  });
  const before = structuredClone(a);
  assert.throws(() => addCbpe(a, 1.2, true, cal), /between 0 and 1/);
  assert.deepEqual(a, before);
});
