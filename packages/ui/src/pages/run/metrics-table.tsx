import { Link } from "react-router";
import type { Metric } from "@cairn/core";
import { formatNumber, formatTime } from "../../format";

/** A run's metrics at their latest step; each key opens its chart on the metrics tab. */
export function MetricsTable({ metrics }: { metrics: Metric[] }) {
  if (metrics.length === 0) return <p className="empty">No metrics were logged.</p>;
  const sorted = [...metrics].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <div className="table-scroll">
      <table className="data-table run-metrics">
        <caption className="visually-hidden">Metrics (latest values)</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Latest value
            </th>
            <th scope="col" className="num">
              Step
            </th>
            <th scope="col">Logged at</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((m) => (
            <tr key={m.key}>
              <th scope="row" className="mono">
                <Link to={`?${new URLSearchParams({ tab: "metrics", metric: m.key })}`}>{m.key}</Link>
              </th>
              <td className="num">{formatNumber(m.value)}</td>
              <td className="num">{m.step}</td>
              <td>{formatTime(m.timestamp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
