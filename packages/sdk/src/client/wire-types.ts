import type { DatasetInput, KeyValue, LoggedModelStatus, RunStatus, ViewType, wire } from "@cairn/core";

// Request shapes: MLflow's snake_case wire fields, taken from core's schemas where the server's
// input is exactly what a caller should write, narrowed where the SDK does the encoding.

/** A metric point to log; the SDK encodes NaN and ±Infinity as MLflow's strings. */
export interface MetricInput {
  key: string;
  value: number;
  /** Milliseconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Defaults to 0, as in MLflow. */
  step?: number;
  model_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
}

/** Body of experiments/create. */
export type CreateExperimentRequest = wire.Request<typeof wire.CreateExperiment>;
/** Body of experiments/search. */
export type SearchExperimentsRequest = Omit<wire.Request<typeof wire.SearchExperiments>, "view_type"> & { view_type?: ViewType };
/** Body of runs/create. */
export type CreateRunRequest = wire.Request<typeof wire.CreateRun>;
/** Body of runs/update. */
export interface UpdateRunRequest {
  run_id: string;
  status?: RunStatus;
  end_time?: number;
  run_name?: string;
}
/** Body of runs/log-metric. */
export type LogMetricRequest = MetricInput & { run_id: string };
/** Body of runs/log-batch. */
export interface LogBatchRequest {
  run_id: string;
  metrics?: MetricInput[];
  params?: KeyValue[];
  tags?: KeyValue[];
}
/** Body of runs/log-inputs. */
export interface LogInputsRequest {
  run_id: string;
  datasets?: DatasetInput[];
  models?: { model_id: string }[];
}
/** Body of runs/outputs. */
export type LogOutputsRequest = wire.Request<typeof wire.LogOutputs>;
/** Body of runs/search. */
export type SearchRunsRequest = Omit<wire.Request<typeof wire.SearchRuns>, "run_view_type"> & { run_view_type?: ViewType };
/** Query of metrics/get-history. */
export interface GetMetricHistoryRequest {
  run_id: string;
  metric_key: string;
  max_results?: number;
  page_token?: string;
}
/** Query of metrics/get-history-bulk-interval. */
export type GetMetricHistoryBulkIntervalRequest = wire.Request<typeof wire.GetMetricHistoryBulkInterval>;
/** Body of POST logged-models. */
export type CreateLoggedModelRequest = wire.Request<typeof wire.CreateLoggedModel>;
/** Body of logged-models/search. */
export type SearchLoggedModelsRequest = wire.Request<typeof wire.SearchLoggedModels>;
/** PATCH logged-models/{model_id}: the model and its final status. */
export interface FinalizeLoggedModelRequest {
  model_id: string;
  status: LoggedModelStatus;
}

/** One page of a listing; the list is [] (never absent) on an empty page. */
export type Paged<K extends string, T> = { [P in K]: T[] } & { next_page_token?: string };
