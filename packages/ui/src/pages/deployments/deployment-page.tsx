import { Link, useParams } from "react-router";
import type { Deployment } from "@cairn/core";
import { QueryState, usePageTitle } from "../../components/page-state";
import { PermissionsPanel } from "../../components/permissions-panel";
import "../monitors/monitors.css";
import { formatTime } from "../../format";
import { paths } from "../../paths";
import { useMonitorList } from "../monitors/monitor-queries";
import { MonitorsTable } from "../monitors/monitors-table";
import { useDeployment } from "./deployment-queries";
import { deploymentStrategy } from "./deployment-strategy";

/** One deployment: its current routes and the monitors watching it. */
export function DeploymentPage() {
  const name = useParams().name ?? "";
  usePageTitle(`Deployment ${name}`);
  const query = useDeployment(name);
  const monitors = useMonitorList({ deployment: name });
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={paths.deployments()}>Deployments</Link> /
      </nav>
      <h1>{name}</h1>
      <QueryState query={query} what="the deployment">
        {(d) => (
          <>
            <DeploymentRoutes deployment={d} />
            <section aria-labelledby="deployment-monitors">
              <h2 id="deployment-monitors">Monitors</h2>
              <QueryState query={monitors} what="the monitors">
                {(data) => {
                  const list = data.pages.flatMap((p) => p.monitors);
                  return list.length === 0 ? <p className="empty">No monitor watches {name}.</p> : <MonitorsTable monitors={list} />;
                }}
              </QueryState>
            </section>
            <PermissionsPanel resource_type="deployment" resource_id={name} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function Route({ d, uri, version }: { d: Deployment; uri: string; version: string | null }) {
  return (
    <>
      <span className="mono">{uri}</span>{" "}
      {version === null ? <span className="badge warn">version missing</span> : <Link to={paths.modelVersion(d.model_name, version)}>version {version}</Link>}
    </>
  );
}

function DeploymentRoutes({ deployment: d }: { deployment: Deployment }) {
  return (
    <section aria-labelledby="deployment-spec">
      <h2 id="deployment-spec">Current spec</h2>
      <div className="table-scroll">
        <table className="data-table kv-table">
          <tbody>
            <tr>
              <th scope="row">Model</th>
              <td>
                <Link to={paths.model(d.model_name)}>{d.model_name}</Link>
              </td>
            </tr>
            <tr>
              <th scope="row">Strategy</th>
              <td>{deploymentStrategy(d)}</td>
            </tr>
            <tr>
              <th scope="row">Primary</th>
              <td>
                <Route d={d} uri={d.primary.model_uri} version={d.primary.version} />
              </td>
            </tr>
            {d.canary ? (
              <tr>
                <th scope="row">Canary ({d.canary.percent}%)</th>
                <td>
                  <Route d={d} uri={d.canary.model_uri} version={d.canary.version} />
                </td>
              </tr>
            ) : null}
            {(d.variants ?? []).map((v, i) => (
              <tr key={`${v.model_uri}-${i}`}>
                <th scope="row">Variant ({v.weight}%)</th>
                <td>
                  <Route d={d} uri={v.model_uri} version={v.version} />
                </td>
              </tr>
            ))}
            {d.shadow ? (
              <tr>
                <th scope="row">Shadow ({d.shadow.percent}%)</th>
                <td>
                  <Route d={d} uri={d.shadow.model_uri} version={d.shadow.version} />
                </td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">Revision</th>
              <td>
                {d.revision} <span className="muted">updated {formatTime(d.last_updated_timestamp)}</span>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
