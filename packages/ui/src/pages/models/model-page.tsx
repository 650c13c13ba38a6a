import { Link, useParams } from "react-router";
import type { RegisteredModel } from "@cairn/core";
import { cairn } from "../../api/client";
import { QueryState, usePageTitle } from "../../components/page-state";
import { formatTime } from "../../format";
import { paths } from "../../paths";
import { AliasList, SetAliasForm } from "./alias-controls";
import { DescriptionEditor } from "./description-editor";
import { useModelVersions, useRegisteredModel } from "./registry-queries";
import { TagEditor } from "./tag-editor";
import { VersionsTable } from "./versions-table";
import { LoadMore } from "../../components/load-more";
import { PermissionsPanel } from "../../components/permissions-panel";

/** A registered model: its description, versions (with stage and alias controls), aliases and tags. */
export function ModelPage() {
  const name = useParams().name ?? "";
  usePageTitle(name);
  const model = useRegisteredModel(name);
  return (
    <div className="page model-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={paths.models()}>Models</Link> /
      </nav>
      <h1>{name}</h1>
      <QueryState query={model} what="the model">
        {(data) => <ModelDetails model={data} />}
      </QueryState>
    </div>
  );
}

function ModelDetails({ model }: { model: RegisteredModel }) {
  const name = model.name;
  return (
    <>
      <p className="muted">
        Created {formatTime(model.creation_timestamp)} · last updated {formatTime(model.last_updated_timestamp)}
      </p>
      <section aria-labelledby="model-description">
        <h2 id="model-description">Description</h2>
        <DescriptionEditor description={model.description} what="model" save={(description) => cairn.registry.updateRegisteredModel({ name, description })} />
      </section>
      <section aria-labelledby="model-versions">
        <h2 id="model-versions">Versions</h2>
        <ModelVersions model={model} />
      </section>
      <section aria-labelledby="model-aliases">
        <h2 id="model-aliases">Aliases</h2>
        <AliasList name={name} aliases={model.aliases ?? []} />
      </section>
      <section aria-labelledby="model-tags">
        <h2 id="model-tags">Tags</h2>
        <TagEditor
          tags={model.tags}
          what="model"
          set={(tag) => cairn.registry.setRegisteredModelTag({ name, ...tag })}
          remove={(key) => cairn.registry.deleteRegisteredModelTag({ name, key })}
        />
      </section>
      <PermissionsPanel resource_type="registered_model" resource_id={name} />
    </>
  );
}

function ModelVersions({ model }: { model: RegisteredModel }) {
  const versions = useModelVersions(model.name);
  return (
    <QueryState query={versions} what="the versions">
      {(data) => {
        const list = data.pages.flatMap((p) => p.model_versions);
        if (list.length === 0) return <p className="empty">No versions yet: register one from a run or a logged model.</p>;
        return (
          <>
            <VersionsTable name={model.name} versions={list} aliases={model.aliases ?? []} />
            <LoadMore query={versions} what="versions" />
            <SetAliasForm name={model.name} versions={list.map((v) => v.version)} />
          </>
        );
      }}
    </QueryState>
  );
}
