import type { ModelVersion } from "@cairn/core";
import { cairn } from "../../api/client";
import { formatTime } from "../../format";
import { SetAliasForm } from "./alias-controls";
import { DescriptionEditor } from "./description-editor";
import { AliasBadge, StageBadge } from "./registry-badges";
import { SourceRunLink } from "./source-run-link";
import { StageForm } from "./stage-form";

/** A version's facts (stage, aliases, status, times, source, run) with its stage and alias controls and description. */
export function VersionOverview({ version }: { version: ModelVersion }) {
  const { name, version: number } = version;
  return (
    <section aria-labelledby="version-overview">
      <h2 id="version-overview" className="visually-hidden">
        Overview
      </h2>
      <div className="table-scroll">
        <table className="data-table kv-table version-facts">
          <tbody>
            <tr>
              <th scope="row">Stage</th>
              <td>
                <div className="stage-cell">
                  <StageBadge stage={version.current_stage} />
                  <StageForm key={version.current_stage} name={name} version={number} stage={version.current_stage} />
                </div>
              </td>
            </tr>
            <tr>
              <th scope="row">Aliases</th>
              <td>
                <div className="badge-cell">
                  {(version.aliases ?? []).length === 0 ? <span className="muted">none</span> : null}
                  {(version.aliases ?? []).map((alias) => (
                    <AliasBadge key={alias} name={name} alias={alias} version={number} />
                  ))}
                </div>
                <SetAliasForm name={name} versions={[number]} />
              </td>
            </tr>
            <tr>
              <th scope="row">Status</th>
              <td>
                {version.status}
                {version.status_message ? <span className="muted"> — {version.status_message}</span> : null}
              </td>
            </tr>
            <tr>
              <th scope="row">Created</th>
              <td>{formatTime(version.creation_timestamp)}</td>
            </tr>
            <tr>
              <th scope="row">Last updated</th>
              <td>{formatTime(version.last_updated_timestamp)}</td>
            </tr>
            <tr>
              <th scope="row">Source</th>
              <td className="mono cell-wrap">{version.source}</td>
            </tr>
            <tr>
              <th scope="row">Source run</th>
              <td>
                <SourceRunLink runId={version.run_id} />
              </td>
            </tr>
            {version.model_id ? (
              <tr>
                <th scope="row">Logged model</th>
                <td className="mono">{version.model_id}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <h3>Description</h3>
      <DescriptionEditor description={version.description} what="version" save={(description) => cairn.registry.updateModelVersion({ name, version: number, description })} />
    </section>
  );
}
