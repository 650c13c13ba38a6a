import { test } from "node:test";
import assert from "node:assert/strict";
import { CairnError, type MonitorFeature } from "@cairn/core";
import { buildReferenceProfile } from "./reference-profile.js";
import { normalGenerator } from "./test-helpers.js";
import { FINE_BINS, PREDICTION_KEY, type CategoricalProfile, type NumericProfile } from "./types.js";

const features: MonitorFeature[] = [
  { name: "x", kind: "numeric" },
  { name: "rooms", kind: "numeric" },
  { name: "empty", kind: "numeric" },
  { name: "colour", kind: "categorical" },
];

/** n rows: a continuous x, an integer rooms in 1..4, an always-null column, a colour, a score. */
function rows(n: number): Record<string, unknown>[] {
  const z = normalGenerator(5);
  return Array.from({ length: n }, (_, i) => ({
    id: i,
    x: i % 100 === 0 ? undefined : z(),
    rooms: 1 + (i % 4),
    empty: null,
    colour: ["red", "green"][i % 2],
    score: i / n,
  }));
}

test("the reference profile bins, counts and samples its rows", () => {
  const data = rows(20_000);
  const ref = buildReferenceProfile(data, features, { reservoirSize: 500, seed: 3, prediction: { column: "score", kind: "numeric" } });
  assert.equal(ref.rows, 20_000);
  assert.equal(ref.bins.x!.edges.length, FINE_BINS + 1);
  assert.deepEqual([...ref.bins.rooms!.edges.slice(0, 4)], [1, 2, 3, 4]); // one bin per value
  assert.equal(ref.bins.empty!.edges.length, 0);
  assert.ok(ref.bins[PREDICTION_KEY]);
  const x = ref.data.features.x as NumericProfile;
  assert.equal(x.count, 19_800);
  assert.equal(x.missing, 200);
  assert.equal(x.histogram[0], 0);
  assert.equal(x.histogram[x.histogram.length - 1], 0);
  assert.equal(x.histogram.reduce((a, b) => a + b, 0), 19_800);
  const finite = data.map((r) => r.x).filter((v): v is number => typeof v === "number");
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  assert.ok(Math.abs(x.mean - mean) < 1e-12);
  assert.equal(x.min, Math.min(...finite));
  assert.equal(x.sketch.count, 19_800);
  assert.deepEqual([...(ref.data.features.rooms as NumericProfile).histogram], [0, 5000, 5000, 5000, 5000, 0]);
  const empty = ref.data.features.empty as NumericProfile;
  assert.deepEqual([empty.count, empty.missing, empty.histogram.length], [0, 20_000, 1]);
  assert.deepEqual([...(ref.data.features.colour as CategoricalProfile).categories], [["red", 10_000], ["green", 10_000]]);
  assert.equal((ref.data.prediction as NumericProfile).count, 20_000);
  // The id column is reported as unknown; the prediction column is not.
  assert.deepEqual(ref.data.quality.unknown_column, { id: 20_000 });
  // x: undefined is a key that is present, so the value is missing but the feature is not absent.
  assert.equal(ref.data.quality.missing_feature.x, 0);
  assert.equal(ref.data.quality.missing_feature.empty, 0);
  assert.equal(ref.sample.capacity, 1000); // at least 1000
  assert.equal(ref.sample.keys.length, 1000);
  assert.deepEqual(Object.keys(ref.sample.columns), ["x", "rooms", "empty"]);
});

test("a reference of at most 1000 rows is kept whole in its sample; any iterable works", () => {
  function* generate(): Generator<Record<string, unknown>> {
    for (let i = 0; i < 700; i++) yield { x: i, rooms: 1, empty: null, colour: "a" };
  }
  const ref = buildReferenceProfile(generate(), features, { reservoirSize: 100, seed: 1 });
  assert.equal(ref.rows, 700);
  assert.deepEqual([...ref.sample.columns.x!].sort((a, b) => a - b), Array.from({ length: 700 }, (_, i) => i));
  assert.equal(ref.data.prediction, undefined);
});

test("wrong types are counted as invalid and wrong_type, never thrown", () => {
  const ref = buildReferenceProfile(
    [{ x: "1.5", rooms: true, colour: { a: 1 } }, { x: 2, rooms: 3, colour: "b" }],
    features,
    { reservoirSize: 10, seed: 1 },
  );
  assert.deepEqual(ref.data.quality.wrong_type, { x: 1, rooms: 1, empty: 0, colour: 1 });
  assert.deepEqual(ref.data.quality.missing_feature, { x: 0, rooms: 0, empty: 2, colour: 0 });
  assert.equal((ref.data.features.x as NumericProfile).invalid, 1);
});

test("a schema with duplicate names or a feature that is also the prediction is refused", () => {
  assert.throws(() => buildReferenceProfile([], [features[0]!, features[0]!], { reservoirSize: 10 }), CairnError);
  assert.throws(
    () => buildReferenceProfile([], features, { reservoirSize: 10, prediction: { column: "x", kind: "numeric" } }),
    /both a feature and the prediction/,
  );
  assert.throws(
    () => buildReferenceProfile([], [{ name: PREDICTION_KEY, kind: "numeric" }], { reservoirSize: 10, prediction: { column: "p", kind: "numeric" } }),
    /reserved/,
  );
});
