import { Link, useParams } from "react-router";
import type { ModelVersion } from "@cairn/core";
import { cairn } from "../../api/client";
import { ArtifactBrowser } from "../../components/artifacts/artifact-browser";
import { QueryState, usePageTitle } from "../../components/page-state";
import { paths } from "../../paths";
import { VersionApprovals } from "../approvals/version-approvals";
import { ModelMonitors } from "../monitors/model-monitors";
import { ModelCardSection } from "./model-card";
import { modelFilesLocation } from "./model-files-location";
import { useModelVersion, useVersionLineage } from "./registry-queries";
import { TagEditor } from "./tag-editor";
import { VersionLineage } from "./version-lineage";
import { VersionOverview } from "./version-overview";
import { VersionSignature } from "./version-signature";

/** One model version: overview and controls, tags, signature, lineage, approvals, model card and files. */
export function ModelVersionPage() {
  const params = useParams();
  const name = params.name ?? "";
  const version = params.version ?? "";
  usePageTitle(`${name} v${version}`);
  const query = useModelVersion(name, version);
  return (
    <div className="page version-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={paths.models()}>Models</Link> / <Link to={paths.model(name)}>{name}</Link> /
      </nav>
      <h1>
        {name} <span className="muted">version {version}</span>
      </h1>
      <QueryState query={query} what="the model version">
        {(data) => <VersionDetails version={data} />}
      </QueryState>
    </div>
  );
}

function VersionDetails({ version }: { version: ModelVersion }) {
  const { name, version: number } = version;
  const lineage = useVersionLineage(name, number);
  // The signature waits for lineage only when the source alone does not say where the files are.
  const needsLineage = !version.source.startsWith("mlflow-artifacts:") && lineage.isPending;
  return (
    <>
      <VersionOverview version={version} />
      <section aria-labelledby="version-tags">
        <h2 id="version-tags">Tags</h2>
        <TagEditor
          tags={version.tags}
          what="version"
          set={(tag) => cairn.registry.setModelVersionTag({ name, version: number, ...tag })}
          remove={(key) => cairn.registry.deleteModelVersionTag({ name, version: number, key })}
        />
      </section>
      <section aria-labelledby="version-signature">
        <h2 id="version-signature">Signature</h2>
        {needsLineage ? null : <VersionSignature modelUri={modelFilesLocation(version.source, lineage.data)} source={version.source} />}
      </section>
      <section aria-labelledby="version-lineage">
        <h2 id="version-lineage">Lineage</h2>
        <QueryState query={lineage} what="the lineage">
          {(data) => <VersionLineage lineage={data} />}
        </QueryState>
      </section>
      <section aria-labelledby="version-monitors">
        <h2 id="version-monitors">Monitors</h2>
        <ModelMonitors modelName={name} />
      </section>
      <section aria-labelledby="version-approvals">
        <h2 id="version-approvals">Approvals</h2>
        <VersionApprovals name={name} version={number} />
      </section>
      <section aria-labelledby="version-card">
        <h2 id="version-card">Model card</h2>
        <ModelCardSection name={name} version={number} />
      </section>
      <section aria-labelledby="version-artifacts">
        <h2 id="version-artifacts">Files</h2>
        <ArtifactBrowser artifactUri={version.source} />
      </section>
    </>
  );
}
