import type { AlertEvent, AlertRule, AlertRuleState, Monitor } from "@cairn/core";
import { formatNumber, formatTime } from "./format.js";
import { renderFields, renderTable } from "./table.js";

/** What a monitor watches: "model churn" or "deployment churn-prod". */
export function monitorTarget(m: Monitor): string {
  return m.deployment ? `deployment ${m.deployment}` : `model ${m.model_name ?? "-"}`;
}

/** Monitors as a NAME/WATCHES/FEATURES/WINDOW/REFERENCE/UPDATED table. */
export function monitorTable(monitors: readonly Monitor[]): string {
  return renderTable(
    ["NAME", "WATCHES", "FEATURES", "WINDOW", "REFERENCE ROWS", "UPDATED"],
    monitors.map((m) => [m.name, monitorTarget(m), String(m.config.features.length), formatDurationMs(m.config.window_ms), String(m.reference.rows), formatTime(m.last_updated_timestamp)]),
  );
}

/** One monitor: its settings, reference and feature table. */
export function monitorDetails(m: Monitor): string {
  const c = m.config;
  const fields: [string, string][] = [
    ["Monitor", m.name],
    ["Id", m.monitor_id],
    ["Watches", monitorTarget(m)],
    ...(m.description ? ([["Description", m.description]] as [string, string][]) : []),
    ["Task", c.task ?? "(none: drift and data quality only)"],
    ["Window", formatDurationMs(c.window_ms)],
    ["Dataset drift at", `${formatNumber(c.drift_share)} of the features drifted`],
    ["Benjamini-Hochberg", c.bh_correction ? "on" : "off"],
    ["Raw events kept", `${formatNumber(c.raw_retention_days)} days`],
    ["Reference", `${m.reference.source}: ${m.reference.rows} rows, ${m.reference.labeled_rows} labeled`],
    ["Created", formatTime(m.creation_timestamp)],
    ["Updated", formatTime(m.last_updated_timestamp)],
    ["Evaluated until", formatTime(m.evaluated_until_ms)],
  ];
  const features = renderTable(
    ["FEATURE", "KIND", "METHOD", "THRESHOLD"],
    c.features.map((f) => [f.name, f.kind, f.method ?? "auto", f.threshold === undefined ? "default" : formatNumber(f.threshold)]),
  );
  return `${renderFields(fields)}\n\n${features}`;
}

/** Alert rules with their states as a table. */
export function ruleTable(rules: readonly AlertRule[], states: readonly AlertRuleState[]): string {
  return renderTable(
    ["RULE ID", "NAME", "EXPRESSION", "FOR", "COOLDOWN", "STATE", "WEBHOOKS"],
    rules.map((r) => {
      const state = states.find((s) => s.rule_id === r.rule_id);
      const shown = !r.enabled ? "disabled" : state ? `${state.state}${state.consecutive > 0 ? ` (${state.consecutive} in a row)` : ""}` : "OK";
      return [r.rule_id, r.name, r.expression, `${r.for_windows} window${r.for_windows === 1 ? "" : "s"}`, formatDurationMs(r.cooldown_ms), shown, r.webhook_ids.join(",") || "-"];
    }),
  );
}

/** Alert history as a table, newest first as given. */
export function alertTable(alerts: readonly Omit<AlertEvent, "alert_id">[]): string {
  return renderTable(
    ["TIME", "RULE", "STATE", "WINDOW", "VALUE", "NOTIFIED", "MESSAGE"],
    alerts.map((a) => [formatTime(a.timestamp_ms), a.rule_name, a.state, formatTime(a.window_start_ms), a.value === null ? "-" : formatNumber(a.value), a.notified ? "yes" : "no", a.message]),
  );
}

/** A duration in words for output: "1h", "30m", "1d 12h". */
export function formatDurationMs(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}ms`);
  return parts.join(" ");
}
