import type { DatasetDrift, FeatureDrift, MonitorConfig } from "@cairn/core";
import { CLASSIFICATION_FIGURES, ESTIMATED_FIGURES, modelFigures, REGRESSION_FIGURES } from "../performance/index.js";
import type { MonitorReference } from "../reference/monitor-reference.js";
import type { MergedWindows } from "./merge-windows.js";
import { qualitySummary } from "./quality-summary.js";
import { formatFigure } from "./report-html.js";
import type { Figures, MonitorReport, PerformanceSummary } from "./report-types.js";
import { distributionSkew } from "./serving-skew.js";
import { figuresOf } from "./window-series.js";

const pick = (figures: Figures, keys: readonly string[]): Figures => Object.fromEntries(keys.filter((k) => k in figures).map((k) => [k, figures[k] ?? null]));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Why a feature counts as drifted, in a few words. */
function reasons(f: FeatureDrift): string {
  const out: string[] = [];
  if (f.value_drifted) out.push(`${f.method} ${formatFigure(f.statistic)} vs threshold ${formatFigure(f.threshold)}`);
  if (f.missing.drifted) out.push(`missing ${pct(f.missing.reference_rate)} → ${pct(f.missing.current_rate)}`);
  if (f.unseen?.drifted) out.push(`${pct(f.unseen.share)} unseen categories`);
  return out.join(", ");
}

function driftSentences(drift: DatasetDrift, config: MonitorConfig): string[] {
  const out: string[] = [];
  const drifted = drift.features.filter((f) => f.drifted);
  if (drift.measured_features === 0) out.push("No feature could be measured in this range.");
  else if (drifted.length === 0) out.push(`No feature drifted (${drift.measured_features} measured).`);
  else {
    const list = drifted.slice(0, 5).map((f) => `${f.feature} (${reasons(f)})`);
    out.push(`${drifted.length} of ${drift.measured_features} features drifted (${pct(drift.drift_share)}): ${list.join("; ")}${drifted.length > 5 ? "; …" : ""}.`);
  }
  out.push(drift.dataset_drift ? `Dataset drift: ${pct(drift.drift_share)} of features drifted, at or above the threshold of ${pct(config.drift_share)}.` : `No dataset drift (threshold ${pct(config.drift_share)} of features).`);
  const plain = drift.features.filter((f) => f.status === "empty_reference" || f.status === "constant_reference");
  for (const f of plain) if (f.message) out.push(f.message);
  if (drift.prediction?.drifted) out.push(`The predictions drifted (${reasons(drift.prediction)}).`);
  return out;
}

function performanceSentence(p: PerformanceSummary): string | undefined {
  const main = p.task === "regression" ? "rmse" : "f1";
  const realised = p.realised[main];
  const estimated = p.estimated[`estimated_${main}`];
  const reference = p.reference[main];
  const vsRef = reference !== null && reference !== undefined ? ` (reference ${formatFigure(reference)})` : "";
  if (realised !== null && realised !== undefined) return `${main.toUpperCase()} ${formatFigure(realised)} on ${p.labeled} labeled events${vsRef}.`;
  if (estimated !== null && estimated !== undefined) return `No labels yet: estimated ${main.toUpperCase()} ${formatFigure(estimated)}${vsRef}.`;
  return p.task ? "No labels yet, so no performance figures." : undefined;
}

/** The report over a range of windows: merged profiles against the reference, and plain sentences on top. */
export function monitorReport(reference: MonitorReference, config: MonitorConfig, merged: MergedWindows, range: { name: string; start_ms: number; end_ms: number; windows: number }): MonitorReport {
  const { figures, drift } = figuresOf(reference, config, merged);
  const quality = qualitySummary(merged.data);
  const performanceKeys = config.task === "regression" ? REGRESSION_FIGURES : CLASSIFICATION_FIGURES;
  const performance: PerformanceSummary = {
    ...(config.task ? { task: config.task } : {}),
    labeled: figures["labeled"] ?? 0,
    realised: pick(figures, performanceKeys),
    estimated: pick(figures, ESTIMATED_FIGURES),
    reference: reference.performance ? pick(modelFigures(reference.performance, config.positive_class), performanceKeys) : {},
  };
  const summary = merged.data.events === 0 ? ["No events in this range."] : [...driftSentences(drift, config)];
  const perf = merged.data.events > 0 ? performanceSentence(performance) : undefined;
  if (perf) summary.push(perf);
  if (quality.issues > 0) {
    const worst = Object.entries({ ...quality.missing_feature, ...quality.wrong_type, ...quality.unknown_column }).sort((a, b) => b[1] - a[1])[0];
    summary.push(`${quality.issues} data-quality problems in ${quality.events} events${worst ? `; the most frequent concerns '${worst[0]}' (${worst[1]})` : ""}.`);
  }
  const skew = distributionSkew(reference.profile, merged.data, config);
  const skewed = skew.filter((s) => s.skewed);
  if (skewed.length > 0) summary.push(`Training/serving skew in ${skewed.map((s) => s.feature).join(", ")}.`);
  return {
    monitor: range.name,
    start_time_ms: range.start_ms,
    end_time_ms: range.end_ms,
    windows: range.windows,
    events: merged.data.events,
    reference_rows: reference.profile.rows,
    drift,
    quality,
    performance,
    latency: pick(figures, ["p50_latency_ms", "p95_latency_ms", "p99_latency_ms", "mean_latency_ms", "error_rate"]),
    skew,
    summary,
  };
}
