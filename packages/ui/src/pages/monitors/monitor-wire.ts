import type { DriftMethod } from "@cairn/core";

// The answers of the monitor endpoints, as the UI reads them. They mirror the monitor package's
// report types (the UI may depend only on core and the SDK), keeping the fields the pages show.

/** Figures of one window or range, by name (drift_share, f1, estimated_f1, p99_latency_ms, ...). */
export type Figures = Record<string, number | null>;

/** Why a feature's drift was or was not measured. */
export type DriftStatus = "ok" | "empty_reference" | "no_current_data" | "constant_reference";

/** One feature's drift in one window. */
export interface WindowFeatureDrift {
  feature: string;
  method: Exclude<DriftMethod, "auto">;
  statistic: number | null;
  threshold: number;
  drifted: boolean;
  status: DriftStatus;
}

/** One window of GET monitors/windows. */
export interface WindowSeriesEntry {
  window_start_ms: number;
  window_end_ms: number;
  events: number;
  figures: Figures;
  drift: WindowFeatureDrift[];
}

/** GET monitors/distribution: one feature's reference and current shares on shared bins or categories. */
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

/** A feature's drift over a whole range, as the report has it. */
export interface RangeFeatureDrift extends WindowFeatureDrift {
  kind: "numeric" | "categorical";
  message?: string;
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

/** GET monitors/report (the parts the page shows). */
export interface MonitorReport {
  monitor: string;
  start_time_ms: number;
  end_time_ms: number;
  windows: number;
  events: number;
  reference_rows: number;
  drift: { features: RangeFeatureDrift[]; measured_features: number; drifted_features: number; drift_share: number; dataset_drift: boolean };
  quality: QualitySummary;
  performance: { task?: string; labeled: number; realised: Figures; estimated: Figures; reference: Figures };
  latency: Figures;
  summary: string[];
}

/** One metric's comparison between two variants. */
export interface VariantComparison {
  metric: string;
  test: string;
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
  variants: { variant: string; events: number; labeled: number; figures: Figures }[];
  comparisons: VariantComparison[];
  summary: string[];
}
