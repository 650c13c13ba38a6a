import { invalidParameter } from "@cairn/core";
import { expectedCalibrationError } from "./calibration-error.js";
import { fitIsotonic, interpolate, isotonicWorkspace, type IsotonicWorkspace, type SortedRows } from "./isotonic-fit.js";

/** Folds of the calibration check: every row is scored once by a calibrator that did not see it. */
const CHECK_FOLDS = 10;
/** Below this, ten folds and ten ECE bins say nothing: the scores are used as they are. */
const MIN_ROWS = 20;
/** NannyML skips calibration for a near-perfect ranker (isotonic steps would add nothing but noise). */
const MAX_AUC = 0.999;

/** Maps a model's P(positive) to a calibrated probability: breakpoints interpolated linearly, clipped outside. */
export interface Calibrator {
  x: number[];
  y: number[];
  method: "isotonic" | "identity";
  /** Why this method was chosen, for the monitor's reference summary. */
  reason: string;
  /** ECE (10 equal-count bins) of the raw scores and of cross-fitted isotonic scores; null when not measured. */
  ece_before: number | null;
  ece_after: number | null;
  /** Labeled reference rows it was fitted on. */
  n: number;
}

/** The calibrator that leaves probabilities unchanged. */
export function identityCalibrator(reason = "identity", n = 0, ece: { before: number | null; after: number | null } = { before: null, after: null }): Calibrator {
  return { x: [0, 1], y: [0, 1], method: "identity", reason, ece_before: ece.before, ece_after: ece.after, n };
}

/** The calibrated probability of one score. */
export function calibrate(calibrator: Calibrator, score: number): number {
  return interpolate(calibrator, score);
}

/** Checks the inputs and returns the rows sorted by score, folds assigned by rank within each label. */
function sortRows(scores: readonly number[], labels: readonly (0 | 1)[]): { rows: SortedRows; positives: Float64Array; negatives: Float64Array } {
  if (scores.length !== labels.length) {
    throw invalidParameter(`Calibration needs one label per score: got ${scores.length} scores and ${labels.length} labels.`);
  }
  if (scores.length === 0) throw invalidParameter("Calibration needs labeled reference rows: the reference has no row with both a score and a label.");
  let ones = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!(s >= 0 && s <= 1)) throw invalidParameter(`Invalid reference score ${s} at row ${i}: scores are probabilities between 0 and 1.`);
    const l = labels[i];
    if (l !== 0 && l !== 1) throw invalidParameter(`Invalid reference label ${String(l)} at row ${i}: labels are 0 or 1 (1 = the positive class).`);
    ones += l;
  }
  const positives = new Float64Array(ones);
  const negatives = new Float64Array(scores.length - ones);
  let p = 0;
  let q = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] === 1) positives[p++] = scores[i]!;
    else negatives[q++] = scores[i]!;
  }
  positives.sort();
  negatives.sort();
  // Systematic folds over the sorted order of each label: stratified by label and by score, and deterministic.
  const n = scores.length;
  const rows: SortedRows = { x: new Float64Array(n), y: new Uint8Array(n), fold: new Uint8Array(n) };
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (i < positives.length && (j >= negatives.length || positives[i]! <= negatives[j]!)) {
      rows.x[k] = positives[i]!;
      rows.y[k] = 1;
      rows.fold[k] = i % CHECK_FOLDS;
      i++;
    } else {
      rows.x[k] = negatives[j]!;
      rows.fold[k] = j % CHECK_FOLDS;
      j++;
    }
  }
  return { rows, positives, negatives };
}

/** Exact ROC AUC of sorted rows (ties count half). */
function sortedAuc(rows: SortedRows, positives: number, negatives: number): number {
  let pairs = 0;
  let negBelow = 0;
  for (let k = 0; k < rows.x.length; ) {
    const v = rows.x[k];
    let ones = 0;
    let zeros = 0;
    for (; k < rows.x.length && rows.x[k] === v; k++) {
      if (rows.y[k] === 1) ones++;
      else zeros++;
    }
    pairs += ones * (negBelow + 0.5 * zeros);
    negBelow += zeros;
  }
  return pairs / (positives * negatives);
}

/** ECE of cross-fitted isotonic probabilities: each fold scored by a calibrator fitted on the others. */
function crossFittedEce(rows: SortedRows, positives: number, work: IsotonicWorkspace): number | null {
  const n = rows.x.length;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(n - positives);
  let p = 0;
  let q = 0;
  for (let f = 0; f < CHECK_FOLDS; f++) {
    const points = fitIsotonic(rows, f, work);
    for (let k = 0; k < n; k++) {
      if (rows.fold[k] !== f) continue;
      const value = interpolate(points, rows.x[k]!);
      if (rows.y[k] === 1) pos[p++] = value;
      else neg[q++] = value;
    }
  }
  pos.sort();
  neg.sort();
  return expectedCalibrationError(pos, neg);
}

/**
 * Fits the CBPE calibrator on labeled reference rows: isotonic regression (pool-adjacent-violators),
 * kept only when it lowers the ECE of held-out rows. NannyML compares ECE over 10 random 10% splits;
 * here one 10-fold cross-fit scores every row once with a calibrator that did not see it, which uses
 * all rows, is deterministic, and costs one sort plus ten linear passes.
 */
export function fitCalibrator(scores: readonly number[], labels: readonly (0 | 1)[]): Calibrator {
  const { rows, positives, negatives } = sortRows(scores, labels);
  const n = rows.x.length;
  if (positives.length === 0 || negatives.length === 0) return identityCalibrator("the reference labels hold a single class", n);
  if (n < MIN_ROWS) return identityCalibrator(`too few labeled reference rows to check calibration (${n} < ${MIN_ROWS})`, n);
  const before = expectedCalibrationError(positives, negatives);
  if (sortedAuc(rows, positives.length, negatives.length) > MAX_AUC) {
    return identityCalibrator(`the scores rank the reference almost perfectly (ROC AUC > ${MAX_AUC})`, n, { before, after: null });
  }
  const work = isotonicWorkspace(n);
  const after = crossFittedEce(rows, positives.length, work);
  if (before === null || after === null || !(after < before)) {
    return identityCalibrator("isotonic calibration does not lower the held-out ECE", n, { before, after });
  }
  const points = fitIsotonic(rows, -1, work);
  return { x: points.x, y: points.y, method: "isotonic", reason: "isotonic calibration lowers the held-out ECE", ece_before: before, ece_after: after, n };
}
