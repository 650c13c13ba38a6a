// The answers of the monitor endpoints, as core's report types describe them.
export type { AbReport, DriftStatus, FeatureDistribution, MonitorReport, QualitySummary, VariantComparison, WindowSeriesEntry } from "@cairn/core";
