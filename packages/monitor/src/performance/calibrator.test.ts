import assert from "node:assert/strict";
import { test } from "node:test";
import { expectedCalibrationError } from "./calibration-error.js";
import { calibrate, fitCalibrator, identityCalibrator } from "./calibrator.js";
import { fitIsotonic, interpolate } from "./isotonic-fit.js";
import { seededRandom } from "./test-random.js";

function sortedRows(x: number[], y: number[]) {
  return { x: Float64Array.from(x), y: Uint8Array.from(y), fold: new Uint8Array(x.length) };
}

function splitByLabel(p: number[], y: number[]): [Float64Array, Float64Array] {
  const pos = Float64Array.from(p.filter((_, i) => y[i] === 1)).sort();
  const neg = Float64Array.from(p.filter((_, i) => y[i] === 0)).sort();
  return [pos, neg];
}

test("isotonic fit pools ties and violators like sklearn and keeps only the ends of flat stretches", () => {
  // Expected: scipy.optimize.isotonic_regression on the distinct scores (weights = tie counts, mean
  // label per tie), then sklearn's rule keeping points that differ from a neighbour.
  const x = [0.1, 0.2, 0.2, 0.3, 0.4, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9, 0.9];
  const y = [0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1];
  const points = fitIsotonic(sortedRows(x, y), -1);
  assert.deepEqual(points.x, [0.1, 0.2, 0.3, 0.4, 0.7, 0.8, 0.9]);
  const expected = [0, 0.33333333333333331, 0.33333333333333331, 0.59999999999999998, 0.59999999999999998, 1, 1];
  points.y.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-12, `y[${i}] = ${v}`));
  // np.interp with clipping outside.
  assert.ok(Math.abs(interpolate(points, 0.45) - 0.6) < 1e-12);
  assert.equal(interpolate(points, 0.05), 0);
  assert.equal(interpolate(points, 0.95), 1);
  assert.ok(Math.abs(interpolate(points, 0.75) - 0.8) < 1e-12);
});

test("isotonic fit skips the held-out fold", () => {
  const rows = sortedRows([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1]);
  rows.fold.set([0, 1, 0, 0]);
  // Without the row at 0.2 the labels 0, 0, 1 are already monotone.
  assert.deepEqual(fitIsotonic(rows, 1), { x: [0.1, 0.3, 0.4], y: [0, 0, 1] });
  assert.deepEqual(fitIsotonic(sortedRows([], []), -1), { x: [], y: [] });
});

test("ECE follows NannyML's equal-count bins (including the wider last bin)", () => {
  // Expected: nannyml.calibration._calculate_expected_calibration_error with _get_bin_index_edges(25, 10)
  // (12 bins of 2, the last of 3), computed with numpy.
  const p = [0.625095, 0.897214, 0.775686, 0.225207, 0.300166, 0.873553, 0.005265, 0.821228, 0.797069, 0.467935, 0.303032, 0.278426, 0.25487, 0.445076, 0.504548, 0.553497, 0.9955, 0.792662, 0.622179, 0.98896, 0.215309, 0.160212, 0.61254, 0.043942, 0.03568];
  const y = [0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0];
  const [pos, neg] = splitByLabel(p, y);
  assert.ok(Math.abs(expectedCalibrationError(pos, neg)! - 0.28319187999999995) < 1e-12);
  assert.equal(expectedCalibrationError(Float64Array.of(0.5), Float64Array.of(0.5)), null);
});

test("ECE shares a tie run across a bin edge instead of depending on tie order", () => {
  // Four rows at 0.5, two positive: any bin holding part of the run sees mean label 0.5.
  assert.equal(expectedCalibrationError(Float64Array.of(0.5, 0.5), Float64Array.of(0.5, 0.5)), 0);
});

test("miscalibrated scores get an isotonic calibrator that lowers ECE", () => {
  const random = seededRandom(1);
  const scores: number[] = [];
  const labels: (0 | 1)[] = [];
  for (let i = 0; i < 20_000; i++) {
    const p = random();
    labels.push(random() < p ? 1 : 0);
    scores.push(p * p); // overconfident toward 0: the true P(y=1 | s) is √s
  }
  const cal = fitCalibrator(scores, labels);
  assert.equal(cal.method, "isotonic");
  assert.equal(cal.n, 20_000);
  assert.ok(cal.ece_before! > 0.1, `before ${cal.ece_before}`);
  assert.ok(cal.ece_after! < 0.02, `after ${cal.ece_after}`);
  for (const s of [0.04, 0.25, 0.64]) assert.ok(Math.abs(calibrate(cal, s) - Math.sqrt(s)) < 0.05, `calibrate(${s}) = ${calibrate(cal, s)}`);
  // Monotone breakpoints and a JSON-safe shape.
  for (let i = 1; i < cal.x.length; i++) assert.ok(cal.x[i]! > cal.x[i - 1]! && cal.y[i]! >= cal.y[i - 1]!);
  assert.deepEqual(JSON.parse(JSON.stringify(cal)), cal);
});

test("already calibrated scores keep the identity calibrator", () => {
  // Ten rows at each of 0.1 ... 0.9 with exactly 10·s positives: ECE is 0 and isotonic cannot beat it.
  const scores: number[] = [];
  const labels: (0 | 1)[] = [];
  for (let k = 1; k <= 9; k++) {
    for (let r = 0; r < 10; r++) {
      scores.push(k / 10);
      labels.push(r < k ? 1 : 0);
    }
  }
  const cal = fitCalibrator(scores, labels);
  assert.equal(cal.method, "identity");
  assert.match(cal.reason, /does not lower/);
  assert.ok(cal.ece_before! < 1e-12);
  assert.ok(cal.ece_after! > cal.ece_before!);
  assert.equal(calibrate(cal, 0.37), 0.37);
});

test("identity for a single class, too few rows, or a near-perfect ranker", () => {
  assert.match(fitCalibrator([0.2, 0.4], [1, 1]).reason, /single class/);
  assert.match(fitCalibrator([0.2, 0.4, 0.5], [0, 1, 0]).reason, /too few/);
  const scores = Array.from({ length: 100 }, (_, i) => i / 100);
  const labels = scores.map((s) => (s >= 0.5 ? 1 : 0) as 0 | 1);
  const cal = fitCalibrator(scores, labels);
  assert.equal(cal.method, "identity");
  assert.match(cal.reason, /ROC AUC > 0.999/);
  assert.deepEqual(identityCalibrator().x, [0, 1]);
  assert.equal(calibrate(identityCalibrator(), 1), 1);
});

test("bad calibration input is rejected with a message", () => {
  const code = (re: RegExp) => (e: Error & { code?: string }) => e.code === "INVALID_PARAMETER_VALUE" && re.test(e.message);
  assert.throws(() => fitCalibrator([0.1, 0.2], [1]), code(/2 scores and 1 labels/));
  assert.throws(() => fitCalibrator([], []), code(/no row/));
  assert.throws(() => fitCalibrator([0.1, 1.5], [0, 1]), code(/score 1.5 at row 1/));
  assert.throws(() => fitCalibrator([0.1, 0.5], [0, 2 as 1]), code(/label 2 at row 1/));
});
