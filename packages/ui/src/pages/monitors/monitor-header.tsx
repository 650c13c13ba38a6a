import { Link } from "react-router";
import type { Monitor } from "@cairn/core";
import { formatTime } from "../../format";
import { paths } from "../../paths";
import { formatWindowLength } from "./monitor-format";

/** What a monitor watches (model or deployment, linked), its window, task and reference. */
export function MonitorHeader({ monitor }: { monitor: Monitor }) {
  const { config, reference } = monitor;
  return (
    <dl className="monitor-facts">
      <div>
        <dt>Watches</dt>
        <dd>
          {monitor.deployment ? (
            <>
              deployment <Link to={paths.deployment(monitor.deployment)}>{monitor.deployment}</Link>
            </>
          ) : null}
          {monitor.deployment && monitor.model_name ? " of " : null}
          {monitor.model_name ? (
            <>
              model <Link to={paths.model(monitor.model_name)}>{monitor.model_name}</Link>
            </>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>Window</dt>
        <dd>{formatWindowLength(config.window_ms)}</dd>
      </div>
      <div>
        <dt>Task</dt>
        <dd>{config.task ? config.task.replace(/_/g, " ") : <span className="muted">not set</span>}</dd>
      </div>
      <div>
        <dt>Features</dt>
        <dd>{config.features.length}</dd>
      </div>
      <div>
        <dt>Reference</dt>
        <dd>
          {reference.rows} rows{reference.labeled_rows > 0 ? `, ${reference.labeled_rows} labeled` : ", no labels"} <span className="muted">from {reference.source}</span>
        </dd>
      </div>
      <div>
        <dt>Dataset drift at</dt>
        <dd>{Math.round(config.drift_share * 100)}% of features drifted</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>{formatTime(monitor.creation_timestamp)}</dd>
      </div>
    </dl>
  );
}
