import type { FastifyInstance } from "fastify";
import { LIMITS, wire, type ApprovalStore, type RegistryStore } from "@cairn/core";
import { guardStageTransition } from "../governance/approval-guard.js";
import { readScope } from "../auth/read-scope.js";
import { addRoute, jsonPage } from "../route.js";
import { withValues } from "./registry-tags.js";

const read = { resource: "registered_model", level: "read" } as const;
const edit = { resource: "registered_model", level: "edit" } as const;
const manage = { resource: "registered_model", level: "manage" } as const;

/** MLflow's model-version endpoints; permissions are on the registered model the version belongs to. */
export function modelVersionRoutes(app: FastifyInstance, store: RegistryStore & ApprovalStore): void {
  addRoute(app, {
    method: "POST",
    url: "/model-versions/create",
    summary: "Register a new version of a model (READY at once)",
    input: wire.CreateModelVersion,
    permission: edit,
    handler: async (input) => ({ model_version: await store.createModelVersion({ ...input, tags: withValues(input.tags) }) }),
  });

  addRoute(app, {
    method: "GET",
    url: "/model-versions/get",
    summary: "Get a model version",
    input: wire.ModelVersionRef,
    permission: read,
    handler: async (input) => ({ model_version: await store.getModelVersion(input.name, input.version) }),
  });

  addRoute(app, {
    method: "PATCH",
    url: "/model-versions/update",
    summary: "Update a model version's description",
    input: wire.UpdateModelVersion,
    permission: edit,
    handler: async (input) => ({ model_version: await store.updateModelVersion(input.name, input.version, input.description) }),
  });

  addRoute(app, {
    method: "DELETE",
    url: "/model-versions/delete",
    summary: "Delete a model version with its tags and the aliases pointing at it",
    input: wire.ModelVersionRef,
    permission: manage,
    handler: async (input) => {
      await store.deleteModelVersion(input.name, input.version);
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/model-versions/transition-stage",
    summary: "Move a model version to None, Staging, Production or Archived",
    input: wire.TransitionModelVersionStage,
    permission: edit,
    handler: async (input) => {
      await guardStageTransition(store, input);
      return { model_version: await store.transitionModelVersionStage(input) };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/model-versions/search",
    summary: "Search model versions",
    input: wire.SearchModelVersions,
    permission: read,
    handler: async (input, _params, request) => {
      const scope = readScope(request, "registered_model");
      const page = await store.searchModelVersions({
        ...(scope ? { readable_by: scope } : {}),
        filter: input.filter,
        order_by: input.order_by,
        max_results: input.max_results ?? LIMITS.searchModelVersionsDefault,
        page_token: input.page_token || undefined,
      });
      return jsonPage("model_versions", page.model_versions, page.next_page_token);
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/model-versions/get-download-uri",
    summary: "Where a model version's files are",
    input: wire.ModelVersionRef,
    permission: read,
    handler: async (input) => ({ artifact_uri: await store.getModelVersionDownloadUri(input.name, input.version) }),
  });

  addRoute(app, {
    method: "POST",
    url: "/model-versions/set-tag",
    summary: "Set a model version tag",
    input: wire.SetModelVersionTag,
    permission: edit,
    handler: async (input) => {
      await store.setModelVersionTag(input.name, input.version, { key: input.key, value: input.value ?? "" });
    },
  });

  addRoute(app, {
    method: "DELETE",
    url: "/model-versions/delete-tag",
    summary: "Delete a model version tag",
    input: wire.DeleteModelVersionTag,
    permission: manage,
    handler: async (input) => {
      await store.deleteModelVersionTag(input.name, input.version, input.key);
    },
  });
}
