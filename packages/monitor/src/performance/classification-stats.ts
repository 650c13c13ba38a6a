import { invalidParameter } from "@cairn/core";
import { emptyScoreHistogram, mergeScoreHistograms, scoreBin } from "./score-histogram.js";

/** sklearn's historical log_loss clipping: a confident wrong answer costs −log(1e−15) ≈ 34.5, not ∞. */
export const LOG_LOSS_EPS = 1e-15;

/** A mergeable summary of labeled classification outcomes (binary or multiclass). */
export interface ClassificationStats {
  /** Every label seen, as actual or as predicted, in order of first appearance. */
  labels: string[];
  /** confusion[actual][predicted], indexed like labels. */
  confusion: number[][];
  n: number;
  log_loss_sum: number;
  /** Rows that carried a score or probabilities (log loss is averaged over these). */
  log_loss_n: number;
  /** Binary only: AUC_BINS bins of P(positive) on [0, 1] for rows whose actual label is positive; empty until a score arrives. */
  score_hist_pos: number[];
  /** The same for rows whose actual label is not positive. */
  score_hist_neg: number[];
}

/** One labeled outcome. */
export interface ClassificationOutcome {
  actual: string;
  predicted: string;
  /** Binary: the model's P(positive). */
  score?: number | null;
  /** Multiclass: the model's probability per label (renormalised after clipping, as sklearn did). */
  probabilities?: Record<string, number> | null;
}

/** A classification summary of no rows. */
export function emptyClassification(): ClassificationStats {
  return { labels: [], confusion: [], n: 0, log_loss_sum: 0, log_loss_n: 0, score_hist_pos: [], score_hist_neg: [] };
}

/** Index of label, growing labels and the confusion matrix by a row and a column when it is new. */
function labelIndex(acc: ClassificationStats, label: string): number {
  const found = acc.labels.indexOf(label);
  if (found >= 0) return found;
  acc.labels.push(label);
  for (const row of acc.confusion) row.push(0);
  acc.confusion.push(new Array<number>(acc.labels.length).fill(0));
  return acc.labels.length - 1;
}

/** Clipped −log p for a binary row. */
function binaryLogLoss(score: number, positive: boolean): number {
  const p = Math.min(Math.max(score, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  return -Math.log(positive ? p : 1 - p);
}

/** Clipped, renormalised −log p(actual) for a multiclass row; a label missing from probabilities has p = 0. */
function multiclassLogLoss(probabilities: Record<string, number>, actual: string): number {
  let total = 0;
  let own = LOG_LOSS_EPS;
  for (const label in probabilities) {
    const raw = probabilities[label]!;
    if (!Number.isFinite(raw) || raw < 0) {
      throw invalidParameter(`Invalid probability ${raw} for label '${label}': probabilities are numbers between 0 and 1.`);
    }
    const p = Math.min(Math.max(raw, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    total += p;
    if (label === actual) own = p;
  }
  if (!(actual in probabilities)) total += LOG_LOSS_EPS;
  return -Math.log(own / total);
}

/** Adds one labeled outcome in place; positiveClass decides which score histogram a binary row lands in. */
export function addClassification(acc: ClassificationStats, outcome: ClassificationOutcome, positiveClass: string): void {
  const positive = outcome.actual === positiveClass;
  const score = outcome.score;
  // Everything that can throw comes before the first count, so a bad row leaves acc as it was.
  let bin = -1;
  let loss: number | null = null;
  if (score !== undefined && score !== null) {
    bin = scoreBin(score);
    loss = binaryLogLoss(score, positive);
  } else if (outcome.probabilities) {
    loss = multiclassLogLoss(outcome.probabilities, outcome.actual);
  }
  const a = labelIndex(acc, outcome.actual);
  const p = labelIndex(acc, outcome.predicted);
  acc.confusion[a]![p]! += 1;
  acc.n += 1;
  if (bin >= 0) {
    if (acc.score_hist_pos.length === 0) {
      acc.score_hist_pos = emptyScoreHistogram();
      acc.score_hist_neg = emptyScoreHistogram();
    }
    (positive ? acc.score_hist_pos : acc.score_hist_neg)[bin]! += 1;
  }
  if (loss !== null) {
    acc.log_loss_sum += loss;
    acc.log_loss_n += 1;
  }
}

/** The summary of both row sets; labels are united (a's order first) and the matrices realigned. */
export function mergeClassification(a: ClassificationStats, b: ClassificationStats): ClassificationStats {
  const labels = a.labels.slice();
  for (const label of b.labels) if (!labels.includes(label)) labels.push(label);
  const k = labels.length;
  const confusion = labels.map(() => new Array<number>(k).fill(0));
  for (const side of [a, b]) {
    const map = side.labels.map((label) => labels.indexOf(label));
    side.confusion.forEach((row, i) => {
      const target = confusion[map[i]!]!;
      row.forEach((count, j) => {
        target[map[j]!]! += count;
      });
    });
  }
  return {
    labels,
    confusion,
    n: a.n + b.n,
    log_loss_sum: a.log_loss_sum + b.log_loss_sum,
    log_loss_n: a.log_loss_n + b.log_loss_n,
    score_hist_pos: mergeScoreHistograms(a.score_hist_pos, b.score_hist_pos),
    score_hist_neg: mergeScoreHistograms(a.score_hist_neg, b.score_hist_neg),
  };
}
