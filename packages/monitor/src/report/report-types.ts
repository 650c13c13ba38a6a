// The report shapes the monitor package computes are core's (the SDK and the UI read them too).
export type {
  AbReport,
  FeatureDistribution,
  MonitorFigures as Figures,
  MonitorReport,
  PerformanceSummary,
  QualitySummary,
  SkewFeature,
  VariantComparison,
  WindowSeriesEntry,
} from "@cairn/core";
