import type { FastifyInstance } from "fastify";
import { wire, type InferenceLogStore } from "@cairn/core";
import type { MonitorService } from "../monitoring/monitor-service.js";
import { readableRecords } from "../auth/readable-records.js";
import { addRoute } from "../route.js";

const read = { resource: "deployment", level: "read" } as const;
const edit = { resource: "deployment", level: "edit" } as const;

/** Cairn's inference logs (/api/2.0/cairn/inference-logs...): batches from serving processes, labels, search. */
export function inferenceLogRoutes(app: FastifyInstance, store: InferenceLogStore, monitors: MonitorService): void {
  addRoute(app, {
    method: "POST",
    url: "/inference-logs",
    summary: "Store up to 1000 inference records in one transaction; resent records are ignored",
    input: wire.LogInferences,
    permission: edit,
    // The monitors of these deployments and models profile the records too.
    handler: async (input) => {
      const result = await store.logInferences(input.records);
      await monitors.fromInferenceLogs(input.records);
      return result;
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/inference-logs/labels",
    summary: "Attach ground-truth labels to every record of each request id; unknown ids are reported",
    input: wire.AttachInferenceLabels,
    permission: edit,
    handler: async (input) => {
      const result = await store.attachInferenceLabels(input.labels);
      await monitors.labelsFromInferenceLogs(input.labels);
      return result;
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/inference-logs/search",
    summary: "Inference records newest first, by deployment, model version, time window (start inclusive, end exclusive) and labels",
    input: wire.SearchInferenceLogs,
    permission: read,
    handler: async (input, _params, request) => {
      const page = await store.searchInferenceLogs(input);
      return { ...page, records: await readableRecords(request, page.records) };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/inference-logs/get",
    summary: "Every record of one request (the answer and any shadow answers)",
    input: wire.GetInferenceLogs,
    permission: read,
    handler: async (input) => store.getInferenceLogs(input.request_id),
  });
}
