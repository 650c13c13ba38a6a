/**
 * Feature profiles: creation, the per-value update, exact merging and copying. Both the
 * reference builder and the window profiler feed values through these functions, so a window and
 * the reference count the same things the same way.
 */
import { CairnError } from "@cairn/core";
import { Hll } from "./hll.js";
import { QuantileSketch } from "./quantile-sketch.js";
import {
  MAX_CATEGORIES,
  OTHER_CATEGORY,
  type CategoricalProfile,
  type FeatureProfile,
  type NumericProfile,
} from "./types.js";

/** An empty numeric profile whose histogram has `slots` slots (edges.length + 1). */
export function emptyNumericProfile(slots: number): NumericProfile {
  return {
    kind: "numeric",
    count: 0,
    missing: 0,
    invalid: 0,
    mean: 0,
    m2: 0,
    min: Infinity,
    max: -Infinity,
    histogram: new Float64Array(slots),
    sketch: new QuantileSketch(),
    distinct: new Hll(),
  };
}

/** An empty categorical profile. */
export function emptyCategoricalProfile(): CategoricalProfile {
  return { kind: "categorical", count: 0, missing: 0, invalid: 0, categories: new Map(), distinct: new Hll() };
}

/** Adds one finite number that falls into histogram slot `slot`. */
export function addNumericValue(p: NumericProfile, value: number, slot: number): void {
  const n = ++p.count;
  const delta = value - p.mean;
  p.mean += delta / n;
  p.m2 += delta * (value - p.mean);
  if (value < p.min) p.min = value;
  if (value > p.max) p.max = value;
  p.histogram[slot]!++;
  p.sketch.add(value);
  p.distinct.addNumber(value);
}

/** The category key of a categorical value, or null (missing) / undefined (invalid: objects, arrays). */
export function categoryKey(value: unknown): string | null | undefined {
  switch (typeof value) {
    case "string":
      return value === "" ? null : value;
    case "number":
      return value !== value ? null : String(value);
    case "boolean":
    case "bigint":
      return String(value);
    case "undefined":
      return null;
    case "object":
      return value === null ? null : undefined;
    default:
      return undefined;
  }
}

/** Adds one category (already stringified); new categories past MAX_CATEGORIES go to OTHER_CATEGORY. */
export function addCategory(p: CategoricalProfile, key: string): void {
  p.count++;
  p.distinct.addString(key);
  const categories = p.categories;
  const current = categories.get(key);
  if (current !== undefined) {
    categories.set(key, current + 1);
    return;
  }
  const kept = categories.size - (categories.has(OTHER_CATEGORY) ? 1 : 0);
  if (kept < MAX_CATEGORIES) categories.set(key, 1);
  else categories.set(OTHER_CATEGORY, (categories.get(OTHER_CATEGORY) ?? 0) + 1);
}

/** Folds src into target (same kind, same bins). */
export function mergeFeatureInto(target: FeatureProfile, src: FeatureProfile, name: string): void {
  if (target.kind !== src.kind) {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `feature ${name} is ${target.kind} in one profile and ${src.kind} in the other: profiles of different schemas cannot be merged`,
    );
  }
  if (target.kind === "numeric") mergeNumericInto(target, src as NumericProfile, name);
  else mergeCategoricalInto(target, src as CategoricalProfile);
}

/** Chan's parallel update of count/mean/M2, plus the sketches. */
function mergeNumericInto(t: NumericProfile, s: NumericProfile, name: string): void {
  if (t.histogram.length !== s.histogram.length) {
    // A profile with nothing binned yet (emptyDataProfile without bins) takes the other's shape.
    if (isZero(t.histogram)) t.histogram = new Float64Array(s.histogram.length);
    else if (isZero(s.histogram)) s = { ...s, histogram: new Float64Array(t.histogram.length) };
  }
  if (t.histogram.length !== s.histogram.length) {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `feature ${name} has histograms of ${t.histogram.length} and ${s.histogram.length} slots: profiles made against different references cannot be merged`,
    );
  }
  const n = t.count + s.count;
  if (s.count > 0) {
    const delta = s.mean - t.mean;
    t.m2 = t.m2 + s.m2 + (delta * delta * t.count * s.count) / n;
    t.mean = t.mean + (delta * s.count) / n;
  }
  t.count = n;
  t.missing += s.missing;
  t.invalid += s.invalid;
  if (s.min < t.min) t.min = s.min;
  if (s.max > t.max) t.max = s.max;
  const th = t.histogram;
  const sh = s.histogram;
  for (let i = 0; i < th.length; i++) th[i]! += sh[i]!;
  t.sketch.mergeFrom(s.sketch);
  t.distinct.mergeFrom(s.distinct);
}

/** True when every slot is 0. */
function isZero(histogram: Float64Array): boolean {
  for (let i = 0; i < histogram.length; i++) if (histogram[i] !== 0) return false;
  return true;
}

/** Sums categories; past MAX_CATEGORIES the most frequent are kept and the rest summed under OTHER_CATEGORY. */
function mergeCategoricalInto(t: CategoricalProfile, s: CategoricalProfile): void {
  t.count += s.count;
  t.missing += s.missing;
  t.invalid += s.invalid;
  t.distinct.mergeFrom(s.distinct);
  for (const [key, c] of s.categories) t.categories.set(key, (t.categories.get(key) ?? 0) + c);
  capCategories(t.categories);
}

/** Keeps the MAX_CATEGORIES most frequent categories (ties: the smaller key), summing the rest under OTHER_CATEGORY. */
export function capCategories(categories: Map<string, number>): void {
  const kept = categories.size - (categories.has(OTHER_CATEGORY) ? 1 : 0);
  if (kept <= MAX_CATEGORIES) return;
  let other = categories.get(OTHER_CATEGORY) ?? 0;
  const entries = [...categories].filter(([k]) => k !== OTHER_CATEGORY);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (let i = MAX_CATEGORIES; i < entries.length; i++) {
    other += entries[i]![1];
    categories.delete(entries[i]![0]);
  }
  categories.set(OTHER_CATEGORY, other);
}

/** An independent copy. */
export function cloneFeatureProfile(p: FeatureProfile): FeatureProfile {
  if (p.kind === "numeric") {
    return { ...p, histogram: p.histogram.slice(), sketch: p.sketch.clone(), distinct: p.distinct.clone() };
  }
  return { ...p, categories: new Map(p.categories), distinct: p.distinct.clone() };
}
