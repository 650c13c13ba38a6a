import { test } from "node:test";
import assert from "node:assert/strict";
import { CairnError, type MonitorFeature } from "@cairn/core";
import { variance } from "./accessors.js";
import { mergeDataProfiles } from "./data-profile.js";
import { buildReferenceProfile } from "./reference-profile.js";
import { mergeSamples } from "./sample.js";
import { createWindowProfiler, type ProfiledEvent } from "./window-profiler.js";
import { normalGenerator } from "./test-helpers.js";
import { SKETCH_RELATIVE_ACCURACY } from "./quantile-sketch.js";
import type { CategoricalProfile, NumericProfile } from "./types.js";

const HOUR = 3_600_000;
const features: MonitorFeature[] = [
  { name: "age", kind: "numeric" },
  { name: "income", kind: "numeric" },
  { name: "city", kind: "categorical" },
];

/** Rows with some missing and invalid values. */
function rows(n: number, seed: number, shift = 0): Record<string, unknown>[] {
  const z = normalGenerator(seed);
  const cities = ["paris", "lyon", "nice", 7, true];
  return Array.from({ length: n }, (_, i) => ({
    age: i % 50 === 0 ? null : Math.round(40 + shift + 12 * z()),
    income: i % 97 === 0 ? "n/a" : Math.exp(10 + 0.5 * z()),
    city: i % 31 === 0 ? "" : cities[i % cities.length],
  }));
}

const reference = buildReferenceProfile(rows(5000, 1), features, { reservoirSize: 100, seed: 1 });

test("merge(profile(A), profile(B)) equals profile(A ∪ B): counts, histograms, categories, moments, sketches, sample", () => {
  const a = rows(3000, 2).map((f, i): ProfiledEvent => ({ timestamp_ms: i, features: f, prediction: i % 3 }));
  const b = rows(2000, 3, 5).map((f, i): ProfiledEvent => ({ timestamp_ms: HOUR + i, features: f, prediction: i % 4 }));
  const split = createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: 100, seed: 9, predictionKind: "categorical" });
  const whole = createWindowProfiler(reference, features, { windowMs: 2 * HOUR, reservoirSize: 100, seed: 9, predictionKind: "categorical" });
  for (const e of [...a, ...b]) {
    split.add(e);
    whole.add(e);
  }
  const parts = split.windows();
  assert.deepEqual([...parts.keys()], [0, HOUR]);
  const merged = mergeDataProfiles(parts.get(0)!.data, parts.get(HOUR)!.data);
  const union = whole.windows().get(0)!.data;
  assert.equal(merged.events, 5000);
  assert.deepEqual(merged.quality, union.quality);
  for (const name of ["age", "income"]) {
    const m = merged.features[name] as NumericProfile;
    const u = union.features[name] as NumericProfile;
    for (const k of ["count", "missing", "invalid", "min", "max"] as const) assert.equal(m[k], u[k], `${name}.${k}`);
    assert.ok(Math.abs(m.mean - u.mean) <= 1e-9 * Math.abs(u.mean), `${name} mean`);
    assert.ok(Math.abs(variance(m) - variance(u)) <= 1e-9 * variance(u), `${name} variance`);
    assert.deepEqual(m.histogram, u.histogram);
    assert.deepEqual(m.sketch.positive.usedBins(), u.sketch.positive.usedBins());
    for (const q of [0.05, 0.5, 0.95]) assert.equal(m.sketch.quantile(q), u.sketch.quantile(q));
    assert.deepEqual(m.distinct.registers, u.distinct.registers);
  }
  const age = merged.features.age as NumericProfile;
  assert.equal(age.count, 5000 - 60 - 40); // every 50th row of each part is null
  assert.equal(age.missing, 100);
  assert.equal((merged.features.income as NumericProfile).invalid, 31 + 21);
  const city = merged.features.city as CategoricalProfile;
  assert.deepEqual(city.categories, (union.features.city as CategoricalProfile).categories);
  const expected = new Map<string, number>();
  for (const e of [...a, ...b]) {
    const v = e.features.city;
    if (v !== "") expected.set(String(v), (expected.get(String(v)) ?? 0) + 1);
  }
  assert.deepEqual(new Map([...city.categories].sort()), new Map([...expected].sort()));
  assert.equal(city.missing, 97 + 65); // every 31st row of each part is ""
  assert.deepEqual((merged.prediction as CategoricalProfile).categories, (union.prediction as CategoricalProfile).categories);
  // Same keys drawn in the same order: the merged window samples are the union's sample.
  const sample = mergeSamples(parts.get(0)!.sample, parts.get(HOUR)!.sample);
  assert.deepEqual(sample, whole.windows().get(0)!.sample);
});

test("sketch quantiles of a window agree with the exact quantiles within the sketch's error", () => {
  const z = normalGenerator(21);
  const values = Array.from({ length: 20_000 }, () => 30 + 10 * z());
  const p = createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: 10, seed: 1 });
  for (const v of values) p.add({ timestamp_ms: 0, features: { age: v } });
  const age = p.windows().get(0)!.data.features.age as NumericProfile;
  const exact = Float64Array.from(values).sort();
  for (const q of [0.01, 0.25, 0.5, 0.75, 0.99]) {
    const truth = exact[Math.floor(q * (exact.length - 1))]!;
    assert.ok(Math.abs(age.sketch.quantile(q) - truth) <= SKETCH_RELATIVE_ACCURACY * Math.abs(truth));
  }
});

test("data quality counts a batch's absent features, wrong types and unknown columns exactly", () => {
  const p = createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: 10, seed: 1, predictionKind: "numeric" });
  const batch: Record<string, unknown>[] = [
    { age: 30, income: 1000, city: "paris" },
    { income: 2000, city: "lyon" }, // age absent
    { age: "thirty", income: 3000, city: "nice" }, // wrong type
    { age: 31, income: true, city: { name: "x" }, colour: "red" }, // two wrong types, one unknown column
    { age: undefined, income: null, city: ["a"], colour: "blue", shoe: 42 }, // age present but undefined
    { age: Infinity, income: NaN, city: 5 }, // Infinity is invalid, NaN missing
    {}, // everything absent
  ];
  batch.forEach((f, i) => p.add({ timestamp_ms: 10 * i, features: f, ...(i < 3 ? { prediction: i * 0.5 } : {}) }));
  const data = p.windows().get(0)!.data;
  assert.equal(data.events, 7);
  assert.deepEqual(data.quality, {
    missing_feature: { age: 2, income: 1, city: 1 },
    wrong_type: { age: 2, income: 1, city: 2 },
    unknown_column: { colour: 2, shoe: 1 },
  });
  const age = data.features.age as NumericProfile;
  assert.deepEqual([age.count, age.missing, age.invalid], [2, 3, 2]);
  const income = data.features.income as NumericProfile;
  assert.deepEqual([income.count, income.missing, income.invalid], [3, 3, 1]);
  const city = data.features.city as CategoricalProfile;
  assert.deepEqual([city.count, city.missing, city.invalid], [4, 1, 2]);
  assert.deepEqual([...city.categories], [["paris", 1], ["lyon", 1], ["nice", 1], ["5", 1]]);
  const prediction = data.prediction as NumericProfile;
  assert.deepEqual([prediction.count, prediction.missing, prediction.mean], [3, 4, 0.5]);
  // The window's sample holds every row, NaN where age was not a usable number.
  const sample = p.windows().get(0)!.sample;
  assert.equal(sample.keys.length, 7);
  assert.deepEqual([...sample.columns.age!].filter((v) => !Number.isNaN(v)).sort(), [30, 31]);
});

test("windows start at multiples of windowMs; snapshots do not change with later events; no prediction, no profile", () => {
  const p = createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: 10, seed: 1, predictionKind: "numeric" });
  p.add({ timestamp_ms: 2 * HOUR + 5, features: { age: 1 } });
  p.add({ timestamp_ms: -1, features: { age: 2 } });
  const before = p.windows();
  p.add({ timestamp_ms: 2 * HOUR + 6, features: { age: 3 } });
  assert.deepEqual([...before.keys()], [-HOUR, 2 * HOUR]);
  assert.equal((before.get(2 * HOUR)!.data.features.age as NumericProfile).count, 1);
  assert.equal((p.windows().get(2 * HOUR)!.data.features.age as NumericProfile).count, 2);
  assert.equal(before.get(2 * HOUR)!.data.prediction, undefined);
});

test("bad options and timestamps are refused; a reference without the feature's bins is refused", () => {
  assert.throws(() => createWindowProfiler(reference, features, { windowMs: 0, reservoirSize: 10 }), CairnError);
  assert.throws(() => createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: 0 }), /reservoir/);
  assert.throws(
    () => createWindowProfiler(reference, [...features, { name: "height", kind: "numeric" }], { windowMs: HOUR, reservoirSize: 10 }),
    /height has no bins/,
  );
  const p = createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: 10 });
  assert.throws(() => p.add({ timestamp_ms: Number.NaN, features: {} }), /timestamp_ms/);
});
