import { test } from "node:test";
import assert from "node:assert/strict";
import { CairnError, type MonitorFeature } from "@cairn/core";
import { emptyDataProfile, mergeDataProfiles, mergeManyDataProfiles } from "./data-profile.js";
import { addCategory, addNumericValue, emptyCategoricalProfile } from "./feature-profile.js";
import { binSlot } from "./numeric-bins.js";
import { MAX_CATEGORIES, MAX_UNKNOWN_COLUMNS, OTHER_CATEGORY, type CategoricalProfile, type DataProfile, type NumericProfile } from "./types.js";

const features: MonitorFeature[] = [
  { name: "x", kind: "numeric" },
  { name: "c", kind: "categorical" },
];
const bins = { x: { edges: Float64Array.of(0, 1, 2) } };

/** A profile with the given x values and categories. */
function profile(xs: number[], cs: string[]): DataProfile {
  const p = emptyDataProfile(features, { bins });
  const x = p.features.x as NumericProfile;
  for (const v of xs) addNumericValue(x, v, binSlot(bins.x.edges, v));
  for (const c of cs) addCategory(p.features.c as CategoricalProfile, c);
  p.events = Math.max(xs.length, cs.length);
  return p;
}

test("mergeDataProfiles is pure and sums everything", () => {
  const a = profile([0.5, 1.5, 3], ["u", "v"]);
  const b = profile([-1, 1.25], ["v"]);
  b.quality.unknown_column.extra = 2;
  const aBefore = (a.features.x as NumericProfile).histogram.slice();
  const m = mergeDataProfiles(a, b);
  const x = m.features.x as NumericProfile;
  assert.deepEqual([...x.histogram], [1, 1, 2, 1]);
  assert.equal(x.count, 5);
  assert.ok(Math.abs(x.mean - 1.05) < 1e-12);
  // numpy: np.var([0.5, 1.5, 3, -1, 1.25], ddof=1) * 4 = m2 = 8.55
  assert.ok(Math.abs(x.m2 - 8.55) < 1e-12);
  assert.deepEqual([...(m.features.c as CategoricalProfile).categories], [["u", 1], ["v", 2]]);
  assert.equal(m.quality.unknown_column.extra, 2);
  assert.equal(m.events, 5);
  assert.deepEqual((a.features.x as NumericProfile).histogram, aBefore);
  assert.equal((a.features.x as NumericProfile).count, 3);
  assert.equal(a.quality.unknown_column.extra, undefined);
  assert.equal((b.features.c as CategoricalProfile).categories.get("v"), 1);
});

test("mergeManyDataProfiles folds many; an empty profile without bins merges with a binned one", () => {
  const parts = [profile([0.1], []), profile([1.1], []), profile([2.1], [])];
  const m = mergeManyDataProfiles(parts)!;
  assert.deepEqual([...(m.features.x as NumericProfile).histogram], [0, 1, 1, 1]);
  assert.equal(mergeManyDataProfiles([]), null);
  const unbinned = emptyDataProfile(features);
  const both = mergeDataProfiles(unbinned, parts[0]!);
  assert.deepEqual([...(both.features.x as NumericProfile).histogram], [0, 1, 0, 0]);
});

test("categories beyond MAX_CATEGORIES go to OTHER_CATEGORY when adding and when merging", () => {
  const p = emptyCategoricalProfile();
  for (let i = 0; i < MAX_CATEGORIES + 5; i++) addCategory(p, `k${i}`);
  assert.equal(p.categories.size, MAX_CATEGORIES + 1);
  assert.equal(p.categories.get(OTHER_CATEGORY), 5);
  const a = emptyDataProfile(features);
  const b = emptyDataProfile(features);
  const ca = a.features.c as CategoricalProfile;
  const cb = b.features.c as CategoricalProfile;
  for (let i = 0; i < 800; i++) addCategory(ca, `a${i}`);
  for (let i = 0; i < 800; i++) {
    addCategory(cb, `b${i}`);
    if (i < 10) addCategory(cb, `b${i}`); // ten frequent ones must survive
  }
  const m = mergeDataProfiles(a, b).features.c as CategoricalProfile;
  assert.equal(m.categories.size, MAX_CATEGORIES + 1);
  assert.equal(m.count, 1610);
  assert.equal([...m.categories.values()].reduce((x, y) => x + y, 0), 1610);
  for (let i = 0; i < 10; i++) assert.equal(m.categories.get(`b${i}`), 2);
  assert.equal(m.categories.get(OTHER_CATEGORY), 600);
});

test("unknown columns are capped at MAX_UNKNOWN_COLUMNS on merge", () => {
  const a = emptyDataProfile(features);
  const b = emptyDataProfile(features);
  for (let i = 0; i < MAX_UNKNOWN_COLUMNS; i++) a.quality.unknown_column[`a${i}`] = 2;
  for (let i = 0; i < 10; i++) b.quality.unknown_column[`b${i}`] = 1;
  const m = mergeDataProfiles(a, b).quality.unknown_column;
  assert.equal(Object.keys(m).length, MAX_UNKNOWN_COLUMNS + 1);
  assert.equal(m[OTHER_CATEGORY], 10);
});

test("profiles of different schemas or references do not merge", () => {
  const a = profile([0.5], []);
  const other = emptyDataProfile([{ name: "x", kind: "categorical" }]);
  assert.throws(() => mergeDataProfiles(a, other), CairnError);
  const rebinned = emptyDataProfile(features, { bins: { x: { edges: Float64Array.of(0, 5) } } });
  addNumericValue(rebinned.features.x as NumericProfile, 1, 1);
  assert.throws(() => mergeDataProfiles(a, rebinned), /different references/);
});
