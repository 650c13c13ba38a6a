import { test } from "node:test";
import assert from "node:assert/strict";
import { DDSketch } from "@datadog/sketches-js";
import { QuantileSketch, SKETCH_GAMMA, SKETCH_RELATIVE_ACCURACY } from "./quantile-sketch.js";
import { MAX_BINS } from "./dense-store.js";
import { exactCdf, normalGenerator, sorted } from "./test-helpers.js";

const QS = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

/** 1e5 values of three shapes, negatives included. */
function datasets(): Record<string, Float64Array> {
  const z = normalGenerator(11);
  const n = 100_000;
  return {
    normal: Float64Array.from({ length: n }, () => z()),
    lognormal: Float64Array.from({ length: n }, () => Math.exp(2 * z())),
    shiftedWithZeros: Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 0 : -50 + 30 * z())),
  };
}

test("quantiles are within the documented relative error of the exact order statistic on 1e5 values", () => {
  for (const [name, values] of Object.entries(datasets())) {
    const sketch = new QuantileSketch();
    for (const v of values) sketch.add(v);
    const exact = sorted(values);
    for (const q of QS) {
      const truth = exact[Math.floor(q * (exact.length - 1))]!;
      const got = sketch.quantile(q);
      assert.ok(
        Math.abs(got - truth) <= SKETCH_RELATIVE_ACCURACY * Math.abs(truth) + 1e-12,
        `${name} q=${q}: sketch ${got}, exact ${truth}`,
      );
    }
  }
});

test("positive quantiles equal @datadog/sketches-js's, whose key mapping this sketch reuses", () => {
  const values = datasets().lognormal!;
  const ours = new QuantileSketch();
  const theirs = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
  for (const v of values) {
    ours.add(v);
    theirs.accept(v);
  }
  for (const q of [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) assert.equal(ours.quantile(q), theirs.getValueAtQuantile(q));
});

test("cdf lies between the exact CDF at x/γ and x·γ (mirrored for negatives)", () => {
  for (const [name, values] of Object.entries(datasets())) {
    const sketch = new QuantileSketch();
    for (const v of values) sketch.add(v);
    const exact = sorted(values);
    for (const q of [0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98]) {
      const x = exact[Math.floor(q * exact.length)]!;
      const got = sketch.cdf(x);
      const [a, b] = x > 0 ? [x / SKETCH_GAMMA, x * SKETCH_GAMMA] : [x * SKETCH_GAMMA, x / SKETCH_GAMMA];
      const lo = exactCdf(exact, a) - 1e-12;
      const hi = exactCdf(exact, b) + 1e-12;
      assert.ok(got >= lo && got <= hi, `${name} x=${x}: cdf ${got} outside [${lo}, ${hi}]`);
    }
    assert.equal(sketch.cdf(exact[0]! - 1), 0);
    assert.equal(sketch.cdf(exact[exact.length - 1]!), 1);
  }
});

test("merging is exact: merge(sketch(A), sketch(B)) has the bins of sketch(A ∪ B), negatives included", () => {
  const z = normalGenerator(3);
  const a = new QuantileSketch();
  const b = new QuantileSketch();
  const all = new QuantileSketch();
  for (let i = 0; i < 5000; i++) {
    const va = z() * 10;
    const vb = i % 7 === 0 ? 0 : 1000 + z(); // b lives in another range: the store must widen
    a.add(va);
    b.add(vb);
    all.add(va);
    all.add(vb);
  }
  const merged = a.clone();
  merged.mergeFrom(b);
  assert.equal(merged.count, all.count);
  assert.equal(merged.zeroCount, all.zeroCount);
  assert.deepEqual(merged.positive.usedBins(), all.positive.usedBins());
  assert.equal(merged.positive.minKey, all.positive.minKey);
  assert.deepEqual(merged.negative.usedBins(), all.negative.usedBins());
  for (const q of QS) assert.equal(merged.quantile(q), all.quantile(q));
  // The clone was not changed by adds to the original afterwards, and vice versa.
  assert.equal(a.count, 5000);
});

test("an empty sketch answers NaN; quantile rejects q outside [0, 1]", () => {
  const s = new QuantileSketch();
  assert.ok(Number.isNaN(s.quantile(0.5)));
  assert.ok(Number.isNaN(s.cdf(1)));
  s.add(5);
  assert.ok(Number.isNaN(s.quantile(1.5)));
  assert.ok(Number.isNaN(s.quantile(-0.1)));
  assert.equal(s.quantile(0.5), 5); // one value: clamped to [min, max]
});

test("a store spanning more than MAX_BINS keys collapses its lowest keys and keeps every count", () => {
  const s = new QuantileSketch();
  for (let e = -200; e <= 200; e++) s.add(Math.pow(10, e / 2));
  assert.equal(s.count, 401);
  const bins = s.positive.usedBins();
  assert.ok(bins.length <= MAX_BINS, `${bins.length} bins`);
  assert.equal(bins.reduce((x, y) => x + y, 0), 401);
  // The top of the range keeps its accuracy.
  const truth = Math.pow(10, 90);
  assert.ok(Math.abs(s.quantile(0.95) - truth) <= SKETCH_RELATIVE_ACCURACY * truth);
});
