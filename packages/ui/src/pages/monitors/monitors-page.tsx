import { Link } from "react-router";
import { LoadMore } from "../../components/load-more";
import { QueryState, usePageTitle } from "../../components/page-state";
import { paths } from "../../paths";
import { useUrlParams } from "../../use-url-params";
import { useMonitorList } from "./monitor-queries";
import { MonitorsTable } from "./monitors-table";
import "./monitors.css";

/** Every monitor, or those of one model (?model=) or deployment (?deployment=). */
export function MonitorsPage() {
  usePageTitle("Monitors");
  const [params] = useUrlParams();
  const model = params.get("model") ?? "";
  const deployment = params.get("deployment") ?? "";
  const query = useMonitorList({ ...(model ? { model_name: model } : {}), ...(deployment ? { deployment } : {}) });
  const scope = deployment ? `deployment ${deployment}` : model ? `model ${model}` : "";
  return (
    <div className="page">
      <div className="page-header">
        <h1>Monitors{scope ? <span className="muted"> of {scope}</span> : null}</h1>
        {scope ? <Link to={paths.monitors()}>All monitors</Link> : null}
      </div>
      <QueryState query={query} what="monitors">
        {(data) => {
          const monitors = data.pages.flatMap((p) => p.monitors);
          if (monitors.length === 0) {
            return <p className="empty">{scope ? `No monitor watches ${scope}.` : "No monitors yet. Create one with POST /api/2.0/cairn/monitors/create, giving a model or deployment and reference rows."}</p>;
          }
          return (
            <>
              <MonitorsTable monitors={monitors} />
              <LoadMore query={query} what="monitors" />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
