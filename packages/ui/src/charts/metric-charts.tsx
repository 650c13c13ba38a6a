import { useId, useState } from "react";
import { MetricChart, type ChartSettings } from "./metric-chart";

/** One run (or several overlaid) whose metric histories to chart. */
export interface ChartedRun {
  runId: string;
  /** Shown in the legend: the run name, or its id. */
  label: string;
}

/**
 * Line charts of metric history, one chart per metric key, every run overlaid. The x axis, log
 * scale and smoothing are shared by the charts; zoom is per chart (drag across it).
 */
export function MetricCharts({ runs, metricKeys }: { runs: ChartedRun[]; metricKeys: string[] }) {
  const [settings, setSettings] = useState<ChartSettings>({ xMode: "step", logY: false, smoothing: 0 });
  const id = useId();
  const set = (next: Partial<ChartSettings>) => setSettings((s) => ({ ...s, ...next }));
  if (metricKeys.length === 0) return <p className="empty">No metrics to chart.</p>;
  const runIds = runs.map((r) => r.runId);
  const labels = runs.map((r) => r.label);
  return (
    <section className="metric-charts" aria-label="Metric charts">
      <div className="toolbar chart-controls">
        <label>
          X axis{" "}
          <select value={settings.xMode} onChange={(e) => set({ xMode: e.target.value as ChartSettings["xMode"] })}>
            <option value="step">step</option>
            <option value="wall">wall time</option>
            <option value="relative">relative time</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={settings.logY} onChange={(e) => set({ logY: e.target.checked })} /> Log scale (y)
        </label>
        <label htmlFor={`${id}-smoothing`}>Smoothing</label>
        <input id={`${id}-smoothing`} type="range" min={0} max={0.99} step={0.01} value={settings.smoothing} onChange={(e) => set({ smoothing: Number(e.target.value) })} />
        <output htmlFor={`${id}-smoothing`}>{settings.smoothing.toFixed(2)}</output>
        <span className="muted">Drag across a chart to zoom in; double-click to zoom out.</span>
      </div>
      <div className="chart-grid">
        {metricKeys.map((key) => (
          <MetricChart key={key} metricKey={key} runIds={runIds} labels={labels} settings={settings} />
        ))}
      </div>
    </section>
  );
}
