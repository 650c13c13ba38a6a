/** One run (or several overlaid) whose metric histories to chart. */
export interface ChartedRun {
  runId: string;
  /** Shown in the legend: the run name, or its id. */
  label: string;
}

/** Line charts of metric history, one chart per metric key, every run overlaid (being built). */
export function MetricCharts({ runs, metricKeys }: { runs: ChartedRun[]; metricKeys: string[] }) {
  return (
    <ul>
      {metricKeys.map((key) => (
        <li key={key}>
          {key} ({runs.length} runs)
        </li>
      ))}
    </ul>
  );
}
