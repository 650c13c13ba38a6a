/**
 * The shapes of mergeable data profiles: a reference profiled once, and one profile per window of
 * served events. Every part merges exactly (counts, histograms, moments, samples) or within a
 * documented error (quantile sketch, HyperLogLog), so reports never reread raw events.
 */
import type { QuantileSketch } from "./quantile-sketch.js";
import type { Hll } from "./hll.js";

export type { QuantileSketch } from "./quantile-sketch.js";
export type { Hll } from "./hll.js";

/** Fine bins per numeric feature: equal reference mass, so coarser groupings stay equal-mass too. */
export const FINE_BINS = 256;
/** Distinct categories kept per categorical profile before the rest are summed under OTHER_CATEGORY. */
export const MAX_CATEGORIES = 1000;
/** The bucket that holds categories beyond MAX_CATEGORIES. */
export const OTHER_CATEGORY = "__other__";
/** Unknown column names tracked per profile; further names are summed under OTHER_CATEGORY. */
export const MAX_UNKNOWN_COLUMNS = 100;
/** The key under which a numeric prediction's bins are kept in ReferenceProfile.bins. */
export const PREDICTION_KEY = "prediction";

/** Fixed bins taken from the reference, so every window's histogram aligns with it. */
export interface NumericBins {
  /**
   * Ascending, distinct. Bin i = [edges[i], edges[i+1]); the histogram adds an underflow slot
   * (< edges[0]) before and an overflow slot (>= last edge) after. The last edge lies just above
   * the reference maximum, so the reference itself never lands in under- or overflow. Empty when
   * the reference had no value: the histogram is then a single slot holding every value.
   */
  edges: Float64Array;
}

/** Profile of a numeric feature (or a numeric prediction). */
export interface NumericProfile {
  kind: "numeric";
  /** Non-missing finite numbers. */
  count: number;
  /** null, undefined (or key absent), NaN, "". */
  missing: number;
  /** Present but unusable: not a number (wrong type), or ±Infinity. */
  invalid: number;
  /** Welford/Chan running moments: variance = m2 / (count - 1). */
  mean: number;
  m2: number;
  /** Infinity / -Infinity while count is 0. */
  min: number;
  max: number;
  /** Length edges.length + 1: [underflow, bins..., overflow]; counts. */
  histogram: Float64Array;
  sketch: QuantileSketch;
  distinct: Hll;
}

/** Profile of a categorical feature (or a label-valued prediction). */
export interface CategoricalProfile {
  kind: "categorical";
  count: number;
  missing: number;
  /** Objects and arrays. */
  invalid: number;
  /** Value (numbers and booleans via String()) -> count; at most MAX_CATEGORIES keys besides OTHER_CATEGORY. */
  categories: Map<string, number>;
  distinct: Hll;
}

/** Either kind of feature profile. */
export type FeatureProfile = NumericProfile | CategoricalProfile;

/** Schema violations counted per window; they never reject an event. */
export interface DataQuality {
  /** Events missing a feature of the schema entirely (key absent) — per feature. */
  missing_feature: Record<string, number>;
  /** Values of the wrong type — per feature. */
  wrong_type: Record<string, number>;
  /** Keys not in the schema — per key (at most MAX_UNKNOWN_COLUMNS keys, rest under "__other__"). */
  unknown_column: Record<string, number>;
}

/** The data part of one window: per feature profiles plus data quality. */
export interface DataProfile {
  events: number;
  features: Record<string, FeatureProfile>;
  /** The model's prediction profiled like a feature; absent if no event had one. */
  prediction?: FeatureProfile;
  quality: DataQuality;
}

/**
 * Bounded uniform sample of rows by priority sampling: each row gets a seeded random key in [0, 1);
 * the k largest are kept, and merging keeps the k largest of the union, which is exactly the
 * sample of the union. Rows are stored in descending key order. Numeric features only.
 */
export interface Sample {
  capacity: number;
  /** Length = sample size. */
  keys: Float64Array;
  /** Per numeric feature, NaN for missing or invalid; each of length = sample size. */
  columns: Record<string, Float64Array>;
}

/** The reference: its data profile (with the bins every window uses), its sample, and its row count. */
export interface ReferenceProfile {
  rows: number;
  /** Per numeric feature, and PREDICTION_KEY if the prediction is numeric. */
  bins: Record<string, NumericBins>;
  data: DataProfile;
  /** capacity = max(reservoir_size, 1000): a reference of at most 1000 rows is kept whole. */
  sample: Sample;
}

/** What the window profiler returns per window. */
export interface WindowProfile {
  data: DataProfile;
  sample: Sample;
}
