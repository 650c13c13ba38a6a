/**
 * Inference logs: what a serving process answered, record by record, kept for monitoring.
 * inputs, outputs and labels are arbitrary JSON values.
 */

/** One prediction as the serving process reports it (POST inference-logs). */
export interface InferenceRecordInput {
  request_id: string;
  deployment?: string | null;
  model_name: string;
  model_version: string;
  timestamp_ms: number;
  latency_ms: number;
  inputs: unknown;
  outputs: unknown;
  /** True for a shadow model's answer, which the caller never saw. */
  shadow?: boolean;
  status_code?: number | null;
}

/** One stored prediction, with its label once one has been attached. */
export interface InferenceRecord {
  request_id: string;
  deployment?: string;
  model_name: string;
  model_version: string;
  timestamp_ms: number;
  latency_ms: number;
  inputs: unknown;
  outputs: unknown;
  shadow: boolean;
  status_code?: number;
  /** Present (possibly null) once labeled; label_timestamp_ms tells when. */
  label?: unknown;
  label_timestamp_ms?: number;
}

/** A ground-truth label for every record of one request (POST inference-logs/labels). */
export interface InferenceLabelInput {
  request_id: string;
  label: unknown;
  /** When the label became known; the server's clock by default. */
  timestamp_ms?: number;
}

/** The answer of POST inference-logs: every record is stored; duplicates were already there. */
export interface LogInferencesResult {
  accepted: number;
  /** Records ignored because an identical (request_id, model_name, model_version, shadow) was stored before. */
  duplicates: number;
}

/** The answer of POST inference-logs/labels. */
export interface AttachLabelsResult {
  /** Records that got a label. */
  updated: number;
  /** Request ids with no stored record (often sampled out); not an error. */
  unknown_request_ids: string[];
}

/** GET inference-logs/search: filters, newest first; start inclusive, end exclusive. */
export interface SearchInferenceLogsInput {
  deployment?: string;
  model_name?: string;
  model_version?: string;
  start_time_ms?: number;
  end_time_ms?: number;
  /** true: only labeled records; false: only unlabeled ones. */
  labeled?: boolean;
  max_results?: number;
  page_token?: string;
}

/** Limits of the inference log API. */
export const INFERENCE_LOG_LIMITS = {
  recordsPerCall: 1000,
  labelsPerCall: 1000,
  searchDefault: 1000,
  searchMax: 10_000,
  requestIdLength: 256,
} as const;
