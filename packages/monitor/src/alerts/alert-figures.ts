import { MODEL_FIGURE_KEYS } from "../performance/model-figures.js";

/** A figure an alert rule can watch. */
export interface AlertFigure {
  name: string;
  /** True when the figure is per feature and is written name(feature). */
  takes_feature: boolean;
  description: string;
}

/** Data figures of a window (drift and data quality); model figures follow from modelFigures. */
const DATA_FIGURES: readonly AlertFigure[] = [
  { name: "drift_share", takes_feature: false, description: "Share of monitored features whose drift was detected (0 to 1)." },
  { name: "drifted_features", takes_feature: false, description: "Number of monitored features whose drift was detected." },
  { name: "drift_score", takes_feature: true, description: "The feature's drift statistic or distance under its method." },
  { name: "drift_detected", takes_feature: true, description: "1 when the feature drifted, else 0." },
  { name: "missing_rate", takes_feature: true, description: "Share of the window's rows where the feature is missing (0 to 1)." },
  { name: "missing_rate_change", takes_feature: true, description: "The feature's missing rate minus the reference's (−1 to 1)." },
  { name: "unseen_share", takes_feature: true, description: "Share of the feature's values never seen in the reference (categorical, 0 to 1)." },
  { name: "prediction_drift_score", takes_feature: false, description: "Drift statistic of the model's predictions against the reference." },
  { name: "quality_issue_rate", takes_feature: false, description: "Share of the window's events that broke the schema in some way." },
];

/** What each model figure means, keyed like modelFigures' result. */
const MODEL_DESCRIPTIONS: Record<(typeof MODEL_FIGURE_KEYS)[number], string> = {
  accuracy: "Realised accuracy over the window's labeled events.",
  precision: "Realised precision (of the positive class; macro average for multiclass).",
  recall: "Realised recall (of the positive class; macro average for multiclass).",
  f1: "Realised F1 (of the positive class; macro average for multiclass).",
  roc_auc: "Realised ROC AUC (binary classification).",
  log_loss: "Realised log loss (probabilities clipped at 1e-15).",
  mae: "Realised mean absolute error (regression).",
  rmse: "Realised root mean squared error (regression).",
  r2: "Realised coefficient of determination R² (regression).",
  estimated_accuracy: "Accuracy estimated without labels (CBPE, binary classification).",
  estimated_precision: "Precision estimated without labels (CBPE).",
  estimated_recall: "Recall estimated without labels (CBPE).",
  estimated_f1: "F1 estimated without labels (CBPE).",
  estimated_roc_auc: "ROC AUC estimated without labels (CBPE).",
  labeled: "Number of the window's events that have a label.",
  p50_latency_ms: "Median request latency in milliseconds.",
  p95_latency_ms: "95th percentile request latency in milliseconds.",
  p99_latency_ms: "99th percentile request latency in milliseconds.",
  mean_latency_ms: "Mean request latency in milliseconds.",
  error_rate: "Share of the window's requests that failed (status >= 400).",
  events: "Number of events in the window.",
};

/** Every figure alert expressions may name. */
export const ALERT_FIGURES: readonly AlertFigure[] = [
  ...DATA_FIGURES,
  ...MODEL_FIGURE_KEYS.map((name) => ({ name, takes_feature: false, description: MODEL_DESCRIPTIONS[name] })),
];

/** The figure called name, if any. */
export function findAlertFigure(name: string): AlertFigure | undefined {
  return ALERT_FIGURES.find((figure) => figure.name === name);
}
