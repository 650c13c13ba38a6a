import { CairnError, ERROR_STATUS, type ErrorCode, type AlertEvent, type AlertRule, type AlertRuleState, type Monitor } from "@cairn/core";
import type { AbReport, FeatureDistribution, MonitorReport, WindowSeriesEntry } from "./monitor-wire";

// The SDK has no monitor endpoints, so the pages call them here, on the UI's own ajax prefix.
const BASE = "/ajax-api/2.0/cairn/monitors";

/** A time range in ms since the epoch; start inclusive, end exclusive. */
export interface TimeRangeMs {
  start_time_ms: number;
  end_time_ms: number;
}

type Query = Record<string, string | number | undefined>;

/** GETs one monitor endpoint; a refusal becomes the server's own error (code and message). */
export async function getMonitorJson<T>(path: string, query: Query, signal?: AbortSignal): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, String(value));
  const response = await fetch(`${BASE}/${path}?${params}`, { signal, headers: { accept: "application/json" } });
  const text = await response.text();
  if (!response.ok) throw refusal(response.status, text);
  return JSON.parse(text) as T;
}

function refusal(status: number, body: string): Error {
  let parsed: { error_code?: unknown; message?: unknown } | undefined;
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch (error) {
    // Not MLflow's envelope (a proxy's page, say): quote the raw answer instead.
    return new Error(`The server answered HTTP ${status}: ${body.trim().slice(0, 200)}`, { cause: error });
  }
  const code = parsed?.error_code;
  if (typeof code === "string" && code in ERROR_STATUS) return new CairnError(code as ErrorCode, typeof parsed?.message === "string" ? parsed.message : code);
  return new Error(`The server answered HTTP ${status}: ${body.trim().slice(0, 200)}`);
}

/** The monitor endpoints the pages read. */
export const monitorApi = {
  /** Monitors of a model or a deployment (or all), ordered by name, a page at a time. */
  search: (q: { model_name?: string; deployment?: string; max_results?: number; page_token?: string }, signal?: AbortSignal) =>
    getMonitorJson<{ monitors?: Monitor[]; next_page_token?: string }>("search", q, signal),
  /** One monitor by name. */
  get: (name: string, signal?: AbortSignal) => getMonitorJson<{ monitor: Monitor }>("get", { name }, signal),
  /** Per-window figures and drift, oldest first. */
  windows: (name: string, range: TimeRangeMs, signal?: AbortSignal) => getMonitorJson<{ windows?: WindowSeriesEntry[] }>("windows", { name, ...range }, signal),
  /** One feature's reference and current distributions over a range. */
  distribution: (name: string, feature: string, range: TimeRangeMs, signal?: AbortSignal) => getMonitorJson<FeatureDistribution>("distribution", { name, feature, ...range }, signal),
  /** The report over a range. */
  report: (name: string, range: TimeRangeMs, signal?: AbortSignal) => getMonitorJson<MonitorReport>("report", { name, ...range }, signal),
  /** Alert history since a time, newest first. */
  alerts: (name: string, sinceMs: number, signal?: AbortSignal) => getMonitorJson<{ alerts?: AlertEvent[] }>("alerts", { name, since_ms: sinceMs }, signal),
  /** Alert rules with their states. */
  rules: (name: string, signal?: AbortSignal) => getMonitorJson<{ rules?: AlertRule[]; states?: AlertRuleState[] }>("alert-rules/list", { name }, signal),
  /** A/B verdicts between variants over a range. */
  ab: (name: string, range: TimeRangeMs, signal?: AbortSignal) => getMonitorJson<AbReport>("ab", { name, ...range }, signal),
};
