import type { FeatureDrift, MonitorFigures, MonitorReport } from "@cairn/sdk";
import { formatNumber, formatTime } from "./format.js";
import { renderTable } from "./table.js";

const num = (n: number | null | undefined) => (n === null || n === undefined ? "-" : formatNumber(n));
const pct = (n: number | null | undefined) => (n === null || n === undefined ? "-" : `${formatNumber(Number((n * 100).toFixed(2)))}%`);

/** The missing-rate and unseen-category signals of a feature, in words ("missing 1% -> 9%", "unseen 4%"). */
function signals(f: FeatureDrift): string {
  const out: string[] = [];
  if (f.missing.reference_rate > 0 || f.missing.current_rate > 0) out.push(`missing ${pct(f.missing.reference_rate)} -> ${pct(f.missing.current_rate)}${f.missing.drifted ? " (drifted)" : ""}`);
  if (f.unseen && f.unseen.share > 0) out.push(`unseen ${pct(f.unseen.share)}${f.unseen.drifted ? " (drifted)" : ""}${f.unseen.categories.length > 0 ? `: ${f.unseen.categories.slice(0, 3).join(", ")}` : ""}`);
  if (f.out_of_range_share !== undefined && f.out_of_range_share > 0) out.push(`out of range ${pct(f.out_of_range_share)}`);
  if (f.status !== "ok") out.push(f.message ?? f.status);
  return out.join("; ") || "-";
}

/** Feature drift as a FEATURE/KIND/METHOD/STATISTIC/THRESHOLD/DRIFTED/SIGNALS table. */
export function featureDriftTable(features: readonly FeatureDrift[]): string {
  return renderTable(
    ["FEATURE", "KIND", "METHOD", "STATISTIC", "THRESHOLD", "DRIFTED", "SIGNALS"],
    features.map((f) => [f.feature, f.kind, f.method, num(f.statistic), num(f.threshold), f.drifted ? "yes" : "no", signals(f)]),
  );
}

/** Realised, estimated and reference figures side by side, one metric a row. */
function performanceTable(report: MonitorReport): string | undefined {
  const p = report.performance;
  const names = new Set<string>([...Object.keys(p.realised), ...Object.keys(p.reference), ...Object.keys(p.estimated).map((k) => k.replace(/^estimated_/, ""))]);
  if (names.size === 0) return undefined;
  return renderTable(
    ["METRIC", "REALISED", "ESTIMATED", "REFERENCE"],
    [...names].map((name) => [name, num(p.realised[name]), num(p.estimated[`estimated_${name}`]), num(p.reference[name])]),
  );
}

function figuresLine(figures: MonitorFigures): string {
  const entries = Object.entries(figures).filter(([, v]) => v !== null);
  return entries.length === 0 ? "-" : entries.map(([k, v]) => `${k} ${num(v)}`).join(", ");
}

/** Counts per feature as "income 3, age 1"; "-" when none. */
function countsLine(counts: Record<string, number>): string {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  return entries.length === 0 ? "-" : entries.map(([k, n]) => `${k} ${n}`).join(", ");
}

/** A monitor report as text: summary, dataset and feature drift, prediction drift, performance, latency, data quality, skew. */
export function monitorReportView(report: MonitorReport): string {
  const d = report.drift;
  const lines: string[] = [
    `Monitor '${report.monitor}': ${formatTime(report.start_time_ms)} to ${formatTime(report.end_time_ms)}, ${report.windows} window${report.windows === 1 ? "" : "s"}, ${report.events} events (reference: ${report.reference_rows} rows)`,
  ];
  if (report.summary.length > 0) lines.push("", ...report.summary.map((s) => `  * ${s}`));
  lines.push(
    "",
    `Dataset drift: ${d.dataset_drift ? "YES" : "no"} (${d.drifted_features} of ${d.measured_features} features drifted, share ${num(d.drift_share)}${d.bh_correction ? ", Benjamini-Hochberg corrected" : ""})`,
  );
  if (d.features.length > 0) lines.push("", featureDriftTable(d.features));
  if (d.prediction) {
    const p = d.prediction;
    lines.push("", `Prediction drift: ${p.drifted ? "YES" : "no"} (${p.method} ${num(p.statistic)}, threshold ${num(p.threshold)})`);
  }
  const performance = performanceTable(report);
  lines.push("", `Performance${report.performance.task ? ` (${report.performance.task})` : ""}: ${report.performance.labeled} labeled events`);
  if (performance) lines.push(performance);
  lines.push("", `Latency: ${figuresLine(report.latency)}`);
  const q = report.quality;
  lines.push(
    "",
    `Data quality: ${q.issues} issues in ${q.events} events (rate ${num(q.issue_rate)})`,
    `  missing features: ${countsLine(q.missing_feature)}`,
    `  wrong types:      ${countsLine(q.wrong_type)}`,
    `  unknown columns:  ${countsLine(q.unknown_column)}`,
  );
  if (report.skew.length > 0) {
    lines.push(
      "",
      "Training/serving skew:",
      renderTable(
        ["FEATURE", "COMPARATOR", "STATISTIC", "THRESHOLD", "SKEWED", "WORST CATEGORY"],
        report.skew.map((s) => [s.feature, s.comparator, num(s.statistic), num(s.threshold), s.skewed ? "yes" : "no", s.worst_category ?? "-"]),
      ),
    );
  }
  return lines.join("\n");
}
