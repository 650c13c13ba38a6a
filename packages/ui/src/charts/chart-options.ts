import type uPlot from "uplot";
import { formatNumber } from "../format";
import type { XMode } from "./chart-data";
import { runColor } from "./run-colors";

export interface ChartOptionsInput {
  width: number;
  height: number;
  labels: readonly string[];
  xMode: XMode;
  logY: boolean;
  /** Called with the x range a person drag-selected, in the chart's x units. */
  onZoom(min: number, max: number): void;
}

const X_LABEL: Record<XMode, string> = { step: "Step", wall: "Time", relative: "Relative time (s)" };

/** uPlot options for one metric chart: a line per run, drag-to-zoom handed to onZoom. */
export function buildChartOptions(input: ChartOptionsInput): uPlot.Options {
  return {
    width: input.width,
    height: input.height,
    scales: {
      x: { time: input.xMode === "wall" },
      y: input.logY ? { distr: 3, log: 10 } : {},
    },
    axes: [{ label: X_LABEL[input.xMode] }, { values: (_u, ticks) => ticks.map((v) => formatNumber(v)), size: 60 }],
    series: [
      { label: X_LABEL[input.xMode] },
      ...input.labels.map((label, i) => ({ label, stroke: runColor(i), width: 1.5, spanGaps: true, points: { show: false }, value: (_u: uPlot, v: number | null) => (v === null ? "—" : formatNumber(v)) })),
    ],
    legend: { live: true },
    // The chart refetches the selected range at full resolution instead of only rescaling.
    cursor: { drag: { x: true, y: false, setScale: false } },
    hooks: {
      setSelect: [
        (u) => {
          if (u.select.width < 2) return;
          const min = u.posToVal(u.select.left, "x");
          const max = u.posToVal(u.select.left + u.select.width, "x");
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          input.onZoom(min, max);
        },
      ],
    },
  };
}
