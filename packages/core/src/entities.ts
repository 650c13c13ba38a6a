/**
 * Tracking entities in MLflow's wire shape (proto snake_case). Cairn keeps one shape from the
 * store to the client, so results need no mapping layer on the way out.
 */
export type LifecycleStage = "active" | "deleted";
export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const VIEW_TYPES = ["ACTIVE_ONLY", "DELETED_ONLY", "ALL"] as const;
export type ViewType = (typeof VIEW_TYPES)[number];

export interface KeyValue {
  key: string;
  value: string;
}
export type ExperimentTag = KeyValue;
export type RunTag = KeyValue;
export type Param = KeyValue;

export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: number;
  last_update_time: number;
  tags?: ExperimentTag[];
}

/** A metric point. value is a number; NaN and ±Infinity travel as the strings "NaN", "Infinity". */
export interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  run_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
  model_id?: string;
}

export interface RunInfo {
  run_id: string;
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: RunStatus;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: LifecycleStage;
}

export interface Dataset {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface DatasetInput {
  tags?: KeyValue[];
  dataset: Dataset;
}

export interface Run {
  info: RunInfo;
  data: { metrics?: Metric[]; params?: Param[]; tags?: RunTag[] };
  inputs: { dataset_inputs?: DatasetInput[]; model_inputs?: { model_id: string }[] };
  outputs: { model_outputs?: { model_id: string; step: number }[] };
}

export const LOGGED_MODEL_STATUSES = [
  "LOGGED_MODEL_STATUS_UNSPECIFIED",
  "LOGGED_MODEL_PENDING",
  "LOGGED_MODEL_READY",
  "LOGGED_MODEL_UPLOAD_FAILED",
] as const;
export type LoggedModelStatus = (typeof LOGGED_MODEL_STATUSES)[number];

export interface LoggedModelInfo {
  model_id: string;
  experiment_id: string;
  name: string;
  artifact_uri: string;
  creation_timestamp_ms: number;
  last_updated_timestamp_ms: number;
  status: LoggedModelStatus;
  status_message?: string;
  model_type: string;
  source_run_id?: string;
  creator_id?: string;
  tags?: KeyValue[];
}

export interface LoggedModel {
  info: LoggedModelInfo;
  data: { params?: Param[]; metrics?: Metric[] };
}

/** One page of a listing; next_page_token is absent on the last page. */
export interface Page<T> {
  items: T[];
  next_page_token?: string;
}

/**
 * JSON text of a T, built by the database on read-heavy paths (search, history) so that large
 * answers need neither row objects nor re-serialization. A store may hand it over as UTF-8
 * bytes, which go to the socket without a decode and re-encode. Parse with parseJsonText.
 */
export type JsonText<T> = (string | Uint8Array) & { readonly __json: T };

/** Parses JSON text produced by a store back into its entity. */
export function parseJsonText<T>(text: JsonText<T>): T {
  return JSON.parse(typeof text === "string" ? text : new TextDecoder().decode(text)) as T;
}
