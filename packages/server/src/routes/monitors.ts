import type { FastifyInstance } from "fastify";
import { invalidParameter, wire, type MonitorStore } from "@cairn/core";
import { parseAlertExpression, renderReportHtml } from "@cairn/monitor";
import { readScope } from "../auth/read-scope.js";
import { addRoute } from "../route.js";
import type { MonitorEvaluator } from "../monitoring/monitor-evaluator.js";
import type { MonitorService } from "../monitoring/monitor-service.js";

const read = { resource: "monitor", level: "read" } as const;
const edit = { resource: "monitor", level: "edit" } as const;
const manage = { resource: "monitor", level: "manage" } as const;

const DEFAULT_COOLDOWN_MS = 3_600_000;

/**
 * Cairn's monitors (/api/2.0/cairn/monitors/...): definitions with their reference profile, bulk
 * ingest and late labels, reports over any range (merged window profiles), per-window series,
 * distributions, training/serving skew, A/B verdicts, alert rules and alert history.
 */
export function monitorRoutes(app: FastifyInstance, deps: { store: MonitorStore; service: MonitorService; evaluator: MonitorEvaluator }): void {
  const { store, service, evaluator } = deps;

  addRoute(app, {
    method: "POST",
    url: "/monitors/create",
    summary: "Create a monitor on a registered model or a deployment, with its reference (rows or a built profile)",
    input: wire.CreateMonitor,
    permission: manage,
    bodyLimit: 256 * 1024 * 1024,
    handler: async (input) => ({ monitor: await service.create(input) }),
  });
  addRoute(app, {
    method: "GET",
    url: "/monitors/get",
    summary: "Get a monitor",
    input: wire.MonitorName,
    permission: read,
    handler: async (input) => ({ monitor: await store.getMonitor(input.name) }),
  });
  addRoute(app, {
    method: "GET",
    url: "/monitors/search",
    summary: "List monitors, by model_name or deployment, ordered by name",
    input: wire.SearchMonitors,
    permission: read,
    handler: async (input, _params, request) => {
      const scope = readScope(request, "monitor");
      return store.searchMonitors({ ...input, ...(scope ? { readable_by: scope } : {}) });
    },
  });
  addRoute(app, {
    method: "POST",
    url: "/monitors/update",
    summary: "Change a monitor's description or settings (thresholds, methods, window, retention)",
    input: wire.UpdateMonitor,
    permission: edit,
    handler: async (input) => ({ monitor: await service.update(input.name, input) }),
  });
  addRoute(app, {
    method: "POST",
    url: "/monitors/delete",
    summary: "Delete a monitor with its windows, events, rules and alerts",
    input: wire.MonitorName,
    permission: manage,
    handler: async (input) => {
      await store.deleteMonitor(input.name);
      return {};
    },
  });
  addRoute(app, {
    method: "POST",
    url: "/monitors/ingest",
    summary: "Ingest up to 10,000 events into window profiles; schema problems are counted as data quality, resent ids ignored",
    input: wire.IngestMonitorEvents,
    permission: edit,
    bodyLimit: 64 * 1024 * 1024,
    handler: async (input) => service.ingest(input.name, input.events),
  });
  addRoute(app, {
    method: "POST",
    url: "/monitors/labels",
    summary: "Attach late ground-truth labels by request id; unknown and already-labeled ids are reported",
    input: wire.AttachMonitorLabels,
    permission: edit,
    bodyLimit: 64 * 1024 * 1024,
    handler: async (input) => service.labels(input.name, input.labels),
  });
  addRoute(app, {
    method: "GET",
    url: "/monitors/report",
    summary: "Drift, data quality, performance, estimated performance and skew over a time range (the last 30 days by default)",
    input: wire.MonitorRange,
    permission: read,
    handler: async (input) => (await service.report(input.name, input)).report,
  });
  app.get<{ Querystring: { name?: string; start_time_ms?: string; end_time_ms?: string } }>("/monitors/report.html", { schema: { hide: true }, config: { permission: read } }, async (request, reply) => {
    const q = request.query;
    const range = { ...(q.start_time_ms ? { start_time_ms: Number(q.start_time_ms) } : {}), ...(q.end_time_ms ? { end_time_ms: Number(q.end_time_ms) } : {}) };
    const { monitor, report } = await service.report(q.name ?? "", range);
    return reply.type("text/html; charset=utf-8").send(renderReportHtml(monitor, report));
  });
  addRoute(app, {
    method: "GET",
    url: "/monitors/windows",
    summary: "Per-window figures, oldest first: drift per feature, drift share, performance, latency, data quality",
    input: wire.MonitorRange,
    permission: read,
    handler: async (input) => service.series(input.name, input),
  });
  addRoute(app, {
    method: "GET",
    url: "/monitors/distribution",
    summary: "One feature's reference and current distributions over a range (shares on the reference's bins or categories)",
    input: wire.MonitorDistribution,
    permission: read,
    handler: async (input) => service.distribution(input.name, input.feature, input),
  });
  addRoute(app, {
    method: "POST",
    url: "/monitors/skew",
    summary: "Training/serving skew: reference against served data feature by feature, and offline rows joined to served events by id",
    input: wire.MonitorSkew,
    permission: read,
    bodyLimit: 64 * 1024 * 1024,
    handler: async (input) => service.skew(input.name, input, input.rows),
  });
  addRoute(app, {
    method: "GET",
    url: "/monitors/ab",
    summary: "A/B verdicts between a deployment's variants: significance tests, effect sizes and confidence intervals",
    input: wire.MonitorRange,
    permission: read,
    handler: async (input) => service.ab(input.name, input),
  });
  addRoute(app, {
    method: "POST",
    url: "/monitors/evaluate",
    summary: "Evaluate the alert rules on every window closed since the last evaluation (the server also does this on its own)",
    input: wire.MonitorName,
    permission: edit,
    handler: async (input) => evaluator.evaluate(await store.getMonitor(input.name)),
  });
  addRoute(app, {
    method: "POST",
    url: "/monitors/alert-rules/create",
    summary: "Add an alert rule such as 'drift_share > 0.3 for 2 windows' or 'f1 < 0.8'",
    input: wire.CreateAlertRule,
    permission: manage,
    handler: async (input) => {
      const monitor = await store.getMonitor(input.name);
      const parsed = parseAlertExpression(input.expression);
      const forWindows = input.for_windows ?? parsed.for_windows ?? 1;
      if (!Number.isInteger(forWindows) || forWindows < 1 || forWindows > 1000) throw invalidParameter(`Invalid 'for_windows' ${forWindows}: give a whole number of windows from 1 to 1000.`);
      const rule = await store.createAlertRule({
        monitor_id: monitor.monitor_id,
        name: input.rule_name,
        expression: input.expression,
        for_windows: forWindows,
        cooldown_ms: input.cooldown_ms ?? DEFAULT_COOLDOWN_MS,
        webhook_ids: input.webhook_ids ?? [],
        enabled: input.enabled ?? true,
      });
      return { rule };
    },
  });
  addRoute(app, {
    method: "GET",
    url: "/monitors/alert-rules/list",
    summary: "A monitor's alert rules with their current states",
    input: wire.MonitorName,
    permission: read,
    handler: async (input) => store.listAlertRules((await store.getMonitor(input.name)).monitor_id),
  });
  addRoute(app, {
    method: "POST",
    url: "/monitors/alert-rules/delete",
    summary: "Delete an alert rule (its history stays)",
    input: wire.DeleteAlertRule,
    permission: manage,
    handler: async (input) => {
      await store.deleteAlertRule((await store.getMonitor(input.name)).monitor_id, input.rule_id);
      return {};
    },
  });
  addRoute(app, {
    method: "GET",
    url: "/monitors/alerts",
    summary: "A monitor's alert history, newest first",
    input: wire.ListMonitorAlerts,
    permission: read,
    handler: async (input) => ({
      alerts: await store.listAlerts((await store.getMonitor(input.name)).monitor_id, {
        ...(input.since_ms !== undefined ? { since_ms: input.since_ms } : {}),
        ...(input.max_results !== undefined ? { max_results: input.max_results } : {}),
      }),
    }),
  });
}
