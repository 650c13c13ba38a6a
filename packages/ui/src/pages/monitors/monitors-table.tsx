import { useState } from "react";
import { Link } from "react-router";
import type { Monitor } from "@cairn/core";
import { paths } from "../../paths";
import { formatShare, formatWindowLength, formatWindowStart } from "./monitor-format";
import { useMonitorWindows } from "./monitor-queries";

/** Monitors as a table: name, what each watches, window, features, reference and the latest window's drift share. */
export function MonitorsTable({ monitors, latest = true }: { monitors: readonly Monitor[]; latest?: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data-table monitors-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Watches</th>
            <th scope="col">Window</th>
            <th scope="col">Features</th>
            <th scope="col">Reference rows</th>
            {latest ? <th scope="col">Latest drift share</th> : null}
          </tr>
        </thead>
        <tbody>
          {monitors.map((m) => (
            <tr key={m.name} data-monitor={m.name}>
              <td>
                <Link to={paths.monitor(m.name)}>{m.name}</Link>
              </td>
              <td>
                {m.deployment ? (
                  <>
                    deployment <Link to={paths.deployment(m.deployment)}>{m.deployment}</Link>
                  </>
                ) : m.model_name ? (
                  <>
                    model <Link to={paths.model(m.model_name)}>{m.model_name}</Link>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>{formatWindowLength(m.config.window_ms)}</td>
              <td className="num">{m.config.features.length}</td>
              <td className="num">{m.reference.rows}</td>
              {latest ? (
                <td className="latest-drift">
                  <LatestDrift monitor={m} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const MINUTE = 60_000;

/** The drift share of the monitor's latest window with events in the last two windows: one small request per monitor. */
function LatestDrift({ monitor }: { monitor: Monitor }) {
  const [now] = useState(() => Math.ceil((Date.now() + 1) / MINUTE) * MINUTE);
  const query = useMonitorWindows(monitor.name, { start_time_ms: now - 2 * monitor.config.window_ms, end_time_ms: now });
  if (query.isPending) return <span className="muted">…</span>;
  if (query.isError) return <span className="muted" title={(query.error as Error).message}>unavailable</span>;
  const last = [...query.data].reverse().find((w) => w.events > 0);
  if (!last) return <span className="muted">no recent events</span>;
  const share = last.figures.drift_share ?? null;
  const drifted = share !== null && share >= monitor.config.drift_share;
  return (
    <span data-drift-share={share ?? undefined}>
      {formatShare(share)} <span className="muted">at {formatWindowStart(last.window_start_ms)}</span>
      {drifted ? <span className="badge danger">drift</span> : null}
    </span>
  );
}
