import { calibrate, type Calibrator } from "./calibrator.js";
import { emptyScoreHistogram, histogramAuc, mergeScoreHistograms, scoreBin } from "./score-histogram.js";

/**
 * Confidence-based performance estimation (NannyML's CBPE, binary): each unlabeled row's calibrated
 * P(positive) is a soft label, giving an expected confusion matrix. Valid under covariate shift, not
 * under concept drift (P(y|x) must stay as in the reference).
 */
export interface CbpeStats {
  n: number;
  /** Σ p over rows predicted positive. */
  tp: number;
  /** Σ (1 − p) over rows predicted positive. */
  fp: number;
  /** Σ p over rows predicted negative. */
  fn: number;
  /** Σ (1 − p) over rows predicted negative. */
  tn: number;
  /** Rows per AUC_BINS bin of the uncalibrated score (the ranking ROC AUC is about); empty until a row arrives. */
  score_count: number[];
  /** Σ calibrated p per bin: the expected positives among those rows. */
  score_p_sum: number[];
}

/** Estimated figures; null where the expected denominator is zero. */
export interface CbpeMetrics {
  estimated_accuracy: number | null;
  estimated_precision: number | null;
  estimated_recall: number | null;
  estimated_f1: number | null;
  estimated_roc_auc: number | null;
  n: number;
}

/** A CBPE summary of no rows. */
export function emptyCbpe(): CbpeStats {
  return { n: 0, tp: 0, fp: 0, fn: 0, tn: 0, score_count: [], score_p_sum: [] };
}

/** Adds one unlabeled prediction in place: score is the raw P(positive), predictedPositive the model's decision. */
export function addCbpe(acc: CbpeStats, score: number, predictedPositive: boolean, calibrator: Calibrator): void {
  const bin = scoreBin(score);
  const p = calibrate(calibrator, score);
  if (predictedPositive) {
    acc.tp += p;
    acc.fp += 1 - p;
  } else {
    acc.fn += p;
    acc.tn += 1 - p;
  }
  if (acc.score_count.length === 0) {
    acc.score_count = emptyScoreHistogram();
    acc.score_p_sum = emptyScoreHistogram();
  }
  acc.score_count[bin]! += 1;
  acc.score_p_sum[bin]! += p;
  acc.n += 1;
}

/** The summary of both row sets. */
export function mergeCbpe(a: CbpeStats, b: CbpeStats): CbpeStats {
  return {
    n: a.n + b.n,
    tp: a.tp + b.tp,
    fp: a.fp + b.fp,
    fn: a.fn + b.fn,
    tn: a.tn + b.tn,
    score_count: mergeScoreHistograms(a.score_count, b.score_count),
    score_p_sum: mergeScoreHistograms(a.score_p_sum, b.score_p_sum),
  };
}

function ratio(num: number, den: number): number | null {
  return den > 1e-12 ? num / den : null;
}

/**
 * Estimated accuracy, precision, recall, F1 = TP/(TP + ½(FP + FN)) and ROC AUC. The AUC ranks rows by
 * the uncalibrated score with expected positives Σp and negatives count − Σp per bin, as NannyML's
 * cumulative TP/FP curve does, with the same within-bin tie error as realised AUC from histograms.
 */
export function cbpeMetrics(acc: CbpeStats): CbpeMetrics {
  const { tp, fp, fn, tn } = acc;
  let auc: number | null = null;
  if (acc.score_count.length > 0) {
    const neg = new Array<number>(acc.score_count.length);
    // Clamp rounding dust: a bin of p = 1 rows must not hold −1e−16 negatives.
    for (let i = 0; i < neg.length; i++) neg[i] = Math.max(0, acc.score_count[i]! - acc.score_p_sum[i]!);
    auc = histogramAuc(acc.score_p_sum, neg);
  }
  return {
    estimated_accuracy: ratio(tp + tn, acc.n),
    estimated_precision: ratio(tp, tp + fp),
    estimated_recall: ratio(tp, tp + fn),
    estimated_f1: ratio(tp, tp + 0.5 * (fp + fn)),
    estimated_roc_auc: auc,
    n: acc.n,
  };
}
