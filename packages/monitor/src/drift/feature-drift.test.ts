import { it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ksTwoSample, normedWasserstein } from "../stats/index.js";
import { defaultDriftMethod } from "./method-selection.js";
import { driftOf } from "./drift-test-helpers.js";

const IRIS = new URL("../../../serve/test/datasets/iris.csv", import.meta.url);
const NAMES = ["sepal_length", "sepal_width", "petal_length", "petal_width"];
const SPECIES = ["setosa", "versicolor", "virginica"];

/** Iris (sklearn's copy, see packages/serve/test/datasets/README) split even/odd rows; the odd half gets injected drift. */
function iris(shiftPetal: number, missingSepalWidth = 0) {
  const rows = readFileSync(IRIS, "utf8").trim().split("\n").slice(1).map((line) => line.split(",").map(Number));
  const toRow = (r: number[]): Record<string, number | string | null> => ({ ...Object.fromEntries(NAMES.map((n, j) => [n, r[j]!])), species: SPECIES[r[4]!]! });
  const reference = rows.filter((_, i) => i % 2 === 0).map(toRow);
  const current = rows
    .filter((_, i) => i % 2 === 1)
    .map(toRow)
    .map((r, i) => ({ ...r, petal_length: (r.petal_length as number) + shiftPetal, sepal_width: i < missingSepalWidth ? null : r.sepal_width }));
  return { reference, current };
}
const irisFeatures = [...NAMES.map((name) => ({ name, kind: "numeric" as const })), { name: "species", kind: "categorical" as const }];

it("picks methods as Evidently does, by reference size, kind and unique values", () => {
  assert.equal(defaultDriftMethod("numeric", 1000, 6), "ks");
  assert.equal(defaultDriftMethod("numeric", 1000, 5), "chisquare");
  assert.equal(defaultDriftMethod("numeric", 1000, 2), "z");
  assert.equal(defaultDriftMethod("categorical", 500, 3), "chisquare");
  assert.equal(defaultDriftMethod("categorical", 500, 2), "z");
  assert.equal(defaultDriftMethod("numeric", 1001, 6), "wasserstein");
  assert.equal(defaultDriftMethod("numeric", 1001, 5), "jensenshannon");
  assert.equal(defaultDriftMethod("categorical", 5000, 40), "jensenshannon");
});

it("on iris with petal length shifted by 0.5 cm, exact KS flags only petal_length, with scipy's p-values", () => {
  const { reference, current } = iris(0.5);
  const drift = driftOf(reference, current, irisFeatures);
  const byName = Object.fromEntries(drift.features.map((f) => [f.feature, f]));
  // scipy.stats.ks_2samp(reference[:, j], current[:, j]) on the same split.
  assert.ok(Math.abs(byName.petal_length!.statistic! - 0.0053773062238049564) < 1e-12, String(byName.petal_length!.statistic));
  assert.ok(Math.abs(byName.sepal_length!.statistic! - 0.9966899221363298) < 1e-12);
  assert.deepEqual(drift.features.map((f) => [f.feature, f.method, f.basis, f.drifted]), [
    ["sepal_length", "ks", "sample", false],
    ["sepal_width", "ks", "sample", false],
    ["petal_length", "ks", "sample", true],
    ["petal_width", "ks", "sample", false],
    ["species", "chisquare", "profile", false],
  ]);
  assert.equal(byName.species!.statistic, 1, "25 of each species on both sides: chi-square p = 1");
  assert.equal(drift.drift_share, 0.2);
  assert.equal(drift.dataset_drift, false);
});

it("flags a feature whose missing rate rises, which a test on the remaining values alone does not see", () => {
  const { reference, current } = iris(0, 15);
  const drift = driftOf(reference, current, irisFeatures);
  const width = drift.features.find((f) => f.feature === "sepal_width")!;
  // scipy.stats.ks_2samp(reference[:, 1], current[15:, 1]): the values left are not drifted.
  assert.ok(Math.abs(width.statistic! - 0.3766822011439427) < 1e-12, String(width.statistic));
  assert.equal(width.value_drifted, false);
  assert.deepEqual([width.missing.reference_rate, width.missing.current_rate], [0, 0.2]);
  assert.ok(width.missing.p_value < 0.001);
  assert.equal(width.drifted, true);
  const small = driftOf(reference, iris(0, 1).current, irisFeatures).features.find((f) => f.feature === "sepal_width")!;
  assert.equal(small.missing.drifted, false, "one missing value in 75 is not significant");
});

/** mulberry32 normals, so the large-sample checks see the same data every run. */
function normals(seed: number, n: number, mean: number, sd: number): Float64Array {
  let s = seed;
  const u = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float64Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}

it("above 1000 reference rows uses Wasserstein/σ from the profiles: within 0.01 of the exact value near the threshold, 3% far above it", () => {
  const ref = normals(1, 20_000, 50, 10);
  const shifts = [0, 0.05, 0.1, 0.3, 1];
  const cols = shifts.map((k, j) => normals(2 + j, 20_000, 50 + 10 * k, 10));
  const features = shifts.map((_, j) => ({ name: `x${j}`, kind: "numeric" as const }));
  const reference = Array.from(ref, (v) => Object.fromEntries(shifts.map((_, j) => [`x${j}`, v])));
  const current = Array.from({ length: 20_000 }, (_, i) => Object.fromEntries(shifts.map((_, j) => [`x${j}`, cols[j]![i]!])));
  const drift = driftOf(reference, current, features);
  drift.features.forEach((f, j) => {
    const exact = normedWasserstein(ref, cols[j]!).statistic;
    assert.equal(f.method, "wasserstein");
    assert.equal(f.basis, "profile");
    // Tail bins are wide and values past the reference's range sit in one slot, so a large shift is approximated less closely.
    assert.ok(Math.abs(f.statistic! - exact) < 0.01 + 0.03 * exact, `x${j}: profile ${f.statistic} vs exact ${exact}`);
    assert.equal(f.value_drifted, exact >= 0.1, `x${j}`);
  });
  // KS chosen explicitly runs on the profiles' histograms too: D at the reference's bin edges.
  const ks = driftOf(reference, current, [{ name: "x3", kind: "numeric", method: "ks" }]).features[0]!;
  const exactKs = ksTwoSample(ref, cols[3]!);
  assert.ok(ks.p_value! < 1e-6 && exactKs.p_value! < 1e-6, "a 0.3σ shift on 20,000 rows is certain drift");
});

it("reports unseen categories, and an empty or constant reference in plain words, never NaN", () => {
  const reference = Array.from({ length: 300 }, (_, i) => ({ plan: ["a", "b", "c"][i % 3]!, empty: null, flat: 5 }));
  const current = Array.from({ length: 300 }, (_, i) => ({ plan: i % 10 === 0 ? "z" : ["a", "b", "c"][i % 3]!, empty: 1, flat: i % 2 === 0 ? 5 : 6 }));
  const drift = driftOf(reference, current, [
    { name: "plan", kind: "categorical" },
    { name: "empty", kind: "numeric" },
    { name: "flat", kind: "numeric" },
  ]);
  const [plan, empty, flat] = drift.features;
  assert.deepEqual(plan!.unseen, { share: 0.1, categories: ["z"], drifted: true });
  assert.equal(empty!.status, "empty_reference");
  assert.equal(empty!.statistic, null);
  assert.match(empty!.message!, /The reference has no values for 'empty' \(300 missing/);
  assert.equal(flat!.status, "constant_reference");
  assert.equal(flat!.drifted, true);
  assert.match(flat!.message!, /constant at 5; the current data ranges from 5 to 6, which is drift/);
  assert.equal(drift.measured_features, 2, "the empty reference is not counted in the drift share");
  assert.ok(drift.features.every((f) => !Number.isNaN(f.statistic)));
});

it("applies Benjamini-Hochberg across features when asked", () => {
  const { reference, current } = iris(0.3);
  const plain = driftOf(reference, current, irisFeatures).features.find((f) => f.feature === "petal_length")!;
  const corrected = driftOf(reference, current, irisFeatures, { bh_correction: true });
  const petal = corrected.features.find((f) => f.feature === "petal_length")!;
  assert.equal(petal.p_value, plain.p_value, "the raw p-value is kept");
  // BH with 5 tests: the smallest p-value is multiplied by 5 (then capped by the monotone step).
  assert.ok(Math.abs(petal.statistic! - Math.min(1, plain.p_value! * 5)) < 1e-12, `${petal.statistic} vs ${plain.p_value! * 5}`);
  assert.equal(corrected.bh_correction, true);
});
