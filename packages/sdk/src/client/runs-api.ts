import type { KeyValue, Run, RunInfo } from "@cairn/core";
import type { Transport } from "../http/transport.js";
import type {
  CreateRunRequest,
  LogBatchRequest,
  LogInputsRequest,
  LogMetricRequest,
  LogOutputsRequest,
  Paged,
  SearchRunsRequest,
  UpdateRunRequest,
} from "./wire-types.js";
import { decodeRun, encodeMetric } from "./wire-values.js";

/** MLflow's run endpoints (/api/2.0/mlflow/runs/...). */
export interface RunsApi {
  /** POST runs/create. */
  create(request: CreateRunRequest): Promise<{ run: Run }>;
  /** GET runs/get: info, latest metrics, params, tags, inputs and outputs. */
  get(request: { run_id: string }): Promise<{ run: Run }>;
  /** POST runs/update: status, end time or name. */
  update(request: UpdateRunRequest): Promise<{ run_info: RunInfo }>;
  /** POST runs/delete: soft delete. */
  delete(request: { run_id: string }): Promise<void>;
  /** POST runs/restore. */
  restore(request: { run_id: string }): Promise<void>;
  /** POST runs/log-metric: one point (timestamp defaults to now, step to 0). */
  logMetric(request: LogMetricRequest): Promise<void>;
  /** POST runs/log-parameter. */
  logParam(request: KeyValue & { run_id: string }): Promise<void>;
  /** POST runs/set-tag. */
  setTag(request: KeyValue & { run_id: string }): Promise<void>;
  /** POST runs/delete-tag. */
  deleteTag(request: { run_id: string; key: string }): Promise<void>;
  /** POST runs/log-batch: at most 1000 metrics, 100 params, 100 tags, all or nothing. */
  logBatch(request: LogBatchRequest): Promise<void>;
  /** POST runs/log-inputs: datasets and models a run consumed. */
  logInputs(request: LogInputsRequest): Promise<void>;
  /** POST runs/outputs: logged models a run produced. */
  logOutputs(request: LogOutputsRequest): Promise<void>;
  /** POST runs/search: one page. */
  search(request: SearchRunsRequest): Promise<Paged<"runs", Run>>;
}

/** Binds the run endpoints to a transport; now() stamps metrics logged without a timestamp. */
export function createRunsApi(t: Transport, now: () => number): RunsApi {
  return {
    async create(request) {
      const { run } = await t.call<{ run: Run }>("POST", "/runs/create", request);
      return { run: decodeRun(run) };
    },
    async get(request) {
      const { run } = await t.call<{ run: Run }>("GET", "/runs/get", request);
      return { run: decodeRun(run) };
    },
    update: (request) => t.call("POST", "/runs/update", request),
    delete: (request) => t.send("POST", "/runs/delete", request),
    restore: (request) => t.send("POST", "/runs/restore", request),
    logMetric: ({ run_id, ...metric }) => t.send("POST", "/runs/log-metric", { run_id, ...encodeMetric(metric, now) }),
    logParam: (request) => t.send("POST", "/runs/log-parameter", request),
    setTag: (request) => t.send("POST", "/runs/set-tag", request),
    deleteTag: (request) => t.send("POST", "/runs/delete-tag", request),
    logBatch: ({ metrics, ...rest }) =>
      t.send("POST", "/runs/log-batch", { ...rest, ...(metrics ? { metrics: metrics.map((m) => encodeMetric(m, now)) } : {}) }),
    logInputs: (request) => t.send("POST", "/runs/log-inputs", request),
    logOutputs: (request) => t.send("POST", "/runs/outputs", request),
    async search(request) {
      const page = await t.call<{ runs?: Run[]; next_page_token?: string }>("POST", "/runs/search", request);
      return { ...page, runs: (page.runs ?? []).map(decodeRun) };
    },
  };
}
