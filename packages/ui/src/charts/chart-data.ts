import type { HistoryPoint } from "@cairn/core";
import { emaSmooth } from "./smoothing";

/** What the x axis shows: the step, wall-clock time, or time since the run's first point. */
export type XMode = "step" | "wall" | "relative";

/** Columnar chart data as uPlot takes it: one shared x array, then one y array per run. */
export type AlignedData = [number[], ...(number | null)[][]];

/** The x of a point in a mode; wall time is in seconds, as uPlot's time axis expects. */
export function xOf(point: HistoryPoint, mode: XMode, firstTimestamp: number): number {
  if (mode === "step") return point.step;
  if (mode === "wall") return point.timestamp / 1000;
  return (point.timestamp - firstTimestamp) / 1000;
}

/**
 * Merges per-run histories onto one sorted x array (uPlot's shape), null where a run has no point
 * at that x. Values that a log axis cannot show (<= 0) become gaps when logY is on; smoothing runs
 * per run over its own points so gaps from other runs do not bend it.
 */
export function alignHistories(histories: readonly (readonly HistoryPoint[])[], mode: XMode, firstTimestamps: readonly number[], opts: { smoothing: number; logY: boolean }): AlignedData {
  const xs = new Set<number>();
  const perRun = histories.map((points, i) => {
    const ys = emaSmooth(points.map((p) => (Number.isFinite(p.value) ? p.value : null)), opts.smoothing);
    const map = new Map<number, number | null>();
    points.forEach((p, j) => {
      const x = xOf(p, mode, firstTimestamps[i] ?? 0);
      xs.add(x);
      const y = ys[j] ?? null;
      map.set(x, y !== null && opts.logY && y <= 0 ? null : y);
    });
    return map;
  });
  const x = [...xs].sort((a, b) => a - b);
  return [x, ...perRun.map((map) => x.map((v) => map.get(v) ?? null))];
}

/** The largest finite raw value over every run's points, for the chart's data attributes. */
export function maxValue(histories: readonly (readonly HistoryPoint[])[]): number | undefined {
  let max: number | undefined;
  for (const points of histories) for (const p of points) if (Number.isFinite(p.value) && (max === undefined || p.value > max)) max = p.value;
  return max;
}
