import type { AlignedData } from "../../charts/chart-data";
import type { WindowSeriesEntry } from "./monitor-wire";

/** Realised performance figures, in the order charts list them (classification, then regression). */
export const REALISED_FIGURES = ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", "mae", "rmse", "r2"] as const;

/** Which performance figures have at least one value over the windows: realised ones, then estimated_* ones. */
export function performanceFigures(windows: readonly WindowSeriesEntry[]): { realised: string[]; estimated: string[] } {
  const present = (key: string) => windows.some((w) => typeof w.figures[key] === "number" && Number.isFinite(w.figures[key]));
  const realised = REALISED_FIGURES.filter(present);
  const estimatedKeys = new Set<string>();
  for (const w of windows) for (const key of Object.keys(w.figures)) if (key.startsWith("estimated_")) estimatedKeys.add(key);
  const order = (key: string) => {
    const i = (REALISED_FIGURES as readonly string[]).indexOf(key.slice("estimated_".length));
    return i < 0 ? REALISED_FIGURES.length : i;
  };
  const estimated = [...estimatedKeys].filter(present).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return { realised, estimated };
}

/** Columns for uPlot: window starts in seconds (its time axis), then each figure, null where a window lacks it. */
export function figureSeries(windows: readonly WindowSeriesEntry[], keys: readonly string[]): AlignedData {
  const x = windows.map((w) => w.window_start_ms / 1000);
  const ys = keys.map((key) =>
    windows.map((w) => {
      const v = w.figures[key];
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    }),
  );
  return [x, ...ys];
}
