/**
 * The reference profile: computed once from the reference rows, it fixes the bins every window's
 * histogram uses. One pass reads the rows into columns (rows may be any iterable, read once);
 * then each numeric column is profiled in a tight typed-array loop and sorted once for its
 * equal-mass bin edges and exact histogram.
 */
import { CairnError, type MonitorFeature } from "@cairn/core";
import { emptyQuality, capUnknownColumns } from "./data-profile.js";
import { addCategory, categoryKey, emptyCategoricalProfile, emptyNumericProfile } from "./feature-profile.js";
import { binsFromSorted, histogramFromSorted } from "./numeric-bins.js";
import { SortScratch, sortFloat64 } from "./radix-sort.js";
import { createRng, freshSeed } from "./rng.js";
import { Reservoir } from "./sample.js";
import { numericKind, VALUE, MISSING } from "./value-kind.js";
import {
  MAX_UNKNOWN_COLUMNS,
  OTHER_CATEGORY,
  PREDICTION_KEY,
  type CategoricalProfile,
  type DataProfile,
  type FeatureProfile,
  type NumericBins,
  type NumericProfile,
  type ReferenceProfile,
} from "./types.js";

/** Smallest reference sample: a reference of up to this many rows is kept whole for exact tests. */
export const MIN_REFERENCE_SAMPLE = 1000;

/** Options of buildReferenceProfile. */
export interface ReferenceOptions {
  /** Rows per window sample; the reference keeps max(reservoirSize, MIN_REFERENCE_SAMPLE). */
  reservoirSize: number;
  seed?: number;
  /** The column holding the model's prediction, profiled like a feature of the given kind. */
  prediction?: { column: string; kind: "numeric" | "categorical" };
}

/** A growable column of doubles (NaN where a row had no usable value). */
class Column {
  values: Float64Array;
  constructor(initial: number) {
    this.values = new Float64Array(Math.max(16, initial));
  }
  set(row: number, value: number): void {
    if (row >= this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[row] = value;
  }
}

/** Profiles the reference rows: bins, data profile, sample and row count. */
export function buildReferenceProfile(
  rows: Iterable<Record<string, unknown>>,
  features: readonly MonitorFeature[],
  options: ReferenceOptions,
): ReferenceProfile {
  checkSchema(features, options);
  const prediction = options.prediction;
  const numeric = features.filter((f) => f.kind === "numeric").map((f) => f.name);
  const categorical = features.filter((f) => f.kind === "categorical").map((f) => f.name);
  const known = new Set(features.map((f) => f.name));
  if (prediction) known.add(prediction.column);
  const initial = Array.isArray(rows) ? rows.length : 1024;
  const columns = numeric.map(() => new Column(initial));
  const predictionColumn = prediction?.kind === "numeric" ? new Column(initial) : null;
  const numericCounts = numeric.map(() => ({ missing: 0, invalid: 0 }));
  const cats = categorical.map(() => emptyCategoricalProfile());
  const predictionCats = prediction?.kind === "categorical" ? emptyCategoricalProfile() : null;
  const predictionCounts = { missing: 0, invalid: 0 };
  const quality = emptyQuality();
  const missingFeature = new Float64Array(features.length);
  const unknown = new Map<string, number>();
  const reservoir = new Reservoir(Math.max(options.reservoirSize, MIN_REFERENCE_SAMPLE), numeric.length);
  const rng = createRng(options.seed ?? freshSeed());
  const numericIndex = numeric.map((name) => features.findIndex((f) => f.name === name));
  const categoricalIndex = categorical.map((name) => features.findIndex((f) => f.name === name));

  let r = 0;
  for (const row of rows) {
    const slot = reservoir.offer(rng());
    let present = 0;
    for (let j = 0; j < numeric.length; j++) {
      const name = numeric[j]!;
      const v = row[name];
      if (v !== undefined || name in row) present++;
      else missingFeature[numericIndex[j]!]!++;
      const kind = numericKind(v);
      const value = kind === VALUE ? (v as number) : NaN;
      if (kind === MISSING) numericCounts[j]!.missing++;
      else if (kind !== VALUE) numericCounts[j]!.invalid++;
      columns[j]!.set(r, value);
      if (slot >= 0) reservoir.columns[j]![slot] = value;
    }
    for (let j = 0; j < categorical.length; j++) {
      const name = categorical[j]!;
      const v = row[name];
      if (v !== undefined || name in row) present++;
      else missingFeature[categoricalIndex[j]!]!++;
      addCategoricalValue(cats[j]!, v);
    }
    if (prediction) {
      const v = row[prediction.column];
      if (v !== undefined || prediction.column in row) present++;
      if (predictionColumn) {
        const kind = numericKind(v);
        if (kind === MISSING) predictionCounts.missing++;
        else if (kind !== VALUE) predictionCounts.invalid++;
        predictionColumn.set(r, kind === VALUE ? (v as number) : NaN);
      } else addCategoricalValue(predictionCats!, v);
    }
    let keys = 0;
    for (const _ in row) keys++;
    if (keys > present) countUnknown(row, known, unknown);
    r++;
  }

  const bins: Record<string, NumericBins> = {};
  const scratch = new SortScratch();
  const profiles: Record<string, FeatureProfile> = {};
  for (let j = 0; j < numeric.length; j++) {
    const name = numeric[j]!;
    const built = profileColumn(columns[j]!.values, r, numericCounts[j]!, scratch);
    bins[name] = built.bins;
    profiles[name] = built.profile;
  }
  for (let j = 0; j < categorical.length; j++) profiles[categorical[j]!] = cats[j]!;
  for (let i = 0; i < features.length; i++) {
    const f = features[i]!;
    quality.missing_feature[f.name] = missingFeature[i]!;
    const p = profiles[f.name]!;
    quality.wrong_type[f.name] = p.invalid;
  }
  for (const [key, c] of unknown) quality.unknown_column[key] = c;
  capUnknownColumns(quality.unknown_column);
  const data: DataProfile = { events: r, features: profiles, quality };
  if (predictionColumn) {
    const built = profileColumn(predictionColumn.values, r, predictionCounts, scratch);
    bins[PREDICTION_KEY] = built.bins;
    if (built.profile.count + built.profile.invalid > 0) data.prediction = built.profile;
  } else if (predictionCats && predictionCats.count + predictionCats.invalid > 0) {
    data.prediction = predictionCats;
  }
  return { rows: r, bins, data, sample: reservoir.toSample(numeric) };
}

/** Feature names must be unique, and not clash with the prediction's bins key. */
function checkSchema(features: readonly MonitorFeature[], options: ReferenceOptions): void {
  const seen = new Set<string>();
  for (const f of features) {
    if (seen.has(f.name)) throw new CairnError("INVALID_PARAMETER_VALUE", `feature ${f.name} is listed twice`);
    seen.add(f.name);
  }
  const p = options.prediction;
  if (p && p.kind === "numeric" && seen.has(PREDICTION_KEY)) {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `a feature is named "${PREDICTION_KEY}", which is reserved for the model's prediction: rename the column or exclude it`,
    );
  }
  if (p && seen.has(p.column)) {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `column ${p.column} is both a feature and the prediction: exclude it from the features`,
    );
  }
}

/** Adds one raw value to a categorical profile. */
function addCategoricalValue(p: CategoricalProfile, v: unknown): void {
  const key = categoryKey(v);
  if (key === null) p.missing++;
  else if (key === undefined) p.invalid++;
  else addCategory(p, key);
}

/** Counts the keys of row that are not in the schema. */
export function countUnknown(row: Record<string, unknown>, known: Set<string>, unknown: Map<string, number>): void {
  for (const key in row) {
    if (known.has(key)) continue;
    const current = unknown.get(key);
    if (current !== undefined) unknown.set(key, current + 1);
    else if (unknown.size < MAX_UNKNOWN_COLUMNS) unknown.set(key, 1);
    else unknown.set(OTHER_CATEGORY, (unknown.get(OTHER_CATEGORY) ?? 0) + 1);
  }
}

/** Profiles one numeric column (NaN = no value) and derives its bins. */
function profileColumn(
  values: Float64Array,
  rows: number,
  counts: { missing: number; invalid: number },
  scratch: SortScratch,
): { bins: NumericBins; profile: NumericProfile } {
  // Compact the finite values to the front, in row order; the column is ours to overwrite.
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const v = values[i]!;
    if (v === v) values[n++] = v;
  }
  const finite = values.subarray(0, n);
  const profile = emptyNumericProfile(1);
  profile.missing = counts.missing;
  profile.invalid = counts.invalid;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  const sketch = profile.sketch;
  const distinct = profile.distinct;
  for (let i = 0; i < n; i++) {
    const v = finite[i]!;
    const delta = v - mean;
    mean += delta / (i + 1);
    m2 += delta * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
    sketch.add(v);
    distinct.addNumber(v);
  }
  Object.assign(profile, { count: n, mean, m2, min, max });
  sortFloat64(finite, scratch);
  const bins = binsFromSorted(finite);
  profile.histogram = histogramFromSorted(finite, bins.edges);
  return { bins, profile };
}
