import { Link } from "react-router";
import type { Deployment } from "@cairn/core";
import { formatTime } from "../../format";
import { paths } from "../../paths";
import { deploymentStrategy } from "./deployment-strategy";

/** Deployments as a table: name, model and its primary version, strategy, revision and a link to their monitors. */
export function DeploymentsTable({ deployments }: { deployments: readonly Deployment[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table deployments-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Model</th>
            <th scope="col">Strategy</th>
            <th scope="col">Revision</th>
            <th scope="col">Last updated</th>
            <th scope="col">Monitors</th>
          </tr>
        </thead>
        <tbody>
          {deployments.map((d) => (
            <tr key={d.name} data-deployment={d.name}>
              <td>
                <Link to={paths.deployment(d.name)}>{d.name}</Link>
              </td>
              <td>
                <Link to={paths.model(d.model_name)}>{d.model_name}</Link>
                {d.primary.version !== null ? (
                  <>
                    {" "}
                    <Link to={paths.modelVersion(d.model_name, d.primary.version)} aria-label={`${d.model_name} version ${d.primary.version}`}>
                      v{d.primary.version}
                    </Link>
                  </>
                ) : (
                  <span className="badge warn">primary version missing</span>
                )}
              </td>
              <td>{deploymentStrategy(d)}</td>
              <td className="num">{d.revision}</td>
              <td>{formatTime(d.last_updated_timestamp)}</td>
              <td>
                <Link to={paths.monitors({ deployment: d.name })} aria-label={`Monitors of ${d.name}`}>
                  Monitors
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
