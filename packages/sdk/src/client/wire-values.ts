import { parseMetricValue, type LoggedModel, type Metric, type Run } from "@cairn/core";
import type { MetricInput } from "./wire-types.js";

// JSON has no NaN or Infinity: protobuf JSON, and so MLflow, sends them as strings both ways.

/** The wire form of a metric value: non-finite numbers become "NaN", "Infinity", "-Infinity". */
export function encodeMetricValue(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** A metric as log-batch and log-metric expect it, with step and timestamp filled in. */
export function encodeMetric(m: MetricInput, now: () => number): Record<string, unknown> {
  return { ...m, value: encodeMetricValue(m.value), timestamp: m.timestamp ?? now(), step: m.step ?? 0 };
}

/** A metric from an answer, with string values turned back into numbers. */
export function decodeMetric(m: Metric): Metric {
  const value = m.value as number | string;
  return typeof value === "number" ? m : { ...m, value: parseMetricValue(value, m.key) };
}

/** A run from an answer, its latest metrics decoded. */
export function decodeRun(run: Run): Run {
  const metrics = run.data?.metrics;
  return metrics ? { ...run, data: { ...run.data, metrics: metrics.map(decodeMetric) } } : run;
}

/** A logged model from an answer, its metrics decoded. */
export function decodeLoggedModel(model: LoggedModel): LoggedModel {
  const metrics = model.data?.metrics;
  return metrics ? { ...model, data: { ...model.data, metrics: metrics.map(decodeMetric) } } : model;
}
