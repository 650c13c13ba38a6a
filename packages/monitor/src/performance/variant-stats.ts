import { invalidParameter, type MonitorTask } from "@cairn/core";
import { addClassification, emptyClassification, mergeClassification, type ClassificationOutcome, type ClassificationStats } from "./classification-stats.js";
import { addLatency, emptyLatency, mergeLatency, type LatencyStats } from "./latency-stats.js";
import { addRegression, emptyRegression, mergeRegression, type RegressionStats } from "./regression-stats.js";
import { scoreBin } from "./score-histogram.js";
import { addMoment, emptyMoments, mergeMoments, type RunningMoments } from "./running-moments.js";

/** What one model variant (a deployment's model version) did in a window: traffic, errors, latency, outputs, labels. */
export interface VariantStats {
  events: number;
  /** Events with status_code >= 400. */
  errors: number;
  latency: LatencyStats;
  /** Numeric predictions, or P(positive) for classifiers. */
  prediction: RunningMoments;
  /** Events the classifier predicted positive. */
  positive: number;
  classification?: ClassificationStats;
  regression?: RegressionStats;
}

/** The parts of one served event a variant summary uses; absent fields are not counted. */
export interface VariantEvent {
  latency_ms?: number | null;
  status_code?: number | null;
  /** A numeric prediction (regression) ... */
  prediction?: number | null;
  /** ... or the classifier's P(positive), used when prediction is absent. */
  score?: number | null;
  predicted_positive?: boolean | null;
}

/** A regression label joined to its prediction. */
export interface RegressionOutcome {
  actual: number;
  predicted: number;
}

/** A variant summary of no events. */
export function emptyVariantStats(): VariantStats {
  return { events: 0, errors: 0, latency: emptyLatency(), prediction: emptyMoments(), positive: 0 };
}

/** Throws for an event field no summary can take, before anything is counted. */
export function checkVariantEvent(event: VariantEvent): void {
  const latency = event.latency_ms;
  if (latency !== undefined && latency !== null && !(latency >= 0 && latency < Infinity)) {
    throw invalidParameter(`Invalid latency_ms ${latency}: a latency is a finite number of milliseconds >= 0.`);
  }
  const output = event.prediction ?? event.score;
  if (output !== undefined && output !== null && !Number.isFinite(output)) {
    throw invalidParameter(`Invalid prediction ${output}: a numeric prediction must be a finite number.`);
  }
  if (event.score !== undefined && event.score !== null) scoreBin(event.score);
}

/** Adds one served event in place; random draws the latency sample's priority key (inject it for tests). */
export function addVariantEvent(stats: VariantStats, event: VariantEvent, random: () => number = Math.random): void {
  checkVariantEvent(event);
  stats.events += 1;
  const status = event.status_code;
  if (status !== undefined && status !== null && status >= 400) stats.errors += 1;
  const latency = event.latency_ms;
  if (latency !== undefined && latency !== null) addLatency(stats.latency, latency, random());
  const output = event.prediction ?? event.score;
  if (output !== undefined && output !== null) addMoment(stats.prediction, output);
  if (event.predicted_positive === true) stats.positive += 1;
}

/** Adds one late label in place to the variant's realised performance for the task. */
export function addVariantLabel(
  stats: VariantStats,
  task: MonitorTask,
  outcome: ClassificationOutcome | RegressionOutcome,
  positiveClass?: string,
): void {
  if (task === "regression") {
    if (typeof outcome.actual !== "number" || typeof outcome.predicted !== "number") {
      throw invalidParameter(`A regression label and its prediction must be numbers: got ${JSON.stringify(outcome.actual)} and ${JSON.stringify(outcome.predicted)}.`);
    }
    addRegression((stats.regression ??= emptyRegression()), outcome.actual, outcome.predicted);
    return;
  }
  if (typeof outcome.actual !== "string" || typeof outcome.predicted !== "string") {
    throw invalidParameter(`A classification label and its prediction are compared as strings: got ${JSON.stringify(outcome.actual)} and ${JSON.stringify(outcome.predicted)}.`);
  }
  if (task === "binary_classification" && positiveClass === undefined) {
    throw invalidParameter("Binary classification needs positive_class: the label value that counts as positive, e.g. '1'.");
  }
  addClassification((stats.classification ??= emptyClassification()), outcome as ClassificationOutcome, positiveClass ?? "");
}

/** Merges two optional parts; a missing side counts as empty, so the result never aliases an input. */
export function mergeOptional<T>(a: T | undefined, b: T | undefined, merge: (x: T, y: T) => T, empty: () => T): T | undefined {
  if (a === undefined && b === undefined) return undefined;
  return merge(a ?? empty(), b ?? empty());
}

/** The summary of both event sets. */
export function mergeVariantStats(a: VariantStats, b: VariantStats): VariantStats {
  const out: VariantStats = {
    events: a.events + b.events,
    errors: a.errors + b.errors,
    latency: mergeLatency(a.latency, b.latency),
    prediction: mergeMoments(a.prediction, b.prediction),
    positive: a.positive + b.positive,
  };
  const classification = mergeOptional(a.classification, b.classification, mergeClassification, emptyClassification);
  if (classification) out.classification = classification;
  const regression = mergeOptional(a.regression, b.regression, mergeRegression, emptyRegression);
  if (regression) out.regression = regression;
  return out;
}
