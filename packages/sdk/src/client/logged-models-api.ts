import type { KeyValue, LoggedModel } from "@cairn/core";
import type { Transport } from "../http/transport.js";
import type { CreateLoggedModelRequest, FinalizeLoggedModelRequest, Paged, SearchLoggedModelsRequest } from "./wire-types.js";
import { decodeLoggedModel } from "./wire-values.js";

/** MLflow 3's logged-model endpoints (/api/2.0/mlflow/logged-models/...). */
export interface LoggedModelsApi {
  /** POST logged-models: a PENDING model. */
  create(request: CreateLoggedModelRequest): Promise<{ model: LoggedModel }>;
  /** GET logged-models/{model_id}. */
  get(request: { model_id: string }): Promise<{ model: LoggedModel }>;
  /** PATCH logged-models/{model_id}: READY or UPLOAD_FAILED. */
  finalize(request: FinalizeLoggedModelRequest): Promise<{ model: LoggedModel }>;
  /** DELETE logged-models/{model_id}. */
  delete(request: { model_id: string }): Promise<void>;
  /** POST logged-models/search: one page. */
  search(request: SearchLoggedModelsRequest): Promise<Paged<"models", LoggedModel>>;
  /** PATCH logged-models/{model_id}/tags. */
  setTags(request: { model_id: string; tags: KeyValue[] }): Promise<void>;
  /** DELETE logged-models/{model_id}/tags/{tag_key}. */
  deleteTag(request: { model_id: string; tag_key: string }): Promise<void>;
  /** POST logged-models/{model_id}/params. */
  logParams(request: { model_id: string; params: KeyValue[] }): Promise<void>;
}

const path = (modelId: string) => `/logged-models/${encodeURIComponent(modelId)}`;

/** Binds the logged-model endpoints to a transport. */
export function createLoggedModelsApi(t: Transport): LoggedModelsApi {
  const one = async (promise: Promise<{ model: LoggedModel }>) => ({ model: decodeLoggedModel((await promise).model) });
  return {
    create: (request) => one(t.call("POST", "/logged-models", request)),
    get: ({ model_id }) => one(t.call("GET", path(model_id))),
    finalize: (request) => one(t.call("PATCH", path(request.model_id), request)),
    delete: ({ model_id }) => t.send("DELETE", path(model_id), {}),
    async search(request) {
      const page = await t.call<{ models?: LoggedModel[]; next_page_token?: string }>("POST", "/logged-models/search", request);
      return { ...page, models: (page.models ?? []).map(decodeLoggedModel) };
    },
    setTags: ({ model_id, tags }) => t.send("PATCH", `${path(model_id)}/tags`, { tags }),
    deleteTag: ({ model_id, tag_key }) => t.send("DELETE", `${path(model_id)}/tags/${encodeURIComponent(tag_key)}`, {}),
    logParams: ({ model_id, params }) => t.send("POST", `${path(model_id)}/params`, { params }),
  };
}
