import type { InferenceRecordInput, MonitorEventInput, MonitorLabelInput } from "@cairn/core";

// cairn serve logs whole requests: the /invocations (or OIP) body that would replay them and the
// predictions it answered. A monitor profiles rows, so each request becomes one event per row.

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The request's rows as records, from any MLflow scoring form; undefined when the inputs are raw tensors. */
export function requestRows(inputs: unknown): Record<string, unknown>[] | undefined {
  if (!isRecord(inputs)) return undefined;
  const split = inputs.dataframe_split;
  if (isRecord(split) && Array.isArray(split.columns) && Array.isArray(split.data)) {
    const columns = split.columns.map(String);
    return split.data.map((row) => (Array.isArray(row) ? Object.fromEntries(columns.map((c, i) => [c, row[i]])) : {}));
  }
  const listed = inputs.dataframe_records ?? inputs.instances ?? inputs.inputs;
  if (Array.isArray(listed)) return listed.every(isRecord) ? (listed as Record<string, unknown>[]) : undefined;
  if (isRecord(listed)) {
    // Columnar: {"age": [31, 40], "plan": ["a", "b"]}.
    const columns = Object.entries(listed);
    const n = columns.reduce((max, [, v]) => Math.max(max, Array.isArray(v) ? v.length : 1), 0);
    return Array.from({ length: n }, (_, i) => Object.fromEntries(columns.map(([c, v]) => [c, Array.isArray(v) ? v[i] : v])));
  }
  return undefined;
}

const LABEL_KEYS = ["label", "output_label", "prediction", "predictions", "predicted_label", "class"];
const SCORE_KEYS = ["probabilities", "output_probability", "probability", "scores", "score"];

/** The positive class's probability from a per-row probability output: [p0, p1], {"1": p1}, or a number. */
function positiveScore(value: unknown, positiveClass: string): number | undefined {
  if (typeof value === "number") return value;
  if (Array.isArray(value) && value.length === 2 && typeof value[1] === "number") return value[1];
  if (Array.isArray(value) && value.length === 1 && Array.isArray(value[0])) return positiveScore(value[0], positiveClass);
  if (isRecord(value) && typeof value[positiveClass] === "number") return value[positiveClass] as number;
  return undefined;
}

/** A row's prediction and positive score from one per-row output value. */
export function rowPrediction(value: unknown, positiveClass: string): { prediction?: unknown; score?: number } {
  if (isRecord(value)) {
    const labelKey = LABEL_KEYS.find((k) => k in value);
    const scoreKey = SCORE_KEYS.find((k) => k in value);
    const score = scoreKey === undefined ? undefined : positiveScore(value[scoreKey], positiveClass);
    const prediction = labelKey !== undefined ? value[labelKey] : Object.values(value)[0];
    return { prediction: Array.isArray(prediction) && prediction.length === 1 ? prediction[0] : prediction, ...(score === undefined ? {} : { score }) };
  }
  if (Array.isArray(value)) {
    // A probability vector: the prediction is the most likely class's index.
    if (value.length === 1) return rowPrediction(value[0], positiveClass);
    if (value.every((v) => typeof v === "number")) {
      const nums = value as number[];
      const best = nums.indexOf(Math.max(...nums));
      const score = positiveScore(nums, positiveClass);
      return { prediction: best, ...(score === undefined ? {} : { score }) };
    }
    return { prediction: value };
  }
  return { prediction: value };
}

/** The id of row i of a request: the request id itself for one-row requests, else "id#i". */
export function rowRequestId(requestId: string, row: number, rows: number): string {
  return rows === 1 ? requestId : `${requestId}#${row}`;
}

/**
 * A logged request as monitor events, one per row. The request's latency and status go on its
 * first row only, so latency figures count requests. Shadow answers are left out: they are a
 * second model's view of rows the live model's events already profile.
 */
export function inferenceRecordEvents(record: InferenceRecordInput, positiveClass = "1"): MonitorEventInput[] {
  if (record.shadow) return [];
  const rows = requestRows(record.inputs) ?? [{}];
  const outputs = Array.isArray(record.outputs) && record.outputs.length === rows.length ? record.outputs : undefined;
  return rows.map((features, i) => ({
    request_id: rowRequestId(record.request_id, i, rows.length),
    timestamp_ms: record.timestamp_ms,
    features,
    ...(outputs ? rowPrediction(outputs[i], positiveClass) : {}),
    variant: record.model_version,
    ...(i === 0 ? { latency_ms: record.latency_ms, ...(record.status_code == null ? {} : { status_code: record.status_code }) } : {}),
  }));
}

/** Labels for logged requests as monitor labels: a list label on a request spreads over its rows "id#0", "id#1", ... */
export function inferenceLabels(labels: readonly { request_id: string; label: unknown; timestamp_ms?: number }[]): MonitorLabelInput[] {
  return labels.flatMap((l) => {
    const at = l.timestamp_ms === undefined ? {} : { timestamp_ms: l.timestamp_ms };
    if (Array.isArray(l.label) && l.label.length > 1) return l.label.map((label, i) => ({ request_id: `${l.request_id}#${i}`, label, ...at }));
    return [{ request_id: l.request_id, label: Array.isArray(l.label) && l.label.length === 1 ? l.label[0] : l.label, ...at }];
  });
}
