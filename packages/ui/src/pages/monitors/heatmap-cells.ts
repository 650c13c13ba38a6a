import type { DriftMethod } from "@cairn/core";
import { driftSeverity } from "./drift-scale";
import type { DriftStatus, WindowSeriesEntry } from "./monitor-wire";

/** One cell of the drift heatmap: a feature in a window. */
export interface HeatmapCell {
  feature: string;
  windowStart: number;
  /** Undefined when the window has no measure for the feature (no data, or not computable). */
  severity: number | undefined;
  drifted: boolean;
  method?: Exclude<DriftMethod, "auto">;
  statistic: number | null;
  threshold?: number;
  status: DriftStatus | "absent";
}

/** The heatmap's rows (one per feature, in the monitor's order) of cells (one per window, oldest first). */
export interface HeatmapGrid {
  windows: number[];
  rows: { feature: string; cells: HeatmapCell[] }[];
}

/**
 * Lays the windows' drift out as features × windows. Features come from the monitor's schema,
 * then any the windows name that the schema lacks (a feature removed since), so nothing measured
 * is hidden.
 */
export function buildHeatmap(windows: readonly WindowSeriesEntry[], features: readonly string[]): HeatmapGrid {
  const names = [...features];
  const known = new Set(names);
  for (const w of windows) {
    for (const d of w.drift) {
      if (known.has(d.feature)) continue;
      known.add(d.feature);
      names.push(d.feature);
    }
  }
  const byWindow = windows.map((w) => new Map(w.drift.map((d) => [d.feature, d])));
  return {
    windows: windows.map((w) => w.window_start_ms),
    rows: names.map((feature) => ({
      feature,
      cells: windows.map((w, i): HeatmapCell => {
        const d = byWindow[i]!.get(feature);
        if (!d) return { feature, windowStart: w.window_start_ms, severity: undefined, drifted: false, statistic: null, status: "absent" };
        return {
          feature,
          windowStart: w.window_start_ms,
          severity: d.status === "ok" ? driftSeverity(d.method, d.statistic, d.threshold) : undefined,
          drifted: d.drifted,
          method: d.method,
          statistic: d.statistic,
          threshold: d.threshold,
          status: d.status,
        };
      }),
    })),
  };
}

const STATUS_TEXT: Record<HeatmapCell["status"], string> = {
  ok: "",
  absent: "no data in this window",
  no_current_data: "no data in this window",
  empty_reference: "the reference has no values",
  constant_reference: "the reference is constant",
};

/** A cell's description for its tooltip and accessible name: method, statistic, threshold and verdict. */
export function describeCell(cell: HeatmapCell, windowLabel: string, format: (n: number) => string): string {
  const head = `${cell.feature}, window ${windowLabel}`;
  if (cell.status === "absent" || cell.method === undefined) return `${head}: ${STATUS_TEXT.absent}`;
  const measured = cell.statistic === null ? "not measured" : `${cell.method} ${format(cell.statistic)} (threshold ${format(cell.threshold!)})`;
  const why = cell.status === "ok" ? "" : `, ${STATUS_TEXT[cell.status]}`;
  return `${head}: ${measured}${why}${cell.drifted ? ", drifted" : ", no drift"}`;
}

/** The feature to show first: the most severely drifted one in the latest window, else the first feature. */
export function defaultFeature(grid: HeatmapGrid): string | undefined {
  let best: { feature: string; severity: number } | undefined;
  for (const row of grid.rows) {
    const last = row.cells[row.cells.length - 1];
    if (!last?.drifted) continue;
    const severity = last.severity ?? 0;
    if (!best || severity > best.severity) best = { feature: row.feature, severity };
  }
  return best?.feature ?? grid.rows[0]?.feature;
}
