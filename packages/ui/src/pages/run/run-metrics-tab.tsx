import { Link } from "react-router";
import type { Run } from "@cairn/core";
import { MetricCharts } from "../../charts/metric-charts";

/** Charts of a run's metric histories: all of them, or the one the overview's link chose (?metric=). */
export function RunMetricsTab({ run, metric }: { run: Run; metric: string | null }) {
  const keys = [...new Set((run.data.metrics ?? []).map((m) => m.key))].sort();
  if (keys.length === 0) return <p className="empty">This run logged no metrics.</p>;
  const shown = metric && keys.includes(metric) ? [metric] : keys;
  return (
    <>
      {shown.length === 1 && keys.length > 1 ? (
        <p className="toolbar">
          Showing <code>{metric}</code> only. <Link to="?tab=metrics">Show all {keys.length} metrics</Link>
        </p>
      ) : null}
      <MetricCharts runs={[{ runId: run.info.run_id, label: run.info.run_name || run.info.run_id }]} metricKeys={shown} />
    </>
  );
}
