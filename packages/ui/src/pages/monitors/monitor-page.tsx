import { Link, useParams } from "react-router";
import { QueryState, usePageTitle } from "../../components/page-state";
import { paths } from "../../paths";
import { MonitorDashboard } from "./monitor-dashboard";
import { MonitorHeader } from "./monitor-header";
import { useMonitor } from "./monitor-queries";
import "./monitors.css";

/** One monitor: what it watches, the report's summary, drift by feature and window, performance, alerts, A/B verdicts and data quality. */
export function MonitorPage() {
  const name = useParams().name ?? "";
  usePageTitle(`Monitor ${name}`);
  const query = useMonitor(name);
  return (
    <div className="page monitor-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={paths.monitors()}>Monitors</Link> /
      </nav>
      <h1>{name}</h1>
      <QueryState query={query} what="the monitor">
        {(monitor) => (
          <>
            {monitor.description ? <p className="monitor-description">{monitor.description}</p> : null}
            <MonitorHeader monitor={monitor} />
            <MonitorDashboard monitor={monitor} />
          </>
        )}
      </QueryState>
    </div>
  );
}
