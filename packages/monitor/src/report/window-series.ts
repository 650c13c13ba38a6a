import type { DatasetDrift, MonitorConfig } from "@cairn/core";
import { datasetDrift } from "../drift/dataset-drift.js";
import { modelFigures } from "../performance/index.js";
import type { MonitorReference } from "../reference/monitor-reference.js";
import type { MonitorWindow } from "../window/monitor-window.js";
import { qualitySummary } from "./quality-summary.js";
import type { Figures, WindowSeriesEntry } from "./report-types.js";
import type { MergedWindows } from "./merge-windows.js";

/** The data figures of a drift result, named as alert rules name them: drift_share, drift_score(income), ... */
export function driftFigures(drift: DatasetDrift): Figures {
  const figures: Figures = {
    drift_share: drift.drift_share,
    drifted_features: drift.drifted_features,
    dataset_drift: drift.dataset_drift ? 1 : 0,
    prediction_drift_score: drift.prediction?.statistic ?? null,
  };
  for (const f of drift.features) {
    figures[`drift_score(${f.feature})`] = f.statistic;
    figures[`drift_detected(${f.feature})`] = f.drifted ? 1 : 0;
    figures[`missing_rate(${f.feature})`] = f.missing.current_rate;
    figures[`missing_rate_change(${f.feature})`] = f.missing.current_rate - f.missing.reference_rate;
    if (f.unseen) figures[`unseen_share(${f.feature})`] = f.unseen.share;
  }
  return figures;
}

/** Every figure of one window or merged range: drift, data quality and the model's figures. */
export function figuresOf(reference: MonitorReference, config: MonitorConfig, merged: MergedWindows): { figures: Figures; drift: DatasetDrift } {
  const drift = datasetDrift(reference.profile, merged.data, merged.sample, config);
  const quality = qualitySummary(merged.data);
  const figures: Figures = { ...driftFigures(drift), quality_issue_rate: quality.issue_rate, ...modelFigures(merged.model, config.positive_class) };
  figures["events"] = merged.data.events;
  return { figures, drift };
}

/** Per-window figures, oldest first: what the heatmap, the charts, alert rules and gauges read. */
export function windowSeries(reference: MonitorReference, config: MonitorConfig, windows: readonly MonitorWindow[]): WindowSeriesEntry[] {
  return windows.map((w) => {
    const { figures, drift } = figuresOf(reference, config, { data: w.data, model: w.model, ...(w.sample ? { sample: w.sample } : {}) });
    return {
      window_start_ms: w.window_start_ms,
      window_end_ms: w.window_start_ms + config.window_ms,
      events: w.events,
      figures,
      drift: drift.features.map((f) => ({ feature: f.feature, method: f.method, statistic: f.statistic, threshold: f.threshold, drifted: f.drifted, status: f.status })),
    };
  });
}
