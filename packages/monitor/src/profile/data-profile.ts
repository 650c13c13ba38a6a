/**
 * Data profiles of windows: empty ones, and exact merging (pure for two, in place for many so a
 * report over 720 windows allocates one accumulator rather than 720).
 */
import type { MonitorFeature } from "@cairn/core";
import { cloneFeatureProfile, emptyCategoricalProfile, emptyNumericProfile, mergeFeatureInto } from "./feature-profile.js";
import {
  MAX_UNKNOWN_COLUMNS,
  OTHER_CATEGORY,
  PREDICTION_KEY,
  type DataProfile,
  type DataQuality,
  type FeatureProfile,
  type NumericBins,
} from "./types.js";

/** Options of emptyDataProfile: the reference bins size the histograms; predictionKind adds a prediction profile. */
export interface EmptyProfileOptions {
  bins?: Record<string, NumericBins>;
  predictionKind?: "numeric" | "categorical";
}

/** A profile of zero events for the given schema. */
export function emptyDataProfile(features: readonly MonitorFeature[], options: EmptyProfileOptions = {}): DataProfile {
  const profiles: Record<string, FeatureProfile> = {};
  const quality = emptyQuality();
  for (const f of features) {
    profiles[f.name] =
      f.kind === "numeric" ? emptyNumericProfile(slotsFor(options.bins?.[f.name])) : emptyCategoricalProfile();
    quality.missing_feature[f.name] = 0;
    quality.wrong_type[f.name] = 0;
  }
  const profile: DataProfile = { events: 0, features: profiles, quality };
  if (options.predictionKind === "numeric") profile.prediction = emptyNumericProfile(slotsFor(options.bins?.[PREDICTION_KEY]));
  else if (options.predictionKind === "categorical") profile.prediction = emptyCategoricalProfile();
  return profile;
}

/** Histogram slots for a feature's bins (1 when there are none). */
export function slotsFor(bins: NumericBins | undefined): number {
  return (bins?.edges.length ?? 0) + 1;
}

/** Zeroed data quality counters. */
export function emptyQuality(): DataQuality {
  return { missing_feature: {}, wrong_type: {}, unknown_column: {} };
}

/** The profile of a ∪ b; neither argument is changed. */
export function mergeDataProfiles(a: DataProfile, b: DataProfile): DataProfile {
  const out = cloneDataProfile(a);
  mergeDataProfileInto(out, b);
  return out;
}

/** The merge of many profiles (null for none), with one accumulator; the inputs are not changed. */
export function mergeManyDataProfiles(profiles: Iterable<DataProfile>): DataProfile | null {
  let out: DataProfile | null = null;
  for (const p of profiles) {
    if (out === null) out = cloneDataProfile(p);
    else mergeDataProfileInto(out, p);
  }
  return out;
}

/** Folds src into target (target is changed, src is not). */
export function mergeDataProfileInto(target: DataProfile, src: DataProfile): void {
  target.events += src.events;
  for (const name in src.features) {
    const s = src.features[name]!;
    const t = target.features[name];
    if (t === undefined) target.features[name] = cloneFeatureProfile(s);
    else mergeFeatureInto(t, s, name);
  }
  if (src.prediction !== undefined) {
    if (target.prediction === undefined) target.prediction = cloneFeatureProfile(src.prediction);
    else mergeFeatureInto(target.prediction, src.prediction, PREDICTION_KEY);
  }
  addCounts(target.quality.missing_feature, src.quality.missing_feature);
  addCounts(target.quality.wrong_type, src.quality.wrong_type);
  addCounts(target.quality.unknown_column, src.quality.unknown_column);
  capUnknownColumns(target.quality.unknown_column);
}

/** An independent copy. */
export function cloneDataProfile(p: DataProfile): DataProfile {
  const features: Record<string, FeatureProfile> = {};
  for (const name in p.features) features[name] = cloneFeatureProfile(p.features[name]!);
  const out: DataProfile = {
    events: p.events,
    features,
    quality: {
      missing_feature: { ...p.quality.missing_feature },
      wrong_type: { ...p.quality.wrong_type },
      unknown_column: { ...p.quality.unknown_column },
    },
  };
  if (p.prediction !== undefined) out.prediction = cloneFeatureProfile(p.prediction);
  return out;
}

/** target[k] += src[k] for every key of src. */
function addCounts(target: Record<string, number>, src: Record<string, number>): void {
  for (const key in src) target[key] = (target[key] ?? 0) + src[key]!;
}

/** Keeps the MAX_UNKNOWN_COLUMNS most frequent unknown columns; the rest are summed under OTHER_CATEGORY. */
export function capUnknownColumns(counts: Record<string, number>): void {
  const names = Object.keys(counts).filter((k) => k !== OTHER_CATEGORY);
  if (names.length <= MAX_UNKNOWN_COLUMNS) return;
  names.sort((a, b) => counts[b]! - counts[a]! || (a < b ? -1 : 1));
  let other = counts[OTHER_CATEGORY] ?? 0;
  for (let i = MAX_UNKNOWN_COLUMNS; i < names.length; i++) {
    other += counts[names[i]!]!;
    delete counts[names[i]!];
  }
  counts[OTHER_CATEGORY] = other;
}
