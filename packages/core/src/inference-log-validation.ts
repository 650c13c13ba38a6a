import { invalidParameter } from "./errors.js";
import { validateDeploymentName } from "./deployment-validation.js";
import { INFERENCE_LOG_LIMITS, type InferenceLabelInput, type InferenceRecordInput, type SearchInferenceLogsInput } from "./inference-log-entities.js";
import { validateModelName } from "./registry-validation.js";

/** An inference record checked and ready to store: JSON values as text, optional fields as null. */
export interface NormalizedInferenceRecord {
  request_id: string;
  deployment: string | null;
  model_name: string;
  model_version: string;
  timestamp_ms: number;
  latency_ms: number;
  inputs: string;
  outputs: string;
  shadow: boolean;
  status_code: number | null;
}

/** A label checked and ready to store. */
export interface NormalizedLabel {
  request_id: string;
  label: string;
  timestamp_ms: number | undefined;
}

/** Checks a whole batch before anything is written; messages name the record (records[i].field). */
export function validateInferenceRecords(records: readonly InferenceRecordInput[]): NormalizedInferenceRecord[] {
  if (!Array.isArray(records)) throw invalidParameter("Missing value for required parameter 'records': send {records: [...]}, a list of inference records.");
  const max = INFERENCE_LOG_LIMITS.recordsPerCall;
  if (records.length > max) throw invalidParameter(`One call takes at most ${max} inference records; got ${records.length}. Split them across several calls.`);
  return records.map((r, i) => normalizeRecord(r, `records[${i}]`));
}

function normalizeRecord(r: InferenceRecordInput, at: string): NormalizedInferenceRecord {
  if (typeof r !== "object" || r === null) throw invalidParameter(`${at} must be an object with request_id, model_name, model_version, timestamp_ms, latency_ms, inputs and outputs.`);
  const requestId = validateRequestId(r.request_id, `${at}.request_id`);
  if (r.deployment !== undefined && r.deployment !== null) validateDeploymentName(r.deployment, `${at}.deployment`);
  validateModelName(r.model_name, `${at}.model_name`);
  const version = String(parseVersionAt(r.model_version, `${at}.model_version`));
  if (!isMillis(r.timestamp_ms)) throw invalidParameter(`Invalid value ${show(r.timestamp_ms)} for parameter '${at}.timestamp_ms': give milliseconds since the epoch as a whole number.`);
  if (typeof r.latency_ms !== "number" || !Number.isFinite(r.latency_ms) || r.latency_ms < 0) {
    throw invalidParameter(`Invalid value ${show(r.latency_ms)} for parameter '${at}.latency_ms': give the prediction's latency in milliseconds, a number of at least 0.`);
  }
  if (r.shadow !== undefined && r.shadow !== null && typeof r.shadow !== "boolean") throw invalidParameter(`Invalid value ${show(r.shadow)} for parameter '${at}.shadow': it must be true or false.`);
  const status = r.status_code;
  if (status !== undefined && status !== null && !(Number.isInteger(status) && status >= 100 && status <= 599)) {
    throw invalidParameter(`Invalid value ${show(status)} for parameter '${at}.status_code': give the HTTP status of the answer (100 to 599).`);
  }
  return {
    request_id: requestId,
    deployment: r.deployment ?? null,
    model_name: r.model_name,
    model_version: version,
    timestamp_ms: r.timestamp_ms,
    latency_ms: r.latency_ms,
    inputs: jsonText(r.inputs, `${at}.inputs`),
    outputs: jsonText(r.outputs, `${at}.outputs`),
    shadow: r.shadow === true,
    status_code: status ?? null,
  };
}

/** Checks a labels call: at most 1000 labels, each request id once, every label a JSON value. */
export function validateInferenceLabels(labels: readonly InferenceLabelInput[]): NormalizedLabel[] {
  if (!Array.isArray(labels)) throw invalidParameter("Missing value for required parameter 'labels': send {labels: [{request_id, label}, ...]}.");
  const max = INFERENCE_LOG_LIMITS.labelsPerCall;
  if (labels.length > max) throw invalidParameter(`One call takes at most ${max} labels; got ${labels.length}. Split them across several calls.`);
  const seen = new Map<string, number>();
  return labels.map((l, i) => {
    const at = `labels[${i}]`;
    if (typeof l !== "object" || l === null) throw invalidParameter(`${at} must be an object {request_id, label}.`);
    const requestId = validateRequestId(l.request_id, `${at}.request_id`);
    const first = seen.get(requestId);
    if (first !== undefined) throw invalidParameter(`labels[${first}] and ${at} both label request '${requestId}'; send one label per request id.`);
    seen.set(requestId, i);
    if (l.timestamp_ms !== undefined && l.timestamp_ms !== null && !isMillis(l.timestamp_ms)) {
      throw invalidParameter(`Invalid value ${show(l.timestamp_ms)} for parameter '${at}.timestamp_ms': give milliseconds since the epoch as a whole number, or leave it out.`);
    }
    return { request_id: requestId, label: jsonText(l.label, `${at}.label`), timestamp_ms: l.timestamp_ms ?? undefined };
  });
}

/** Checks a search's filters and page size; returns the page size to use. */
export function validateInferenceSearch(input: SearchInferenceLogsInput): number {
  const max = input.max_results ?? INFERENCE_LOG_LIMITS.searchDefault;
  if (!Number.isSafeInteger(max) || max < 1 || max > INFERENCE_LOG_LIMITS.searchMax) {
    throw invalidParameter(`Invalid value ${show(max)} for parameter 'max_results': it must be an integer from 1 to ${INFERENCE_LOG_LIMITS.searchMax}.`);
  }
  for (const key of ["start_time_ms", "end_time_ms"] as const) {
    const v = input[key];
    if (v !== undefined && !isMillis(v)) throw invalidParameter(`Invalid value ${show(v)} for parameter '${key}': give milliseconds since the epoch as a whole number.`);
  }
  if (input.start_time_ms !== undefined && input.end_time_ms !== undefined && input.end_time_ms <= input.start_time_ms) {
    throw invalidParameter(`end_time_ms (${input.end_time_ms}) must be after start_time_ms (${input.start_time_ms}); the window includes its start and excludes its end.`);
  }
  if (input.model_version !== undefined) parseVersionAt(input.model_version, "model_version");
  return max;
}

/** Checks a request id: a non-empty string of at most 256 characters. */
export function validateRequestId(id: unknown, parameter = "request_id"): string {
  if (typeof id !== "string" || id === "") throw invalidParameter(`Missing value for required parameter '${parameter}': give the request's id (the x-request-id of the answer).`);
  if (id.length > INFERENCE_LOG_LIMITS.requestIdLength) throw invalidParameter(`'${parameter}' is ${id.length} characters long; the limit is ${INFERENCE_LOG_LIMITS.requestIdLength}.`);
  return id;
}

// The registry's rule (parseModelVersion), with the record's parameter path in the message.
const VERSION_PATTERN = /^[1-9]\d{0,15}$/;

function parseVersionAt(version: unknown, parameter: string): number {
  if (typeof version !== "string" && typeof version !== "number") {
    throw invalidParameter(`Missing value for required parameter '${parameter}': give the model version that answered, e.g. '3'.`);
  }
  const text = String(version).trim();
  if (!VERSION_PATTERN.test(text)) throw invalidParameter(`Invalid value ${show(version)} for parameter '${parameter}': model versions are positive integers such as '3'.`);
  return Number(text);
}

function jsonText(value: unknown, parameter: string): string {
  if (value === undefined) throw invalidParameter(`Missing value for required parameter '${parameter}': give any JSON value (null if there is none).`);
  return JSON.stringify(value);
}

function isMillis(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function show(value: unknown): string {
  return (JSON.stringify(value) ?? String(value)).slice(0, 60);
}
