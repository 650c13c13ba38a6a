import { useMemo } from "react";
import type uPlot from "uplot";
import type { AlignedData } from "../../charts/chart-data";
import { runColor } from "../../charts/run-colors";
import { UplotChart, useElementWidth } from "../../charts/uplot-chart";
import { formatNumber } from "../../format";

const HEIGHT = 220;

/** One line of a figures chart. */
export interface FigureLine {
  label: string;
  /** Dashed lines mark estimates and thresholds, so they differ from measured values without colour. */
  dashed?: boolean;
  color?: string;
}

/** uPlot options for figures over windows: a time x axis, one line per figure, points where windows are few. */
export function figuresChartOptions(lines: readonly FigureLine[], points: number): uPlot.Options {
  return {
    width: 400,
    height: HEIGHT,
    scales: { x: { time: true } },
    axes: [{}, { values: (_u, ticks) => ticks.map((v) => formatNumber(v)), size: 56 }],
    series: [
      { label: "Window" },
      ...lines.map((line, i) => ({
        label: line.label,
        stroke: line.color ?? runColor(i),
        width: 2,
        dash: line.dashed ? [6, 4] : undefined,
        spanGaps: false,
        points: { show: points <= 60 },
        value: (_u: uPlot, v: number | null) => (v === null ? "—" : formatNumber(v)),
      })),
    ],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
  };
}

/** A chart of per-window figures, with a title, named lines and a note under it. */
export function FiguresChart({ name, title, lines, data, note }: { name: string; title: string; lines: readonly FigureLine[]; data: AlignedData; note?: string }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const points = data[0].length;
  const options = useMemo(() => figuresChartOptions(lines, points), [lines, points]);
  return (
    <figure className="metric-chart monitor-chart card" aria-label={title} data-chart={name} data-series={lines.map((l) => l.label).join(",")} data-points={points}>
      <figcaption className="metric-chart-head">
        <strong>{title}</strong>
      </figcaption>
      {note ? <p className="chart-note">{note}</p> : null}
      <div ref={ref} className="metric-chart-body" style={{ minHeight: HEIGHT }}>
        {points === 0 ? <p className="empty">No windows in this range.</p> : <UplotChart options={options} data={data} width={width} />}
      </div>
    </figure>
  );
}
