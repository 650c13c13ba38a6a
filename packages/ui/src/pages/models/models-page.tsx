import { Link } from "react-router";
import { useUrlParams } from "../../use-url-params";
import type { ModelVersion, RegisteredModel } from "@cairn/core";
import { QueryState, usePageTitle } from "../../components/page-state";
import { formatTime } from "../../format";
import { paths } from "../../paths";
import { AliasBadge, StageBadge, TagChips } from "./registry-badges";
import { useRegisteredModels } from "./registry-queries";
import { LoadMore } from "../../components/load-more";
import { NameSearchForm } from "../../components/name-search-form";

/** The registered models (prompts left out): search by name, aliases, latest versions and tags. */
export function ModelsPage() {
  usePageTitle("Models");
  const [params, update] = useUrlParams();
  const search = params.get("q") ?? "";
  const query = useRegisteredModels(search);

  return (
    <div className="page">
      <div className="page-header">
        <h1>Models</h1>
      </div>
      <NameSearchForm what="models" value={search} onSearch={(q) => update({ q: q || undefined })} />
      <QueryState query={query} what="models">
        {(data) => {
          const models = data.pages.flatMap((p) => p.registered_models);
          if (models.length === 0) {
            return <p className="empty">{search ? `No model matches “${search}”.` : "No registered models yet. Register one from a run with the SDK or MLflow's client."}</p>;
          }
          return (
            <>
              <ModelsTable models={models} />
              <LoadMore query={query} what="models" />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function ModelsTable({ models }: { models: RegisteredModel[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table models-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Aliases</th>
            <th scope="col">Latest versions</th>
            <th scope="col">Tags</th>
            <th scope="col">Last updated</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.name}>
              <td>
                <Link to={paths.model(model.name)}>{model.name}</Link>
              </td>
              <td>
                <div className="badge-cell">
                  {(model.aliases ?? []).length === 0 ? <span className="muted">—</span> : null}
                  {(model.aliases ?? []).map((a) => (
                    <AliasBadge key={a.alias} name={model.name} alias={a.alias} version={a.version} />
                  ))}
                </div>
              </td>
              <td>
                <LatestVersions name={model.name} versions={model.latest_versions ?? []} />
              </td>
              <td>
                <TagChips tags={model.tags} />
              </td>
              <td>{formatTime(model.last_updated_timestamp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The newest version of each stage, newest first. */
function LatestVersions({ name, versions }: { name: string; versions: ModelVersion[] }) {
  if (versions.length === 0) return <span className="muted">no versions</span>;
  const newestFirst = [...versions].sort((a, b) => Number(b.version) - Number(a.version));
  return (
    <ul className="latest-versions">
      {newestFirst.map((v) => (
        <li key={v.version}>
          <Link to={paths.modelVersion(name, v.version)}>Version {v.version}</Link>
          <StageBadge stage={v.current_stage} />
        </li>
      ))}
    </ul>
  );
}
