import { cbpeMetrics } from "./cbpe-stats.js";
import { classificationMetrics } from "./classification-metrics.js";
import { latencyQuantile } from "./latency-stats.js";
import { isClassificationStats, type ModelStats } from "./model-stats.js";
import { regressionMetrics } from "./regression-stats.js";
import { histogramAuc } from "./score-histogram.js";

/** Realised classification figures a window may have. */
export const CLASSIFICATION_FIGURES = ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"] as const;
/** Realised regression figures a window may have. */
export const REGRESSION_FIGURES = ["mae", "rmse", "r2"] as const;
/** Label-free estimates (CBPE) a binary classifier's window may have. */
export const ESTIMATED_FIGURES = ["estimated_accuracy", "estimated_precision", "estimated_recall", "estimated_f1", "estimated_roc_auc"] as const;
/** Figures every window has. */
export const SERVING_FIGURES = ["labeled", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms", "mean_latency_ms", "error_rate", "events"] as const;
/** Every key modelFigures can return. */
export const MODEL_FIGURE_KEYS = [...CLASSIFICATION_FIGURES, ...REGRESSION_FIGURES, ...ESTIMATED_FIGURES, ...SERVING_FIGURES] as const;

/**
 * A window's model figures by name (the names alert rules use). Performance keys are those of the
 * task (classification or regression); estimated_* only when a CBPE summary exists. Null is "could
 * not be computed here" (no labels, no traffic, one class only), never NaN. For binary classification
 * positiveClass picks the class precision/recall/F1 are about; without it (or for multiclass) they are
 * macro averages.
 */
export function modelFigures(stats: ModelStats, positiveClass?: string): Record<string, number | null> {
  const figures: Record<string, number | null> = {};
  const performance = stats.performance;
  let labeled = 0;
  if (performance !== undefined && isClassificationStats(performance)) {
    const binary = stats.task === "binary_classification" || (stats.task === undefined && positiveClass !== undefined);
    const m = classificationMetrics(performance, binary ? positiveClass : undefined);
    figures.accuracy = m.accuracy;
    figures.precision = m.precision;
    figures.recall = m.recall;
    figures.f1 = m.f1;
    // The histograms were filled against the positive class at add time; multiclass leaves them empty (null).
    figures.roc_auc = histogramAuc(performance.score_hist_pos, performance.score_hist_neg);
    figures.log_loss = m.log_loss;
    labeled = m.n;
  } else if (performance !== undefined) {
    const m = regressionMetrics(performance);
    figures.mae = m.mae;
    figures.rmse = m.rmse;
    figures.r2 = m.r2;
    labeled = m.n;
  }
  if (stats.cbpe) {
    const estimated = cbpeMetrics(stats.cbpe);
    for (const key of ESTIMATED_FIGURES) figures[key] = estimated[key];
  }
  let events = 0;
  let errors = 0;
  for (const name of Object.keys(stats.variants)) {
    events += stats.variants[name]!.events;
    errors += stats.variants[name]!.errors;
  }
  figures.labeled = labeled;
  figures.p50_latency_ms = latencyQuantile(stats, 0.5);
  figures.p95_latency_ms = latencyQuantile(stats, 0.95);
  figures.p99_latency_ms = latencyQuantile(stats, 0.99);
  figures.mean_latency_ms = stats.latency.n > 0 ? stats.latency.mean : null;
  figures.error_rate = events > 0 ? errors / events : null;
  figures.events = events;
  return figures;
}
