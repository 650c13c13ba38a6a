import type { Experiment } from "@cairn/core";
import type { Transport } from "../http/transport.js";
import type { CreateExperimentRequest, Paged, SearchExperimentsRequest } from "./wire-types.js";

/** MLflow's experiment endpoints (/api/2.0/mlflow/experiments/...). */
export interface ExperimentsApi {
  /** POST experiments/create. */
  create(request: CreateExperimentRequest): Promise<{ experiment_id: string }>;
  /** GET experiments/get; deleted experiments are returned too. */
  get(request: { experiment_id: string }): Promise<{ experiment: Experiment }>;
  /** GET experiments/get-by-name. */
  getByName(request: { experiment_name: string }): Promise<{ experiment: Experiment }>;
  /** POST experiments/search: one page. */
  search(request?: SearchExperimentsRequest): Promise<Paged<"experiments", Experiment>>;
  /** POST experiments/update: renames. */
  rename(request: { experiment_id: string; new_name: string }): Promise<void>;
  /** POST experiments/delete: soft-deletes the experiment and its runs. */
  delete(request: { experiment_id: string }): Promise<void>;
  /** POST experiments/restore. */
  restore(request: { experiment_id: string }): Promise<void>;
  /** POST experiments/set-experiment-tag. */
  setTag(request: { experiment_id: string; key: string; value: string }): Promise<void>;
  /** POST experiments/delete-experiment-tag. */
  deleteTag(request: { experiment_id: string; key: string }): Promise<void>;
}

/** Binds the experiment endpoints to a transport. */
export function createExperimentsApi(t: Transport): ExperimentsApi {
  return {
    create: (request) => t.call("POST", "/experiments/create", request),
    get: (request) => t.call("GET", "/experiments/get", request),
    getByName: (request) => t.call("GET", "/experiments/get-by-name", request),
    async search(request = {}) {
      const page = await t.call<{ experiments?: Experiment[]; next_page_token?: string }>("POST", "/experiments/search", request);
      return { ...page, experiments: page.experiments ?? [] };
    },
    rename: (request) => t.send("POST", "/experiments/update", request),
    delete: (request) => t.send("POST", "/experiments/delete", request),
    restore: (request) => t.send("POST", "/experiments/restore", request),
    setTag: (request) => t.send("POST", "/experiments/set-experiment-tag", request),
    deleteTag: (request) => t.send("POST", "/experiments/delete-experiment-tag", request),
  };
}
