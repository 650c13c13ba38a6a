import type { FeatureDrift, Monitor } from "@cairn/core";
import type { Figures, MonitorReport } from "./report-types.js";

// A self-contained HTML page (no scripts, no external assets) so a report can be mailed or
// archived and still open years later.

const esc = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A figure for people: 4 significant digits, "—" for missing, exponent form for tiny p-values. */
export function formatFigure(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2);
  return Number.isInteger(value) ? String(value) : value.toPrecision(4).replace(/\.?0+$/, "");
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

function driftRow(d: FeatureDrift): string {
  const signals = [
    d.value_drifted ? "value" : "",
    d.missing.drifted ? `missing ${pct(d.missing.reference_rate)} → ${pct(d.missing.current_rate)}` : "",
    d.unseen?.drifted ? `unseen ${pct(d.unseen.share)} (${d.unseen.categories.slice(0, 3).join(", ")})` : "",
  ].filter(Boolean);
  return `<tr class="${d.drifted ? "drifted" : ""}"><th scope="row">${esc(d.feature)}</th><td>${esc(d.kind)}</td><td>${esc(d.method)}</td><td>${formatFigure(d.statistic)}</td><td>${formatFigure(d.threshold)}</td><td>${d.drifted ? "<strong>drifted</strong>" : d.status === "ok" ? "no" : esc(d.status.replace(/_/g, " "))}</td><td>${esc(signals.join("; ") || d.message || "")}</td></tr>`;
}

function figureTable(title: string, figures: Figures): string {
  const rows = Object.entries(figures).filter(([, v]) => v !== null);
  if (rows.length === 0) return "";
  return `<h2>${esc(title)}</h2><table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${formatFigure(v)}</td></tr>`).join("")}</tbody></table>`;
}

/** The report as a standalone HTML page. */
export function renderReportHtml(monitor: Monitor, report: MonitorReport): string {
  const d = report.drift;
  const quality = Object.entries({ ...report.quality.missing_feature })
    .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>missing feature</td><td>${v}</td></tr>`)
    .concat(Object.entries(report.quality.wrong_type).map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>wrong type</td><td>${v}</td></tr>`))
    .concat(Object.entries(report.quality.unknown_column).map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>unknown column</td><td>${v}</td></tr>`));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cairn monitor report: ${esc(monitor.name)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1a1a1a;max-width:72rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}thead th{background:#f0f0f0}tr.drifted{background:#fde8e8}.muted{color:#555}</style></head>
<body><h1>Monitor report: ${esc(monitor.name)}</h1>
<p class="muted">${esc(monitor.deployment ? `deployment ${monitor.deployment}` : `model ${monitor.model_name}`)} · ${iso(report.start_time_ms)} to ${iso(report.end_time_ms)} · ${report.windows} windows · ${report.events} events · reference ${report.reference_rows} rows</p>
<ul>${report.summary.map((s) => `<li>${esc(s)}</li>`).join("")}</ul>
<h2>Data drift</h2>
<p>${d.drifted_features} of ${d.measured_features} features drifted (${pct(d.drift_share)}); dataset drift: <strong>${d.dataset_drift ? "yes" : "no"}</strong> (threshold ${pct(monitor.config.drift_share)}${d.bh_correction ? ", Benjamini-Hochberg corrected" : ""}).</p>
<table><thead><tr><th scope="col">feature</th><th scope="col">kind</th><th scope="col">method</th><th scope="col">statistic</th><th scope="col">threshold</th><th scope="col">drifted</th><th scope="col">signals</th></tr></thead>
<tbody>${d.features.map(driftRow).join("")}${d.prediction ? driftRow(d.prediction) : ""}</tbody></table>
${figureTable("Performance", report.performance.realised)}${figureTable("Estimated performance (no labels needed)", report.performance.estimated)}${figureTable("Reference performance", report.performance.reference)}${figureTable("Latency", report.latency)}
<h2>Training/serving skew</h2><table><thead><tr><th scope="col">feature</th><th scope="col">comparator</th><th scope="col">statistic</th><th scope="col">skewed</th></tr></thead><tbody>${report.skew.map((s) => `<tr class="${s.skewed ? "drifted" : ""}"><th scope="row">${esc(s.feature)}</th><td>${esc(s.comparator)}</td><td>${formatFigure(s.statistic)}</td><td>${s.skewed ? "yes" : "no"}</td></tr>`).join("")}</tbody></table>
<h2>Data quality</h2><p>${report.quality.issues} problems in ${report.quality.events} events (${pct(report.quality.issue_rate)}).</p>
${quality.length > 0 ? `<table><thead><tr><th scope="col">column</th><th scope="col">problem</th><th scope="col">count</th></tr></thead><tbody>${quality.join("")}</tbody></table>` : ""}
</body></html>
`;
}
