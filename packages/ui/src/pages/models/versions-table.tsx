import { Link } from "react-router";
import type { ModelVersion, RegisteredModelAlias } from "@cairn/core";
import { formatTime } from "../../format";
import { paths } from "../../paths";
import { AliasBadge, StageBadge } from "./registry-badges";
import { SourceRunLink } from "./source-run-link";
import { StageForm } from "./stage-form";

/** The versions of a model: stage (with a form to move it), aliases, status, source run and description. */
export function VersionsTable({ name, versions, aliases }: { name: string; versions: ModelVersion[]; aliases: readonly RegisteredModelAlias[] }) {
  // Search answers leave aliases out of each version (as MLflow's do): take them from the model.
  const aliasesOf = (version: string) => aliases.filter((a) => a.version === version);
  return (
    <div className="table-scroll">
      <table className="data-table versions-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Stage</th>
            <th scope="col">Aliases</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Source run</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>
                <Link to={paths.modelVersion(name, v.version)}>Version {v.version}</Link>
              </td>
              <td>
                <div className="stage-cell">
                  <StageBadge stage={v.current_stage} />
                  <StageForm key={v.current_stage} name={name} version={v.version} stage={v.current_stage} />
                </div>
              </td>
              <td>
                <div className="badge-cell">
                  {aliasesOf(v.version).map((a) => (
                    <AliasBadge key={a.alias} name={name} alias={a.alias} version={a.version} />
                  ))}
                </div>
              </td>
              <td>
                <span className={`badge ${v.status === "READY" ? "ok" : v.status === "FAILED_REGISTRATION" ? "danger" : "warn"}`}>{v.status}</span>
              </td>
              <td>{formatTime(v.creation_timestamp)}</td>
              <td>
                <SourceRunLink runId={v.run_id} />
              </td>
              <td className="description-cell">{firstLine(v.description)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A table cell shows the description's first line; the version page renders all of it. */
function firstLine(text: string | undefined): string {
  return (text ?? "").trim().split("\n")[0] ?? "";
}
