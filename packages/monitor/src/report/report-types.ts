import type { DatasetDrift } from "../drift/dataset-drift.js";
import type { FeatureDrift } from "../drift/feature-drift.js";

/** Figures of one window or range, by name: what alert rules, gauges and charts read. */
export type Figures = Record<string, number | null>;

/** Data-quality counts of a range, per feature and in all. */
export interface QualitySummary {
  events: number;
  /** Events with at least one schema problem are not known per event; this is the sum of problems over events. */
  issues: number;
  /** issues / events (0 with no events). */
  issue_rate: number;
  missing_feature: Record<string, number>;
  wrong_type: Record<string, number>;
  unknown_column: Record<string, number>;
}

/** Realised and estimated performance of a range. */
export interface PerformanceSummary {
  task?: string;
  /** Events with a label. */
  labeled: number;
  /** accuracy, precision, recall, f1, roc_auc, log_loss (classification) or mae, rmse, r2 (regression); null when not computable. */
  realised: Figures;
  /** estimated_* (confidence-based, binary classification with scores). */
  estimated: Figures;
  /** The same figures on the labeled reference, for comparison. */
  reference: Figures;
}

/** Training/serving skew by feature: the reference (training data) against everything served in the range, TFDV's comparators (L∞ for categorical, Jensen-Shannon for numeric). */
export interface SkewFeature {
  feature: string;
  kind: "numeric" | "categorical";
  comparator: "l_infinity" | "jensenshannon";
  statistic: number | null;
  threshold: number;
  skewed: boolean;
  /** For categorical features: the category with the largest share difference. */
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
  latency: Figures;
  skew: SkewFeature[];
  /** Plain sentences for the top of the report (what drifted, what to look at). */
  summary: string[];
}

/** One window of GET monitors/windows. */
export interface WindowSeriesEntry {
  window_start_ms: number;
  window_end_ms: number;
  events: number;
  figures: Figures;
  drift: Pick<FeatureDrift, "feature" | "method" | "statistic" | "threshold" | "drifted" | "status">[];
}

/** GET monitors/distribution. */
export interface FeatureDistribution {
  feature: string;
  kind: "numeric" | "categorical";
  /** Bin or category labels, shared by both sides. */
  labels: string[];
  /** Numeric: the bin edges the labels describe. */
  edges?: number[];
  reference: number[];
  current: number[];
  reference_count: number;
  current_count: number;
}

/** One metric's comparison between two variants. */
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
  variants: { variant: string; events: number; labeled: number; figures: Figures }[];
  comparisons: VariantComparison[];
  /** One sentence per comparison that matters, the most important first. */
  summary: string[];
}
