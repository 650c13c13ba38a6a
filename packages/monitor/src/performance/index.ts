export { AUC_BINS, histogramAuc } from "./score-histogram.js";
export { addClassification, emptyClassification, mergeClassification, LOG_LOSS_EPS, type ClassificationOutcome, type ClassificationStats } from "./classification-stats.js";
export { classificationMetrics, type ClassificationMetrics } from "./classification-metrics.js";
export { addRegression, emptyRegression, mergeRegression, regressionMetrics, type RegressionMetrics, type RegressionStats } from "./regression-stats.js";
export { calibrate, fitCalibrator, identityCalibrator, type Calibrator } from "./calibrator.js";
export { expectedCalibrationError } from "./calibration-error.js";
export { addCbpe, cbpeMetrics, emptyCbpe, mergeCbpe, type CbpeMetrics, type CbpeStats } from "./cbpe-stats.js";
export { DEFAULT_RELATIVE_ACCURACY, logHistogramQuantile, type LogHistogram } from "./log-histogram.js";
export { SAMPLE_SIZE } from "./priority-sample.js";
export { emptyLatency, latencyQuantile, mergeLatency, type LatencyStats } from "./latency-stats.js";
export type { RunningMoments } from "./running-moments.js";
export {
  addVariantEvent,
  addVariantLabel,
  emptyVariantStats,
  mergeVariantStats,
  type RegressionOutcome,
  type VariantEvent,
  type VariantStats,
} from "./variant-stats.js";
export {
  addModelEvent,
  addModelLabel,
  DEFAULT_VARIANT,
  emptyModelStats,
  isClassificationStats,
  mergeModelStats,
  type ModelEvent,
  type ModelStats,
} from "./model-stats.js";
export { CLASSIFICATION_FIGURES, ESTIMATED_FIGURES, MODEL_FIGURE_KEYS, modelFigures, REGRESSION_FIGURES, SERVING_FIGURES } from "./model-figures.js";
