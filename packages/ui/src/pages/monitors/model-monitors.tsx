import { Link } from "react-router";
import { QueryState } from "../../components/page-state";
import { paths } from "../../paths";
import { useMonitorList } from "./monitor-queries";

/** The monitors watching a registered model, as a list of links (for the model version page). */
export function ModelMonitors({ modelName }: { modelName: string }) {
  const query = useMonitorList({ model_name: modelName });
  return (
    <QueryState query={query} what="the monitors">
      {(data) => {
        const monitors = data.pages.flatMap((p) => p.monitors);
        if (monitors.length === 0) return <p className="empty">No monitor watches {modelName}.</p>;
        return (
          <ul className="model-monitors">
            {monitors.map((m) => (
              <li key={m.name}>
                <Link to={paths.monitor(m.name)}>{m.name}</Link>
                {m.deployment ? <span className="muted"> (deployment {m.deployment})</span> : null}
              </li>
            ))}
            {data.pages[data.pages.length - 1]?.next_page_token ? (
              <li>
                <Link to={paths.monitors({ model: modelName })}>All monitors of {modelName}</Link>
              </li>
            ) : null}
          </ul>
        );
      }}
    </QueryState>
  );
}
