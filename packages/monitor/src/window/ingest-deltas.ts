import { CairnError, invalidParameter, type MonitorConfig, type MonitorEventInput, type MonitorLabelInput, type MonitorLabelRecord, type MonitorWindowData, type StoredMonitorEvent } from "@cairn/core";
import { addModelEvent, addModelLabel, emptyModelStats, type ModelEvent, type ModelStats } from "../performance/index.js";
import { createWindowProfiler, emptyDataProfile, emptySample } from "../profile/index.js";
import type { MonitorReference } from "../reference/monitor-reference.js";
import { classLabel, negativeClass, predictionKindOf } from "../reference/outcomes.js";
import { qualitySummary } from "../report/quality-summary.js";
import { encodeWindowDetail, encodeWindowProfile } from "./monitor-window.js";

/** An event with its timestamp settled and its window known. */
export interface PreparedEvent extends MonitorEventInput {
  timestamp_ms: number;
  window_start_ms: number;
}

// Timestamps more than a day ahead are nearly always seconds or microseconds sent as milliseconds.
const MAX_FUTURE_MS = 86_400_000;
const MAX_REQUEST_ID = 256;

const windowStart = (ts: number, windowMs: number) => Math.floor(ts / windowMs) * windowMs;

function badEvent(index: number, message: string): CairnError {
  return invalidParameter(`Event ${index}: ${message} Nothing in this batch was stored.`);
}

/**
 * Settles timestamps and checks what no window could count: timestamps, ids, latencies and
 * scores. Feature values are never refused here; the profiler counts them as data quality.
 */
export function prepareEvents(events: readonly MonitorEventInput[], config: MonitorConfig, now: number): { events: PreparedEvent[]; stored: (StoredMonitorEvent | undefined)[] } {
  const prepared: PreparedEvent[] = [];
  const stored: (StoredMonitorEvent | undefined)[] = [];
  events.forEach((e, i) => {
    const ts = e.timestamp_ms ?? now;
    if (!Number.isSafeInteger(ts) || ts < 0) throw badEvent(i, `timestamp_ms ${ts} is not a time in milliseconds since the epoch.`);
    if (ts > now + MAX_FUTURE_MS) throw badEvent(i, `timestamp_ms ${ts} (${new Date(ts).toISOString()}) is more than a day in the future; send milliseconds since the epoch, not microseconds.`);
    if (e.request_id !== undefined && (e.request_id === "" || e.request_id.length > MAX_REQUEST_ID)) throw badEvent(i, `request_id must be 1 to ${MAX_REQUEST_ID} characters.`);
    if (e.latency_ms !== undefined && !(e.latency_ms >= 0 && Number.isFinite(e.latency_ms))) throw badEvent(i, `latency_ms ${e.latency_ms} is not a duration in milliseconds (a finite number >= 0).`);
    if (e.score !== undefined && e.score !== null && !(e.score >= 0 && e.score <= 1)) throw badEvent(i, `score ${e.score} is not a probability between 0 and 1.`);
    // One object shape for every event (no spread): the profiler's hot loop stays monomorphic.
    const event: PreparedEvent = {
      request_id: e.request_id,
      timestamp_ms: ts,
      window_start_ms: windowStart(ts, config.window_ms),
      features: e.features,
      prediction: e.prediction,
      score: e.score,
      label: e.label,
      variant: e.variant,
      latency_ms: e.latency_ms,
      status_code: e.status_code,
    };
    prepared.push(event);
    stored.push(
      e.request_id === undefined
        ? undefined
        : {
            request_id: e.request_id,
            timestamp_ms: ts,
            window_start_ms: event.window_start_ms,
            ...(e.variant === undefined ? {} : { variant: e.variant }),
            features_json: JSON.stringify(e.features),
            ...(e.prediction === undefined ? {} : { prediction_json: JSON.stringify(e.prediction) }),
            ...(typeof e.score === "number" ? { score: e.score } : {}),
            ...(e.label === undefined ? {} : { label_json: JSON.stringify(e.label), label_timestamp_ms: ts }),
          },
    );
  });
  return { events: prepared, stored };
}

/** Late labels with their timestamps settled, as the store takes them. */
export function prepareLabels(labels: readonly MonitorLabelInput[], now: number): MonitorLabelRecord[] {
  return labels.map((l, i) => {
    if (l.request_id === "" || l.request_id.length > MAX_REQUEST_ID) throw invalidParameter(`Label ${i}: request_id must be 1 to ${MAX_REQUEST_ID} characters.`);
    if (l.label === undefined) throw invalidParameter(`Label ${i} (request ${l.request_id}) has no 'label'.`);
    return { request_id: l.request_id, label_json: JSON.stringify(l.label), timestamp_ms: l.timestamp_ms ?? now };
  });
}

/** What a classification outcome's "predicted" is: the prediction, else the score against 0.5. */
function predictedClass(prediction: unknown, score: number | undefined | null, positive: string): string | undefined {
  if (prediction !== undefined && prediction !== null) return classLabel(prediction);
  if (typeof score === "number") return score >= 0.5 ? positive : negativeClass(positive);
  return undefined;
}

/** Adds one labeled outcome to a window's model stats; an event without a prediction has nothing to score. */
function addOutcome(model: ModelStats, config: MonitorConfig, label: unknown, prediction: unknown, score: number | undefined | null, variant: string | undefined, requestId: string): void {
  const positive = config.positive_class ?? "1";
  try {
    if (config.task === "regression") {
      if (prediction === undefined || prediction === null) return;
      addModelLabel(model, { actual: label as number, predicted: prediction as number }, undefined, variant);
      return;
    }
    const predicted = predictedClass(prediction, score, positive);
    if (predicted === undefined && config.task !== undefined) return;
    addModelLabel(model, { actual: classLabel(label), predicted: predicted ?? "", ...(typeof score === "number" ? { score } : {}) }, positive, variant);
  } catch (error) {
    if (error instanceof CairnError) throw invalidParameter(`Request ${requestId}: ${error.message} Nothing in this batch was stored.`);
    throw error;
  }
}

function modelEvent(e: PreparedEvent, config: MonitorConfig): ModelEvent {
  const positive = config.positive_class ?? "1";
  const predicted = config.task === "binary_classification" ? predictedClass(e.prediction, e.score, positive) : undefined;
  return {
    variant: e.variant ?? null,
    latency_ms: e.latency_ms ?? null,
    status_code: e.status_code ?? null,
    prediction: config.task === "regression" && typeof e.prediction === "number" ? e.prediction : null,
    score: typeof e.score === "number" ? e.score : null,
    predicted_positive: predicted === undefined ? null : predicted === positive,
  };
}

/** The window deltas of the fresh events of a batch (by index): data profiles, samples and model stats; and the schema problems counted. */
export function ingestDeltas(reference: MonitorReference, config: MonitorConfig, events: readonly PreparedEvent[], fresh: readonly number[]): { windows: MonitorWindowData[]; quality_issues: number } {
  const predictionKind = predictionKindOf(config.task, undefined) ?? reference.prediction_kind;
  const profiler = createWindowProfiler(reference.profile, config.features, {
    windowMs: config.window_ms,
    reservoirSize: config.reservoir_size,
    ...(predictionKind ? { predictionKind } : {}),
  });
  const models = new Map<number, ModelStats>();
  for (const i of fresh) {
    const e = events[i]!;
    profiler.add({ timestamp_ms: e.timestamp_ms, features: e.features, ...(e.prediction === undefined ? {} : { prediction: e.prediction }) });
    let model = models.get(e.window_start_ms);
    if (!model) models.set(e.window_start_ms, (model = emptyModelStats(config.task)));
    addModelEvent(model, modelEvent(e, config), reference.calibrator ? { calibrator: reference.calibrator } : {});
    if (e.label !== undefined && e.label !== null) addOutcome(model, config, e.label, e.prediction, e.score, e.variant, e.request_id ?? `#${i}`);
  }
  let issues = 0;
  const windows = [...profiler.windows()].map(([start, w]) => {
    issues += qualitySummary(w.data).issues;
    return {
      window_start_ms: start,
      events: w.data.events,
      profile: encodeWindowProfile(w.data, models.get(start) ?? emptyModelStats(config.task)),
      sample: encodeWindowDetail(w.data, w.sample),
    };
  });
  return { windows, quality_issues: issues };
}

/** The window deltas of newly labeled events: model stats only (the data was profiled at ingest). */
export function labelDeltas(reference: MonitorReference, config: MonitorConfig, labeled: readonly StoredMonitorEvent[]): MonitorWindowData[] {
  const models = new Map<number, ModelStats>();
  for (const e of labeled) {
    let model = models.get(e.window_start_ms);
    if (!model) models.set(e.window_start_ms, (model = emptyModelStats(config.task)));
    const prediction = e.prediction_json === undefined ? undefined : (JSON.parse(e.prediction_json) as unknown);
    addOutcome(model, config, JSON.parse(e.label_json!) as unknown, prediction, e.score, e.variant, e.request_id);
  }
  const predictionKind = predictionKindOf(config.task, undefined) ?? reference.prediction_kind;
  const empty = emptyDataProfile(config.features, { bins: reference.profile.bins, ...(predictionKind ? { predictionKind } : {}) });
  const detail = encodeWindowDetail(empty, emptySample(config.reservoir_size, config.features));
  return [...models].map(([start, model]) => ({ window_start_ms: start, events: 0, profile: encodeWindowProfile(empty, model), sample: detail }));
}
