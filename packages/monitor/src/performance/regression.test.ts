import assert from "node:assert/strict";
import { test } from "node:test";
import { addRegression, emptyRegression, mergeRegression, regressionMetrics } from "./regression-stats.js";

const Y = [3.0, -0.5, 2.0, 7.0, 4.2];
const YHAT = [2.5, 0.0, 2.0, 8.0, 3.9];

test("MAE, RMSE and R² match numpy", () => {
  // numpy: mean|e|, sqrt(mean e²), 1 − Σe²/Σ(y − ȳ)².
  const acc = emptyRegression();
  Y.forEach((y, i) => addRegression(acc, y, YHAT[i]!));
  const m = regressionMetrics(acc);
  assert.equal(m.n, 5);
  assert.ok(Math.abs(m.mae! - 0.46000000000000008) < 1e-12);
  assert.ok(Math.abs(m.rmse! - 0.56391488719486738) < 1e-12);
  assert.ok(Math.abs(m.r2! - 0.9480256276150627) < 1e-12);
});

test("R² is null for constant labels and everything is null without rows", () => {
  assert.deepEqual(regressionMetrics(emptyRegression()), { mae: null, rmse: null, r2: null, n: 0 });
  const acc = emptyRegression();
  for (const p of [4, 5, 6]) addRegression(acc, 5, p);
  const m = regressionMetrics(acc);
  assert.equal(m.r2, null);
  assert.ok(Math.abs(m.mae! - 2 / 3) < 1e-12);
});

test("R² stays accurate for labels with a large offset (no Σy² − (Σy)²/n cancellation)", () => {
  const shifted = emptyRegression();
  const plain = emptyRegression();
  Y.forEach((y, i) => {
    addRegression(shifted, y + 1e9, YHAT[i]! + 1e9);
    addRegression(plain, y, YHAT[i]!);
  });
  assert.ok(Math.abs(regressionMetrics(shifted).r2! - regressionMetrics(plain).r2!) < 1e-6);
});

test("merge equals adding every row; bad numbers throw and change nothing", () => {
  const whole = emptyRegression();
  const a = emptyRegression();
  const b = emptyRegression();
  Y.forEach((y, i) => {
    addRegression(whole, y, YHAT[i]!);
    addRegression(i < 2 ? a : b, y, YHAT[i]!);
  });
  const merged = mergeRegression(a, b);
  const mm = regressionMetrics(merged);
  const mw = regressionMetrics(whole);
  for (const key of ["mae", "rmse", "r2"] as const) assert.ok(Math.abs(mm[key]! - mw[key]!) < 1e-12, key);
  assert.deepEqual(mergeRegression(emptyRegression(), emptyRegression()), emptyRegression());
  const before = structuredClone(a);
  assert.throws(() => addRegression(a, Number.NaN, 1), /finite numbers/);
  assert.throws(() => addRegression(a, 1, Infinity), /finite numbers/);
  assert.deepEqual(a, before);
});
