import type { AlertEvent, DriftMethod } from "./monitor-entities.js";

// The answers of the monitor report endpoints as the server sends them: the monitor package
// computes them, the SDK and the UI read them.

/** Figures of one window or range, by name (what alert rules read); null when not computable. */
export type MonitorFigures = Record<string, number | null>;

/** Why a feature's value drift was or was not measured. */
export type DriftStatus = "ok" | "empty_reference" | "no_current_data" | "constant_reference";

/** One side's summary in a drift result. */
export interface DriftSideSummary {
  count: number;
  missing_rate: number;
  mean?: number;
  std?: number;
}

/** The drift of one feature (or of the prediction) between the reference and the current data. */
export interface FeatureDrift {
  feature: string;
  kind: "numeric" | "categorical";
  method: Exclude<DriftMethod, "auto">;
  threshold: number;
  /** A p-value for tests (after Benjamini-Hochberg when on), a distance otherwise; null when not measurable. */
  statistic: number | null;
  p_value?: number;
  value_drifted: boolean;
  /** Value drift, or a significant missing-rate change, or too many unseen categories. */
  drifted: boolean;
  status: DriftStatus;
  message?: string;
  /** "sample": exact test on bounded reservoirs; "profile": from the full histograms. */
  basis: "sample" | "profile";
  sample_sizes?: { reference: number; current: number };
  reference: DriftSideSummary;
  current: DriftSideSummary;
  missing: { reference_rate: number; current_rate: number; p_value: number; drifted: boolean };
  unseen?: { share: number; categories: string[]; drifted: boolean };
  out_of_range_share?: number;
}

/** Every feature's drift and whether the dataset as a whole drifted. */
export interface DatasetDrift {
  features: FeatureDrift[];
  measured_features: number;
  drifted_features: number;
  drift_share: number;
  dataset_drift: boolean;
  prediction?: FeatureDrift;
  bh_correction: boolean;
}

/** Data-quality counts of a range. */
export interface QualitySummary {
  events: number;
  issues: number;
  issue_rate: number;
  missing_feature: Record<string, number>;
  wrong_type: Record<string, number>;
  unknown_column: Record<string, number>;
}

/** Realised, estimated (label-free) and reference performance. */
export interface PerformanceSummary {
  task?: string;
  labeled: number;
  realised: MonitorFigures;
  estimated: MonitorFigures;
  reference: MonitorFigures;
}

/** Training/serving skew of one feature (TFDV's comparators). */
export interface SkewFeature {
  feature: string;
  kind: "numeric" | "categorical";
  comparator: "l_infinity" | "jensenshannon";
  statistic: number | null;
  threshold: number;
  skewed: boolean;
  worst_category?: string;
}

/** GET monitors/report. */
export interface MonitorReport {
  monitor: string;
  start_time_ms: number;
  end_time_ms: number;
  windows: number;
  events: number;
  reference_rows: number;
  drift: DatasetDrift;
  quality: QualitySummary;
  performance: PerformanceSummary;
  latency: MonitorFigures;
  skew: SkewFeature[];
  summary: string[];
}

/** One window of GET monitors/windows. */
export interface WindowSeriesEntry {
  window_start_ms: number;
  window_end_ms: number;
  events: number;
  figures: MonitorFigures;
  drift: Pick<FeatureDrift, "feature" | "method" | "statistic" | "threshold" | "drifted" | "status">[];
}

/** GET monitors/distribution: one feature's shares on shared bins or categories. */
export interface FeatureDistribution {
  feature: string;
  kind: "numeric" | "categorical";
  labels: string[];
  edges?: number[];
  reference: number[];
  current: number[];
  reference_count: number;
  current_count: number;
}

/** Per feature, how often the served value differed from the offline one for the same id. */
export interface RowSkewFeature {
  feature: string;
  compared: number;
  mismatches: number;
  mismatch_rate: number;
  mean_abs_diff?: number;
  examples: { id: string; offline: unknown; served: unknown }[];
}

/** Offline rows joined to served events by id. */
export interface RowSkew {
  offline_rows: number;
  matched: number;
  /** The first (at most 100) offline ids with no served event. */
  unmatched_ids: string[];
  features: RowSkewFeature[];
}

/** POST monitors/skew. */
export interface MonitorSkewResult {
  distribution: SkewFeature[];
  row_join?: RowSkew;
}

/** One metric compared between two variants. */
export interface VariantComparison {
  metric: string;
  test: "two_proportion_z" | "welch_t" | "mann_whitney_u";
  variant_a: string;
  variant_b: string;
  value_a: number | null;
  value_b: number | null;
  effect: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
  significant: boolean;
  winner?: string;
  verdict: string;
}

/** GET monitors/ab. */
export interface AbReport {
  variants: { variant: string; events: number; labeled: number; figures: MonitorFigures }[];
  comparisons: VariantComparison[];
  summary: string[];
}

/** POST monitors/evaluate. */
export interface MonitorEvaluation {
  evaluated_until_ms: number;
  evaluated_windows: number;
  alerts: Omit<AlertEvent, "alert_id">[];
  /** True when another replica evaluated the same windows first (nothing was written by this call). */
  superseded: boolean;
}
