import type { AlertEvent, AlertRule, AlertRuleState } from "@cairn/core";
import { QueryState } from "../../components/page-state";
import { formatTime } from "../../format";
import { formatFigure, formatWindowStart } from "./monitor-format";
import { useMonitorAlerts } from "./monitor-queries";

/** The monitor's alert rules with where each stands, and its alert history since the range's start, newest first. */
export function AlertsTimeline({ monitor, sinceMs }: { monitor: string; sinceMs: number }) {
  const { rules, alerts } = useMonitorAlerts(monitor, sinceMs);
  return (
    <>
      <h3>Rules</h3>
      <QueryState query={rules} what="the alert rules">
        {(data) => <RulesTable rules={data.rules ?? []} states={data.states ?? []} />}
      </QueryState>
      <h3>History</h3>
      <QueryState query={alerts} what="the alert history">
        {(data) => <AlertHistory alerts={data} />}
      </QueryState>
    </>
  );
}

function StateBadge({ state }: { state: "OK" | "FIRING" | "RESOLVED" }) {
  const tone = state === "FIRING" ? "danger" : "ok";
  return <span className={`badge ${tone} alert-state`}>{state}</span>;
}

function RulesTable({ rules, states }: { rules: AlertRule[]; states: AlertRuleState[] }) {
  if (rules.length === 0) return <p className="empty">No alert rules. Add one through POST monitors/alert-rules/create, e.g. “drift_share &gt; 0.3”.</p>;
  const byRule = new Map(states.map((s) => [s.rule_id, s]));
  return (
    <div className="table-scroll">
      <table className="data-table alert-rules">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Condition</th>
            <th scope="col">State</th>
            <th scope="col">Consecutive windows</th>
            <th scope="col">Last window</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => {
            const state = byRule.get(rule.rule_id);
            return (
              <tr key={rule.rule_id} data-rule={rule.name}>
                <th scope="row">
                  {rule.name}
                  {rule.enabled ? null : <span className="badge">disabled</span>}
                </th>
                <td className="mono">
                  {rule.expression}
                  {rule.for_windows > 1 ? <span className="muted"> for {rule.for_windows} windows</span> : null}
                </td>
                <td>
                  <StateBadge state={state?.state ?? "OK"} />
                </td>
                <td className="num">{state ? `${state.consecutive} of ${rule.for_windows}` : "—"}</td>
                <td>{state?.last_window_ms !== undefined ? formatWindowStart(state.last_window_ms) : <span className="muted">not evaluated yet</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AlertHistory({ alerts }: { alerts: AlertEvent[] }) {
  if (alerts.length === 0) return <p className="empty">No alerts in this range.</p>;
  const newestFirst = [...alerts].sort((a, b) => b.window_start_ms - a.window_start_ms || b.timestamp_ms - a.timestamp_ms);
  return (
    <ol className="alert-timeline" aria-label="Alert history, newest first">
      {newestFirst.map((alert) => (
        <li key={alert.alert_id} className={`alert-event ${alert.state.toLowerCase()}`} data-state={alert.state} data-rule={alert.rule_name}>
          <div className="alert-event-head">
            <StateBadge state={alert.state} />
            <strong>{alert.rule_name}</strong>
            <span>
              window <time dateTime={new Date(alert.window_start_ms).toISOString()}>{formatWindowStart(alert.window_start_ms)}</time>
            </span>
            <span>value {formatFigure(alert.value)}</span>
            {alert.notified ? null : <span className="muted">(not notified: cooldown)</span>}
          </div>
          <p className="alert-message">{alert.message}</p>
          <p className="muted alert-time">{formatTime(alert.timestamp_ms)}</p>
        </li>
      ))}
    </ol>
  );
}
