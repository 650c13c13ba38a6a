import { useMemo, useState } from "react";
import { ErrorPanel, Loading } from "../components/page-state";
import { alignHistories, maxValue, type XMode } from "./chart-data";
import { buildChartOptions } from "./chart-options";
import { UplotChart, useElementWidth } from "./uplot-chart";
import { pointsForWidth, useHistories, type XRange } from "./use-histories";

export interface ChartSettings {
  xMode: XMode;
  logY: boolean;
  smoothing: number;
}

const HEIGHT = 260;

/** One metric's chart over several runs: downsampled overview, drag to zoom in at full resolution. */
export function MetricChart({ metricKey, runIds, labels, settings }: { metricKey: string; runIds: readonly string[]; labels: readonly string[]; settings: ChartSettings }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [range, setRange] = useState<XRange | null>(null);
  const [rangeMode, setRangeMode] = useState(settings.xMode);
  // A range in one x mode means nothing in another: switching modes zooms out.
  if (rangeMode !== settings.xMode) {
    setRangeMode(settings.xMode);
    setRange(null);
  }
  const state = useHistories(runIds, metricKey, settings.xMode, width > 0 ? pointsForWidth(width) : 0, range);
  const { xMode, logY, smoothing } = settings;
  const data = useMemo(
    () => (state.histories ? alignHistories(state.histories.map((h) => h.points), xMode, state.firstTimestamps, { smoothing, logY }) : undefined),
    // firstTimestamps is derived from the histories; its identity changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.histories, xMode, smoothing, logY, state.firstTimestamps.join(",")],
  );
  const options = useMemo(() => buildChartOptions({ width: 400, height: HEIGHT, labels, xMode, logY, onZoom: (min, max) => setRange({ min, max }) }), [labels.join("\n"), xMode, logY]); // eslint-disable-line react-hooks/exhaustive-deps
  const downsampled = state.histories?.some((h) => h.downsampled) ?? false;
  const total = state.histories?.reduce((n, h) => n + h.total_points, 0) ?? 0;
  const shown = state.histories?.reduce((n, h) => n + h.points.length, 0) ?? 0;
  const max = state.histories ? maxValue(state.histories.map((h) => h.points)) : undefined;

  return (
    <figure
      className="metric-chart card"
      aria-label={`Chart of ${metricKey}`}
      data-metric={metricKey}
      data-resolution={state.histories ? (downsampled ? "downsampled" : "full") : undefined}
      data-max-value={max}
      data-zoomed={range ? `${range.min},${range.max}` : undefined}
      data-scale={logY ? "log" : "linear"}
    >
      <figcaption className="metric-chart-head">
        <strong>{metricKey}</strong>
        <span className="muted chart-status" aria-live="polite">
          {state.histories ? (downsampled ? `downsampled: ${shown} of ${total} points` : `full resolution: ${total} points`) : null}
          {state.fetching && state.histories ? " · loading…" : null}
        </span>
        <button type="button" onClick={() => setRange(null)} disabled={!range}>
          Reset zoom
        </button>
      </figcaption>
      <div ref={ref} className="metric-chart-body" style={{ minHeight: HEIGHT }}>
        {state.error ? (
          <ErrorPanel error={state.error} retry={state.retry} title={`Could not load ${metricKey}`} />
        ) : !data ? (
          <Loading what={`Loading ${metricKey}`} />
        ) : (
          <UplotChart options={options} data={data} width={width} onReset={() => setRange(null)} />
        )}
      </div>
    </figure>
  );
}
