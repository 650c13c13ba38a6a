import type { MonitorStore } from "@cairn/core";
import { decodeStoredWindows, windowSeries } from "@cairn/monitor";
import type { MonitorService } from "./monitor-service.js";

// Gauges for Prometheus, computed at scrape time from each monitor's latest window with data, so
// any replica answers the same. Labels stay low-cardinality: monitor, feature, metric, rule.

const PERFORMANCE = ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", "mae", "rmse", "r2"];
const LATENCY = ["p50_latency_ms", "p95_latency_ms", "p99_latency_ms"];
/** How far back a scrape looks for a monitor's latest window, in windows. */
const LOOKBACK_WINDOWS = 24;

const escape = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const labels = (pairs: Record<string, string>) =>
  `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(",")}}`;

class Exposition {
  private readonly families = new Map<string, { help: string; lines: string[] }>();
  gauge(name: string, help: string, pairs: Record<string, string>, value: number | null | undefined): void {
    if (value === null || value === undefined || !Number.isFinite(value)) return;
    const family = this.families.get(name) ?? { help, lines: [] };
    family.lines.push(`${name}${labels(pairs)} ${value}`);
    this.families.set(name, family);
  }
  text(): string {
    const out: string[] = [];
    for (const [name, f] of this.families) out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} gauge`, ...f.lines);
    return out.join("\n") + "\n";
  }
}

/** The text exposition of every monitor's latest figures and alert states. */
export async function renderMonitorMetrics(store: MonitorStore, service: MonitorService, now: number): Promise<string> {
  const out = new Exposition();
  let pageToken: string | undefined;
  do {
    const page = await store.searchMonitors({ max_results: 1000, ...(pageToken ? { page_token: pageToken } : {}) });
    for (const monitor of page.monitors) {
      const m = { monitor: monitor.name };
      const windowMs = monitor.config.window_ms;
      const stored = await store.listMonitorWindows(monitor.monitor_id, { start_ms: now - LOOKBACK_WINDOWS * windowMs, end_ms: now + windowMs, with_sample: true });
      const latest = stored.at(-1);
      if (latest) {
        const [w] = windowSeries(await service.reference(monitor), monitor.config, decodeStoredWindows([latest]));
        if (w) {
          out.gauge("cairn_monitor_window_start_seconds", "Start of the window the monitor's gauges describe.", m, w.window_start_ms / 1000);
          out.gauge("cairn_monitor_window_events", "Events in that window.", m, w.events);
          out.gauge("cairn_monitor_drift_share", "Share of features that drifted.", m, w.figures["drift_share"]);
          out.gauge("cairn_monitor_dataset_drift", "1 when the drift share reached the monitor's drift_share.", m, w.figures["dataset_drift"]);
          for (const d of w.drift) {
            out.gauge("cairn_monitor_drift_score", "The drift method's statistic per feature (a p-value for tests, a distance otherwise).", { ...m, feature: d.feature, method: d.method }, d.statistic);
            out.gauge("cairn_monitor_drift_detected", "1 when the feature drifted.", { ...m, feature: d.feature }, d.drifted ? 1 : 0);
          }
          for (const metric of PERFORMANCE) out.gauge("cairn_monitor_performance", "Realised performance on labeled events.", { ...m, metric }, w.figures[metric]);
          for (const metric of PERFORMANCE) out.gauge("cairn_monitor_estimated_performance", "Performance estimated without labels (confidence-based).", { ...m, metric }, w.figures[`estimated_${metric}`]);
          for (const metric of LATENCY) out.gauge("cairn_monitor_latency_ms", "Request latency quantiles.", { ...m, quantile: metric.split("_")[0]! }, w.figures[metric]);
        }
      }
      const { rules, states } = await store.listAlertRules(monitor.monitor_id);
      for (const rule of rules) {
        const state = states.find((s) => s.rule_id === rule.rule_id);
        out.gauge("cairn_monitor_alert_firing", "1 while the alert rule fires.", { ...m, rule: rule.name }, state?.state === "FIRING" ? 1 : 0);
      }
    }
    pageToken = page.next_page_token;
  } while (pageToken);
  return out.text();
}
