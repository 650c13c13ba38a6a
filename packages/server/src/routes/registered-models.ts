import type { FastifyInstance } from "fastify";
import { LIMITS, wire, type ApprovalStore, type RegistryStore } from "@cairn/core";
import { guardAliasChange } from "../governance/approval-guard.js";
import { readScope } from "../auth/read-scope.js";
import { addRoute } from "../route.js";
import { withValues } from "./registry-tags.js";

const read = { resource: "registered_model", level: "read" } as const;
const edit = { resource: "registered_model", level: "edit" } as const;
const manage = { resource: "registered_model", level: "manage" } as const;

/** MLflow's registered-model endpoints, aliases included; methods as MLflow's (PATCH update, DELETE with a JSON body). */
export function registeredModelRoutes(app: FastifyInstance, store: RegistryStore & ApprovalStore): void {
  addRoute(app, {
    method: "POST",
    url: "/registered-models/create",
    summary: "Create a registered model",
    input: wire.CreateRegisteredModel,
    // Like experiments/create: there is no model yet to hold a permission on.
    permission: { resource: "server", level: "edit" },
    handler: async (input) => ({ registered_model: await store.createRegisteredModel({ ...input, tags: withValues(input.tags) }) }),
  });

  addRoute(app, {
    method: "GET",
    url: "/registered-models/get",
    summary: "Get a registered model with its latest versions, tags and aliases",
    input: wire.RegisteredModelName,
    permission: read,
    handler: async (input) => ({ registered_model: await store.getRegisteredModel(input.name) }),
  });

  addRoute(app, {
    method: "PATCH",
    url: "/registered-models/update",
    summary: "Update a registered model's description",
    input: wire.UpdateRegisteredModel,
    permission: edit,
    handler: async (input) => ({ registered_model: await store.updateRegisteredModel(input.name, input.description) }),
  });

  addRoute(app, {
    method: "POST",
    url: "/registered-models/rename",
    summary: "Rename a registered model (its versions, tags and aliases follow)",
    input: wire.RenameRegisteredModel,
    permission: edit,
    handler: async (input) => ({ registered_model: await store.renameRegisteredModel(input.name, input.new_name) }),
  });

  addRoute(app, {
    method: "DELETE",
    url: "/registered-models/delete",
    summary: "Delete a registered model with all of its versions",
    input: wire.RegisteredModelName,
    permission: manage,
    handler: async (input) => {
      await store.deleteRegisteredModel(input.name);
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/registered-models/search",
    summary: "Search registered models",
    input: wire.SearchRegisteredModels,
    permission: read,
    handler: async (input, _params, request) => {
      const scope = readScope(request, "registered_model");
      const page = await store.searchRegisteredModels({
        ...(scope ? { readable_by: scope } : {}),
        filter: input.filter,
        order_by: input.order_by,
        max_results: input.max_results ?? LIMITS.searchRegisteredModelsDefault,
        page_token: input.page_token || undefined,
      });
      return {
        ...(page.items.length > 0 ? { registered_models: page.items } : {}),
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },
  });

  addRoute(app, {
    method: ["POST", "GET"],
    url: "/registered-models/get-latest-versions",
    summary: "The newest version in each stage (deprecated in MLflow, still used)",
    input: wire.GetLatestVersions,
    permission: read,
    handler: async (input) => {
      const versions = await store.getLatestVersions(input.name, input.stages);
      return versions.length > 0 ? { model_versions: versions } : {};
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/registered-models/set-tag",
    summary: "Set a registered model tag",
    input: wire.SetRegisteredModelTag,
    permission: edit,
    handler: async (input) => {
      await store.setRegisteredModelTag(input.name, { key: input.key, value: input.value ?? "" });
    },
  });

  addRoute(app, {
    method: "DELETE",
    url: "/registered-models/delete-tag",
    summary: "Delete a registered model tag",
    input: wire.DeleteRegisteredModelTag,
    permission: edit,
    handler: async (input) => {
      await store.deleteRegisteredModelTag(input.name, input.key);
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/registered-models/alias",
    summary: "Point an alias at a model version (moving it if it pointed elsewhere)",
    input: wire.SetRegisteredModelAlias,
    permission: edit,
    handler: async (input) => {
      await guardAliasChange(store, input);
      await store.setRegisteredModelAlias(input.name, input.alias, input.version);
    },
  });

  addRoute(app, {
    method: "DELETE",
    url: "/registered-models/alias",
    summary: "Delete an alias",
    input: wire.RegisteredModelAliasRef,
    permission: manage,
    handler: async (input) => {
      await guardAliasChange(store, { name: input.name, alias: input.alias });
      await store.deleteRegisteredModelAlias(input.name, input.alias);
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/registered-models/alias",
    summary: "Get the model version an alias points at",
    input: wire.RegisteredModelAliasRef,
    permission: read,
    handler: async (input) => ({ model_version: await store.getModelVersionByAlias(input.name, input.alias) }),
  });
}
