import { useUrlParams } from "../../use-url-params";
import { ErrorPanel } from "../page-state";
import { ArtifactPreview } from "./artifact-preview";
import { artifactFileUrl, parentDir } from "./artifact-url";
import { ArtifactTree } from "./artifact-tree";
import { useArtifactListing } from "./use-artifacts";

/**
 * Browses the files under an artifact URI (a run's artifact_uri, or a model version's source)
 * with previews. The open file is the page's ?path=, so a file is a link and back/forward work.
 */
export function ArtifactBrowser({ artifactUri }: { artifactUri: string }) {
  const [params, updateUrl] = useUrlParams();
  const selected = params.get("path") ?? "";
  const unreachable = unreachableReason(artifactUri);
  if (unreachable) return <ErrorPanel error={unreachable} title="Cannot browse these artifacts" />;
  const select = (path: string) => updateUrl({ path }, { push: true });
  return (
    <div className="artifact-browser">
      <div className="artifact-tree-pane">
        <ArtifactTree artifactUri={artifactUri} selectedPath={selected} onSelect={select} />
      </div>
      <div className="artifact-preview-pane">
        {selected ? <SelectedFile artifactUri={artifactUri} path={selected} /> : <p className="empty">Choose a file to preview it.</p>}
      </div>
    </div>
  );
}

/** The preview, with the file's size once its directory's listing (shared with the tree) is in. */
function SelectedFile({ artifactUri, path }: { artifactUri: string; path: string }) {
  const listing = useArtifactListing(artifactUri, parentDir(path));
  const size = listing.data?.find((f) => f.path === path)?.file_size;
  return <ArtifactPreview key={path} artifactUri={artifactUri} path={path} size={size} />;
}

/** Why the proxy cannot serve this URI (a scheme other than mlflow-artifacts:), or undefined when it can. */
function unreachableReason(artifactUri: string): unknown {
  try {
    artifactFileUrl(artifactUri, "");
    return undefined;
  } catch (error) {
    return error;
  }
}
