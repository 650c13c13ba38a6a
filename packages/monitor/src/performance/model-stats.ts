import { invalidParameter, type MonitorTask } from "@cairn/core";
import type { Calibrator } from "./calibrator.js";
import { addCbpe, emptyCbpe, mergeCbpe, type CbpeStats } from "./cbpe-stats.js";
import { addClassification, emptyClassification, mergeClassification, type ClassificationOutcome, type ClassificationStats } from "./classification-stats.js";
import { emptyLatency, addLatency, mergeLatency, type LatencyStats } from "./latency-stats.js";
import { addRegression, emptyRegression, mergeRegression, type RegressionStats } from "./regression-stats.js";
import { addVariantEvent, checkVariantEvent, addVariantLabel, emptyVariantStats, mergeOptional, mergeVariantStats, type RegressionOutcome, type VariantEvent, type VariantStats } from "./variant-stats.js";

/** The variant events without one are counted under (a model watched without a deployment). */
export const DEFAULT_VARIANT = "default";

/** A window's model part: realised and estimated performance, per-variant traffic and overall latency. */
export interface ModelStats {
  task?: MonitorTask;
  performance?: ClassificationStats | RegressionStats;
  /** Present for binary classification; stays empty while no calibrator is given to addModelEvent. */
  cbpe?: CbpeStats;
  variants: Record<string, VariantStats>;
  latency: LatencyStats;
}

/** A served event as the model summary takes it. */
export interface ModelEvent extends VariantEvent {
  variant?: string | null;
}

/** True when the performance part is a classification summary. */
export function isClassificationStats(value: ClassificationStats | RegressionStats): value is ClassificationStats {
  return "confusion" in value;
}

/** An empty model summary for the task (performance and, for binary classification, CBPE ready to fill). */
export function emptyModelStats(task?: MonitorTask): ModelStats {
  const stats: ModelStats = { variants: {}, latency: emptyLatency() };
  if (task === undefined) return stats;
  stats.task = task;
  stats.performance = task === "regression" ? emptyRegression() : emptyClassification();
  if (task === "binary_classification") stats.cbpe = emptyCbpe();
  return stats;
}

/** The variant summary for name, created on first use (as an own property: a variant may be called anything). */
function variantOf(stats: ModelStats, name: string): VariantStats {
  if (Object.hasOwn(stats.variants, name)) return stats.variants[name]!;
  const created = emptyVariantStats();
  Object.defineProperty(stats.variants, name, { value: created, enumerable: true, writable: true, configurable: true });
  return created;
}

/**
 * Adds one served event in place: its variant's traffic, the overall latency, and, for binary
 * classification with a calibrator, a CBPE row (needs score and predicted_positive).
 */
export function addModelEvent(stats: ModelStats, event: ModelEvent, options: { calibrator?: Calibrator; random?: () => number } = {}): void {
  const random = options.random ?? Math.random;
  checkVariantEvent(event);
  const variant = variantOf(stats, event.variant ?? DEFAULT_VARIANT);
  const before = variant.latency.n;
  addVariantEvent(variant, event, random);
  // The overall sample draws its own key: reusing the variant's would correlate the two samples.
  if (variant.latency.n > before) addLatency(stats.latency, event.latency_ms!, random());
  const score = event.score;
  if (stats.cbpe && options.calibrator && score !== undefined && score !== null && typeof event.predicted_positive === "boolean") {
    addCbpe(stats.cbpe, score, event.predicted_positive, options.calibrator);
  }
}

/** Adds one late label in place, to the model's realised performance and to its variant's. */
export function addModelLabel(stats: ModelStats, outcome: ClassificationOutcome | RegressionOutcome, positiveClass?: string, variantName?: string | null): void {
  const task = stats.task;
  if (task === undefined || stats.performance === undefined) {
    throw invalidParameter("Labels need the monitor's task (binary_classification, multiclass_classification or regression): set config.task.");
  }
  const variant = variantOf(stats, variantName ?? DEFAULT_VARIANT);
  // The variant's add validates the outcome for the task before anything is counted.
  addVariantLabel(variant, task, outcome, positiveClass);
  if (isClassificationStats(stats.performance)) addClassification(stats.performance, outcome as ClassificationOutcome, positiveClass ?? "");
  else addRegression(stats.performance, outcome.actual as number, outcome.predicted as number);
}

function mergeTask(a: MonitorTask | undefined, b: MonitorTask | undefined): MonitorTask | undefined {
  if (a !== undefined && b !== undefined && a !== b) {
    throw invalidParameter(`Cannot merge window stats of a ${a} model with those of a ${b} model: windows of one monitor share its task.`);
  }
  return a ?? b;
}

function mergePerformance(a: ModelStats["performance"], b: ModelStats["performance"]): ModelStats["performance"] {
  if (a === undefined || b === undefined) {
    const only = a ?? b;
    if (only === undefined) return undefined;
    return isClassificationStats(only) ? mergeClassification(only, emptyClassification()) : mergeRegression(only, emptyRegression());
  }
  if (isClassificationStats(a) && isClassificationStats(b)) return mergeClassification(a, b);
  if (!isClassificationStats(a) && !isClassificationStats(b)) return mergeRegression(a, b);
  throw invalidParameter("Cannot merge classification performance with regression performance.");
}

/** The summary of both windows (or replicas); neither input is changed. */
export function mergeModelStats(a: ModelStats, b: ModelStats): ModelStats {
  const out: ModelStats = { variants: {}, latency: mergeLatency(a.latency, b.latency) };
  const task = mergeTask(a.task, b.task);
  if (task !== undefined) out.task = task;
  const performance = mergePerformance(a.performance, b.performance);
  if (performance !== undefined) out.performance = performance;
  const cbpe = mergeOptional(a.cbpe, b.cbpe, mergeCbpe, emptyCbpe);
  if (cbpe !== undefined) out.cbpe = cbpe;
  const names = new Set([...Object.keys(a.variants), ...Object.keys(b.variants)]);
  for (const name of names) {
    const left = Object.hasOwn(a.variants, name) ? a.variants[name]! : emptyVariantStats();
    const right = Object.hasOwn(b.variants, name) ? b.variants[name]! : emptyVariantStats();
    Object.defineProperty(out.variants, name, { value: mergeVariantStats(left, right), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
