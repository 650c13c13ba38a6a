import type { FastifyInstance } from "fastify";
import { LIMITS, validateExperimentName, validateKey, validateValueLength, wire, type TrackingStore } from "@cairn/core";
import { readScope } from "../auth/read-scope.js";
import { addRoute } from "../route.js";

const read = { resource: "experiment", level: "read" } as const;
const edit = { resource: "experiment", level: "edit" } as const;
const manage = { resource: "experiment", level: "manage" } as const;

/** MLflow's experiment endpoints. */
export function experimentRoutes(app: FastifyInstance, store: TrackingStore): void {
  addRoute(app, {
    method: "POST",
    url: "/experiments/create",
    summary: "Create an experiment",
    input: wire.CreateExperiment,
    permission: { resource: "server", level: "edit" },
    handler: async (input) => {
      validateExperimentName(input.name);
      const tags = (input.tags ?? []).map((t) => ({ key: t.key, value: t.value ?? "" }));
      for (const t of tags) {
        validateKey(t.key, "tag");
        validateValueLength("tag", t.key, t.value, LIMITS.tagValueLength);
      }
      const experimentId = await store.createExperiment({ name: input.name, artifact_location: input.artifact_location || undefined, tags });
      return { experiment_id: experimentId };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/experiments/get",
    summary: "Get an experiment by id",
    input: wire.ExperimentIdQuery,
    permission: read,
    handler: async (input) => ({ experiment: await store.getExperiment(input.experiment_id) }),
  });

  addRoute(app, {
    method: "GET",
    url: "/experiments/get-by-name",
    summary: "Get an experiment by name",
    input: wire.ExperimentByName,
    permission: read,
    handler: async (input) => ({ experiment: await store.getExperimentByName(input.experiment_name) }),
  });

  addRoute(app, {
    method: ["POST", "GET"],
    url: "/experiments/search",
    summary: "Search experiments",
    input: wire.SearchExperiments,
    permission: read,
    handler: async (input, _params, request) => {
      const scope = readScope(request, "experiment");
      const page = await store.searchExperiments({
        ...(scope ? { readable_by: scope } : {}),
        filter: input.filter,
        order_by: input.order_by,
        view_type: input.view_type ?? "ACTIVE_ONLY",
        max_results: input.max_results ?? LIMITS.searchExperimentsDefault,
        page_token: input.page_token || undefined,
      });
      return { ...(page.items.length > 0 ? { experiments: page.items } : {}), ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}) };
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/experiments/update",
    summary: "Rename an experiment",
    input: wire.UpdateExperiment,
    permission: manage,
    handler: async (input) => {
      validateExperimentName(input.new_name);
      await store.renameExperiment(input.experiment_id, input.new_name);
    },
  });

  for (const [action, stage] of [
    ["delete", "deleteExperiment"],
    ["restore", "restoreExperiment"],
  ] as const) {
    addRoute(app, {
      method: "POST",
      url: `/experiments/${action}`,
      summary: `${action === "delete" ? "Delete" : "Restore"} an experiment and its runs`,
      input: wire.ExperimentIdQuery,
      permission: manage,
      handler: async (input) => {
        await store[stage](input.experiment_id);
      },
    });
  }

  addRoute(app, {
    method: "POST",
    url: "/experiments/set-experiment-tag",
    summary: "Set an experiment tag",
    input: wire.SetExperimentTag,
    permission: edit,
    handler: async (input) => {
      validateKey(input.key, "tag");
      validateValueLength("tag", input.key, input.value, LIMITS.tagValueLength);
      await store.setExperimentTag(input.experiment_id, { key: input.key, value: input.value });
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/experiments/delete-experiment-tag",
    summary: "Delete an experiment tag",
    input: wire.DeleteExperimentTag,
    permission: edit,
    handler: async (input) => {
      await store.deleteExperimentTag(input.experiment_id, input.key);
    },
  });
}
