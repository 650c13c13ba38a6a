import type { ClassificationStats } from "./classification-stats.js";
import { histogramAuc } from "./score-histogram.js";

/** Realised classification figures; null where the figure is undefined (no rows, no positives, ...). */
export interface ClassificationMetrics {
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Binary only (a positive class was given); null without scores of both classes. */
  roc_auc?: number | null;
  log_loss: number | null;
  n: number;
}

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

/** Sum of row i of the confusion matrix (actual = label i) and of column i (predicted = label i). */
function margins(stats: ClassificationStats, i: number): { actual: number; predicted: number } {
  let actual = 0;
  let predicted = 0;
  for (let j = 0; j < stats.labels.length; j++) {
    actual += stats.confusion[i]![j]!;
    predicted += stats.confusion[j]![i]!;
  }
  return { actual, predicted };
}

/** TP, FP and FN of one label (one-vs-rest). */
function oneVsRest(stats: ClassificationStats, label: string): { tp: number; fp: number; fn: number } {
  const i = stats.labels.indexOf(label);
  if (i < 0) return { tp: 0, fp: 0, fn: 0 };
  const { actual, predicted } = margins(stats, i);
  const tp = stats.confusion[i]![i]!;
  return { tp, fp: predicted - tp, fn: actual - tp };
}

/**
 * Accuracy, precision, recall, F1, ROC AUC and log loss of a classification summary.
 * With positiveClass (binary): precision, recall and F1 of that class; precision is null when nothing
 * was predicted positive, recall when no actual positive was seen, F1 = 2TP/(2TP+FP+FN) when neither.
 * Without it (multiclass): unweighted macro averages over every label seen, where a label's undefined
 * precision or recall counts as 0 (sklearn's zero_division behaviour), so only n = 0 gives null.
 */
export function classificationMetrics(stats: ClassificationStats, positiveClass?: string): ClassificationMetrics {
  let correct = 0;
  for (let i = 0; i < stats.labels.length; i++) correct += stats.confusion[i]![i]!;
  const accuracy = ratio(correct, stats.n);
  const log_loss = ratio(stats.log_loss_sum, stats.log_loss_n);
  if (positiveClass !== undefined) {
    const { tp, fp, fn } = oneVsRest(stats, positiveClass);
    return {
      accuracy,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      f1: ratio(2 * tp, 2 * tp + fp + fn),
      roc_auc: histogramAuc(stats.score_hist_pos, stats.score_hist_neg),
      log_loss,
      n: stats.n,
    };
  }
  if (stats.n === 0) return { accuracy, precision: null, recall: null, f1: null, log_loss, n: 0 };
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (const label of stats.labels) {
    const { tp, fp, fn } = oneVsRest(stats, label);
    precision += ratio(tp, tp + fp) ?? 0;
    recall += ratio(tp, tp + fn) ?? 0;
    f1 += ratio(2 * tp, 2 * tp + fp + fn) ?? 0;
  }
  const k = stats.labels.length;
  return { accuracy, precision: precision / k, recall: recall / k, f1: f1 / k, log_loss, n: stats.n };
}
