import type { FastifyInstance } from "fastify";
import {
  LIMITS,
  RUN_STATUSES,
  invalidParameter,
  parseMetricValue,
  validateKey,
  validateLogBatch,
  validateValueLength,
  wire,
  type LogBatchInput,
  type Metric,
  type RunStatus,
  type TrackingStore,
} from "@cairn/core";
import { readableIds } from "../auth/read-scope.js";
import { addRoute, jsonPage, RawJson } from "../route.js";

const read = { resource: "run", level: "read" } as const;
const edit = { resource: "run", level: "edit" } as const;

/** MLflow's run endpoints; log-metric, log-parameter and set-tag are one-element log-batches. */
export function runRoutes(app: FastifyInstance, store: TrackingStore, clock: () => number): void {
  const logOne = (runId: string, batch: Partial<LogBatchInput>) => {
    const full = { metrics: batch.metrics ?? [], params: batch.params ?? [], tags: batch.tags ?? [] };
    validateLogBatch(full);
    return store.logBatch(runId, full);
  };

  addRoute(app, {
    method: "POST",
    url: "/runs/create",
    summary: "Create a run",
    input: wire.CreateRun,
    permission: { resource: "experiment", level: "edit" },
    handler: async (input) => {
      const tags = (input.tags ?? []).map((t) => ({ key: t.key, value: t.value ?? "" }));
      for (const t of tags) {
        validateKey(t.key, "tag");
        validateValueLength("tag", t.key, t.value, LIMITS.tagValueLength);
      }
      if (input.run_name && input.run_name.length > LIMITS.runNameLength) {
        throw invalidParameter(`Run name is ${input.run_name.length} characters long; the limit is ${LIMITS.runNameLength}.`);
      }
      const run = await store.createRun({
        experiment_id: input.experiment_id || "0",
        user_id: input.user_id ?? "",
        run_name: input.run_name,
        start_time: input.start_time ?? clock(),
        tags,
      });
      return RawJson.of('{"run":', run, "}");
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/runs/update",
    summary: "Update a run's status, end time or name",
    input: wire.UpdateRun,
    permission: edit,
    handler: async (input) => {
      if (input.status !== undefined && !RUN_STATUSES.includes(input.status as RunStatus)) {
        throw invalidParameter(`Invalid run status '${input.status}'. Use one of ${RUN_STATUSES.join(", ")}.`);
      }
      const runInfo = await store.updateRun({
        run_id: requireRunId(input),
        status: input.status as RunStatus | undefined,
        end_time: input.end_time,
        run_name: input.run_name,
      });
      return { run_info: runInfo };
    },
  });

  for (const [action, method] of [
    ["delete", "deleteRun"],
    ["restore", "restoreRun"],
  ] as const) {
    addRoute(app, {
      method: "POST",
      url: `/runs/${action}`,
      summary: `${action === "delete" ? "Delete" : "Restore"} a run`,
      input: wire.RunIdBody,
      permission: edit,
      handler: async (input) => {
        await store[method](input.run_id);
      },
    });
  }

  addRoute(app, {
    method: "GET",
    url: "/runs/get",
    summary: "Get a run with its latest metrics, params, tags, inputs and outputs",
    input: wire.RunIdQuery,
    permission: read,
    handler: async (input) => RawJson.of('{"run":', await store.getRun(requireRunId(input)), "}"),
  });

  addRoute(app, {
    method: "POST",
    url: "/runs/log-metric",
    summary: "Log one metric point",
    input: wire.LogMetric,
    permission: edit,
    handler: async (input) => {
      await logOne(requireRunId(input), { metrics: [toMetric(input)] });
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/runs/log-parameter",
    summary: "Log one param",
    input: wire.LogParam,
    permission: edit,
    handler: async (input) => {
      await logOne(requireRunId(input), { params: [{ key: input.key, value: input.value }] });
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/runs/set-tag",
    summary: "Set a run tag",
    input: wire.SetTag,
    permission: edit,
    handler: async (input) => {
      await logOne(requireRunId(input), { tags: [{ key: input.key, value: input.value }] });
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/runs/delete-tag",
    summary: "Delete a run tag",
    input: wire.DeleteTag,
    permission: edit,
    handler: async (input) => {
      await store.deleteTag(input.run_id, input.key);
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/runs/log-batch",
    summary: "Log up to 1000 metrics, 100 params and 100 tags at once, all or nothing",
    input: wire.LogBatch,
    permission: edit,
    bodyLimit: LIMITS.requestBytes,
    handler: async (input) => {
      const batch: LogBatchInput = { metrics: (input.metrics ?? []).map(toMetric), params: input.params ?? [], tags: input.tags ?? [] };
      validateLogBatch(batch);
      await store.logBatch(input.run_id, batch);
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/runs/log-inputs",
    summary: "Log dataset and model inputs of a run",
    input: wire.LogInputs,
    permission: edit,
    handler: async (input) => {
      const datasets = input.datasets ?? [];
      for (const { dataset, tags } of datasets) {
        validateValueLength("dataset name", dataset.name, dataset.name, LIMITS.datasetNameLength);
        validateValueLength("dataset digest", dataset.name, dataset.digest, LIMITS.datasetDigestLength);
        validateValueLength("dataset source", dataset.name, dataset.source, LIMITS.datasetSourceLength);
        validateValueLength("dataset schema", dataset.name, dataset.schema ?? "", LIMITS.datasetSchemaLength);
        validateValueLength("dataset profile", dataset.name, dataset.profile ?? "", LIMITS.datasetProfileLength);
        for (const t of tags ?? []) validateKey(t.key, "tag");
      }
      await store.logInputs(input.run_id, datasets, (input.models ?? []).map((m) => m.model_id));
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/runs/outputs",
    summary: "Log logged models as outputs of a run",
    input: wire.LogOutputs,
    permission: edit,
    handler: async (input) => {
      await store.logOutputs(input.run_id, input.models.map((m) => ({ model_id: m.model_id, step: m.step ?? 0 })));
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/runs/search",
    summary: "Search runs with MLflow's filter grammar (plus OR and parentheses)",
    input: wire.SearchRuns,
    permission: read,
    handler: async (input, _params, request) => {
      const page = await store.searchRuns({
        // Experiments the caller may not read are left out silently, as MLflow's auth filters them.
        experiment_ids: await readableIds(request, "experiment", input.experiment_ids ?? []),
        filter: input.filter,
        run_view_type: input.run_view_type ?? "ACTIVE_ONLY",
        max_results: input.max_results ?? LIMITS.searchRunsDefault,
        order_by: input.order_by,
        page_token: input.page_token || undefined,
      });
      return jsonPage("runs", page.runs, page.next_page_token);
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/metrics/get-history",
    summary: "Page through every point of one metric of a run",
    input: wire.GetMetricHistory,
    permission: read,
    handler: async (input) => {
      const page = await store.getMetricHistory({
        run_id: requireRunId(input),
        metric_key: input.metric_key,
        max_results: input.max_results ?? LIMITS.metricHistoryPage,
        page_token: input.page_token || undefined,
      });
      return jsonPage("metrics", page.metrics, page.next_page_token);
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/metrics/get-history-bulk-interval",
    summary: "Sampled history of one metric across runs, for charts",
    input: wire.GetMetricHistoryBulkInterval,
    permission: read,
    handler: async (input) => {
      const metrics = await store.getMetricHistoryBulkInterval({
        run_ids: input.run_ids,
        metric_key: input.metric_key,
        start_step: input.start_step,
        end_step: input.end_step,
        max_results: input.max_results ?? 320,
      });
      return metrics.length > 0 ? { metrics: metrics.map(toWireMetric) } : {};
    },
  });
}

/** MLflow accepts the deprecated run_uuid wherever run_id is expected. */
function requireRunId(input: { run_id?: string; run_uuid?: string }): string {
  const id = input.run_id || input.run_uuid;
  if (!id) throw invalidParameter("Missing value for required parameter 'run_id'. See the API docs (/api/openapi.json) for this endpoint's parameters.");
  return id;
}

function toMetric(m: { key: string; value: number | string; timestamp: number; step?: number; model_id?: string; dataset_name?: string; dataset_digest?: string }): Metric {
  const metric: Metric = { key: m.key, value: parseMetricValue(m.value, m.key), timestamp: m.timestamp, step: m.step ?? 0 };
  if (m.model_id) metric.model_id = m.model_id;
  if (m.dataset_name) metric.dataset_name = m.dataset_name;
  if (m.dataset_digest) metric.dataset_digest = m.dataset_digest;
  return metric;
}

/** Non-finite values travel as protobuf JSON strings. */
export function toWireMetric(m: Metric): Omit<Metric, "value"> & { value: number | string } {
  return Number.isFinite(m.value) ? m : { ...m, value: String(m.value) };
}
