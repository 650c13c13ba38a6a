import type { FastifyInstance } from "fastify";
import { LIMITS, LOGGED_MODEL_STATUSES, invalidParameter, validateKey, wire, type LoggedModel, type LoggedModelStatus, type TrackingStore } from "@cairn/core";
import { readableIds } from "../auth/read-scope.js";
import { addRoute } from "../route.js";
import { toWireMetric } from "./runs.js";

const read = { resource: "logged_model", level: "read" } as const;
const edit = { resource: "logged_model", level: "edit" } as const;

/** MLflow 3's logged-model endpoints (REST-style paths with the model id in the URL). */
export function loggedModelRoutes(app: FastifyInstance, store: TrackingStore): void {
  addRoute(app, {
    method: "POST",
    url: "/logged-models",
    summary: "Create a logged model (status PENDING until finalized)",
    input: wire.CreateLoggedModel,
    permission: { resource: "experiment", level: "edit" },
    handler: async (input) => {
      for (const t of input.tags ?? []) validateKey(t.key, "tag");
      for (const p of input.params ?? []) validateKey(p.key, "param");
      return { model: toWire(await store.createLoggedModel(input)) };
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/logged-models/search",
    summary: "Search logged models",
    input: wire.SearchLoggedModels,
    permission: read,
    handler: async (input, _params, request) => {
      const page = await store.searchLoggedModels({
        // Experiments the caller may not read are left out silently, as in runs/search.
        experiment_ids: await readableIds(request, "experiment", input.experiment_ids ?? []),
        filter: input.filter,
        datasets: input.datasets,
        max_results: input.max_results ?? LIMITS.searchLoggedModelsDefault,
        order_by: input.order_by,
        page_token: input.page_token || undefined,
      });
      return {
        ...(page.items.length > 0 ? { models: page.items.map(toWire) } : {}),
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/logged-models/:model_id",
    summary: "Get a logged model",
    input: wire.NoInput,
    params: wire.ModelIdParams,
    permission: read,
    handler: async (_input, params) => ({ model: toWire(await store.getLoggedModel(params.model_id)) }),
  });

  addRoute(app, {
    method: "PATCH",
    url: "/logged-models/:model_id",
    summary: "Finalize a logged model (READY or UPLOAD_FAILED)",
    input: wire.FinalizeLoggedModel,
    params: wire.ModelIdParams,
    permission: edit,
    handler: async (input, params) => {
      if (!LOGGED_MODEL_STATUSES.includes(input.status as LoggedModelStatus)) {
        throw invalidParameter(`Invalid logged model status '${input.status}'. Use LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED.`);
      }
      return { model: toWire(await store.finalizeLoggedModel(params.model_id, input.status as LoggedModelStatus)) };
    },
  });

  addRoute(app, {
    method: "DELETE",
    url: "/logged-models/:model_id",
    summary: "Delete a logged model",
    input: wire.NoInput,
    params: wire.ModelIdParams,
    permission: edit,
    handler: async (_input, params) => {
      await store.deleteLoggedModel(params.model_id);
    },
  });

  addRoute(app, {
    method: "PATCH",
    url: "/logged-models/:model_id/tags",
    summary: "Set tags on a logged model",
    input: wire.SetLoggedModelTags,
    params: wire.ModelIdParams,
    permission: edit,
    handler: async (input, params) => {
      for (const t of input.tags) validateKey(t.key, "tag");
      await store.setLoggedModelTags(params.model_id, input.tags);
    },
  });

  addRoute(app, {
    method: "DELETE",
    url: "/logged-models/:model_id/tags/:tag_key",
    summary: "Delete a tag of a logged model",
    input: wire.NoInput,
    params: wire.ModelTagParams,
    permission: edit,
    handler: async (_input, params) => {
      await store.deleteLoggedModelTag(params.model_id, params.tag_key);
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/logged-models/:model_id/params",
    summary: "Log params on a logged model",
    input: wire.LogLoggedModelParams,
    params: wire.ModelIdParams,
    permission: edit,
    handler: async (input, params) => {
      for (const p of input.params) validateKey(p.key, "param");
      await store.logLoggedModelParams(params.model_id, input.params);
    },
  });
}

function toWire(model: LoggedModel) {
  return model.data.metrics ? { ...model, data: { ...model.data, metrics: model.data.metrics.map(toWireMetric) } } : model;
}
