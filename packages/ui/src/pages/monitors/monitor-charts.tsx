import { useMemo } from "react";
import type { AlignedData } from "../../charts/chart-data";
import { FiguresChart, type FigureLine } from "./figures-chart";
import type { WindowSeriesEntry } from "./monitor-wire";
import { figureSeries, performanceFigures } from "./window-series";

/** Realised and estimated performance per window; a note says when no labels have arrived. */
export function PerformanceChart({ windows, labeledRows }: { windows: readonly WindowSeriesEntry[]; labeledRows: number }) {
  const { realised, estimated } = useMemo(() => performanceFigures(windows), [windows]);
  const keys = useMemo(() => [...realised, ...estimated], [realised, estimated]);
  const lines = useMemo<FigureLine[]>(() => keys.map((k) => ({ label: k, dashed: k.startsWith("estimated_") })), [keys]);
  const data = useMemo(() => figureSeries(windows, keys), [windows, keys]);
  if (keys.length === 0) {
    return (
      <div className="card monitor-chart" data-chart="performance" data-series="">
        <strong>Performance</strong>
        <p className="empty">
          No performance figures in this range: no labels have arrived{labeledRows === 0 ? ", and the reference has no labels to estimate performance from" : ", and no scores to estimate from"}.
        </p>
      </div>
    );
  }
  const note =
    realised.length === 0
      ? "No labels have arrived in this range: only estimated performance (from the model's scores, dashed) is shown."
      : estimated.length > 0
        ? "Solid lines are realised (from labels), dashed lines estimated from the model's scores."
        : undefined;
  return <FiguresChart name="performance" title="Performance" lines={lines} data={data} note={note} />;
}

const SHARE_LINES: FigureLine[] = [{ label: "drift_share" }, { label: "dataset drift threshold", dashed: true, color: "#4a5363" }];

/** The share of drifted features per window, against the monitor's dataset-drift threshold. */
export function DriftShareChart({ windows, threshold }: { windows: readonly WindowSeriesEntry[]; threshold: number }) {
  const data = useMemo<AlignedData>(() => {
    const [x, share] = figureSeries(windows, ["drift_share"]);
    return [x, share!, x.map(() => threshold)];
  }, [windows, threshold]);
  return <FiguresChart name="drift-share" title="Drift share" lines={SHARE_LINES} data={data} />;
}
