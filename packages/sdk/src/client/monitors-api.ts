import {
  MONITOR_LIMITS,
  type AlertEvent,
  type AlertRule,
  type AlertRuleState,
  type Monitor,
  type MonitorEventInput,
  type MonitorIngestResult,
  type MonitorLabelInput,
  type MonitorLabelResult,
  type wire,
} from "@cairn/core";
import type { CallOptions, Transport } from "../http/transport.js";
import type { AbReport, FeatureDistribution, MonitorEvaluation, MonitorReport, MonitorSkewResult, WindowSeriesEntry } from "@cairn/core";
import type { Paged } from "./wire-types.js";

const BASE = "/api/2.0/cairn/monitors";
// Sent twice, a create answers RESOURCE_ALREADY_EXISTS and a rule is added twice: a request that
// may have reached the server is not sent again.
const ONCE: CallOptions = { notIdempotent: true };

/** Body of monitors/create: the reference as rows (the server profiles them) or as a built profile (base64). */
export type CreateMonitorRequest = wire.Request<typeof wire.CreateMonitor>;
/** Query of monitors/search. */
export type SearchMonitorsRequest = wire.Request<typeof wire.SearchMonitors>;
/** Body of monitors/update: config fields given replace the stored ones (features by name). */
export type UpdateMonitorRequest = wire.Request<typeof wire.UpdateMonitor>;
/** A monitor and a time range: start inclusive, end exclusive (ms since the epoch); the last 30 days by default. */
export type MonitorRangeRequest = wire.Request<typeof wire.MonitorRange>;
/** Body of monitors/skew: offline rows joined to served events by id. */
export type MonitorSkewRequest = wire.Request<typeof wire.MonitorSkew>;
/** Body of monitors/alert-rules/create. */
export type CreateAlertRuleRequest = wire.Request<typeof wire.CreateAlertRule>;
/** Query of monitors/alerts. */
export type ListMonitorAlertsRequest = wire.Request<typeof wire.ListMonitorAlerts>;

/** How ingest and labels report their batches. */
export interface MonitorBatchOptions {
  /** Called after each batch the server accepted, with how many items have been sent of how many. */
  onProgress?: (sent: number, total: number) => void;
}

/** Cairn's monitors (/api/2.0/cairn/monitors/...): drift, data quality, performance, skew, A/B and alerts of a model in production. */
export interface MonitorsApi {
  /** POST monitors/create: a monitor of model_name or deployment with its reference. */
  create(request: CreateMonitorRequest): Promise<{ monitor: Monitor }>;
  /** GET monitors/get. */
  get(request: { name: string }): Promise<{ monitor: Monitor }>;
  /** GET monitors/search: by model_name or deployment, ordered by name. */
  search(request?: SearchMonitorsRequest): Promise<Paged<"monitors", Monitor>>;
  /** POST monitors/update: description or settings; features keep the kind they were profiled as. */
  update(request: UpdateMonitorRequest): Promise<{ monitor: Monitor }>;
  /** POST monitors/delete: the monitor with its windows, events, rules and alerts. */
  delete(request: { name: string }): Promise<void>;
  /**
   * POST monitors/ingest in batches of 10,000, the counts summed. A batch whose events all carry
   * a request_id is retried after a network failure (the server ignores ids it already has);
   * one with events lacking an id is not, since a resend would count them twice.
   */
  ingest(request: { name: string; events: readonly MonitorEventInput[] }, options?: MonitorBatchOptions): Promise<MonitorIngestResult>;
  /** POST monitors/labels in batches of 10,000: late ground truth by request id (the first label of an id is kept). */
  labels(request: { name: string; labels: readonly MonitorLabelInput[] }, options?: MonitorBatchOptions): Promise<MonitorLabelResult>;
  /** GET monitors/report: drift, data quality, performance, latency and skew over a range. */
  report(request: MonitorRangeRequest): Promise<MonitorReport>;
  /** GET monitors/report.html: the same report as a self-contained HTML page. */
  reportHtml(request: MonitorRangeRequest): Promise<string>;
  /** GET monitors/windows: per-window figures and drift, oldest first. */
  windows(request: MonitorRangeRequest): Promise<{ windows: WindowSeriesEntry[] }>;
  /** GET monitors/distribution: one feature's reference and current distributions. */
  distribution(request: MonitorRangeRequest & { feature: string }): Promise<FeatureDistribution>;
  /** POST monitors/skew: reference against served data, and offline rows (if given) joined to served events by id. */
  skew(request: MonitorSkewRequest): Promise<MonitorSkewResult>;
  /** GET monitors/ab: the deployment's variants compared (tests, effect sizes, confidence intervals). */
  ab(request: MonitorRangeRequest): Promise<AbReport>;
  /** POST monitors/evaluate: runs the alert rules on windows closed since the last evaluation. */
  evaluate(request: { name: string }): Promise<MonitorEvaluation>;
  /** POST monitors/alert-rules/create: e.g. expression "drift_share > 0.3 for 2 windows". */
  createAlertRule(request: CreateAlertRuleRequest): Promise<{ rule: AlertRule }>;
  /** GET monitors/alert-rules/list: the rules with their current states. */
  listAlertRules(request: { name: string }): Promise<{ rules: AlertRule[]; states: AlertRuleState[] }>;
  /** POST monitors/alert-rules/delete (the rule's alert history stays). */
  deleteAlertRule(request: { name: string; rule_id: string }): Promise<void>;
  /** GET monitors/alerts: alert history, newest first. */
  alerts(request: ListMonitorAlertsRequest): Promise<{ alerts: AlertEvent[] }>;
}

const hasId = (event: MonitorEventInput) => typeof event.request_id === "string" && event.request_id !== "";

/** Binds the monitor endpoints to a transport. */
export function createMonitorsApi(t: Transport): MonitorsApi {
  return {
    create: (request) => t.call("POST", `${BASE}/create`, request, ONCE),
    get: (request) => t.call("GET", `${BASE}/get`, request),
    async search(request = {}) {
      const page = await t.call<{ monitors?: Monitor[]; next_page_token?: string }>("GET", `${BASE}/search`, request);
      return { ...page, monitors: page.monitors ?? [] };
    },
    update: (request) => t.call("POST", `${BASE}/update`, request),
    delete: (request) => t.send("POST", `${BASE}/delete`, request),
    async ingest({ name, events }, options = {}) {
      const total: MonitorIngestResult = { accepted: 0, duplicates: 0, quality_issues: 0 };
      // One call even for no events, so that an unknown monitor is reported rather than ignored.
      for (let start = 0; start === 0 || start < events.length; start += MONITOR_LIMITS.eventsPerCall) {
        const batch = events.slice(start, start + MONITOR_LIMITS.eventsPerCall);
        const result = await t.call<MonitorIngestResult>("POST", `${BASE}/ingest`, { name, events: batch }, batch.every(hasId) ? {} : ONCE);
        total.accepted += result.accepted;
        total.duplicates += result.duplicates;
        total.quality_issues += result.quality_issues;
        options.onProgress?.(start + batch.length, events.length);
      }
      return total;
    },
    async labels({ name, labels }, options = {}) {
      const total: MonitorLabelResult = { updated: 0, unknown_request_ids: [], already_labeled: [] };
      for (let start = 0; start === 0 || start < labels.length; start += MONITOR_LIMITS.labelsPerCall) {
        const batch = labels.slice(start, start + MONITOR_LIMITS.labelsPerCall);
        const result = await t.call<Partial<MonitorLabelResult>>("POST", `${BASE}/labels`, { name, labels: batch });
        total.updated += result.updated ?? 0;
        total.unknown_request_ids.push(...(result.unknown_request_ids ?? []));
        total.already_labeled.push(...(result.already_labeled ?? []));
        options.onProgress?.(start + batch.length, labels.length);
      }
      return total;
    },
    report: (request) => t.call("GET", `${BASE}/report`, request),
    async reportHtml(request) {
      const response = await t.request("GET", `${BASE}/report.html`, { query: request, headers: { accept: "text/html" } });
      return response.text();
    },
    async windows(request) {
      const answer = await t.call<{ windows?: WindowSeriesEntry[] }>("GET", `${BASE}/windows`, request);
      return { windows: answer.windows ?? [] };
    },
    distribution: (request) => t.call("GET", `${BASE}/distribution`, request),
    skew: (request) => t.call("POST", `${BASE}/skew`, request),
    ab: (request) => t.call("GET", `${BASE}/ab`, request),
    evaluate: (request) => t.call("POST", `${BASE}/evaluate`, request),
    createAlertRule: (request) => t.call("POST", `${BASE}/alert-rules/create`, request, ONCE),
    async listAlertRules(request) {
      const answer = await t.call<{ rules?: AlertRule[]; states?: AlertRuleState[] }>("GET", `${BASE}/alert-rules/list`, request);
      return { rules: answer.rules ?? [], states: answer.states ?? [] };
    },
    deleteAlertRule: (request) => t.send("POST", `${BASE}/alert-rules/delete`, request),
    async alerts(request) {
      const answer = await t.call<{ alerts?: AlertEvent[] }>("GET", `${BASE}/alerts`, request);
      return { alerts: answer.alerts ?? [] };
    },
  };
}
