import { useQuery } from "@tanstack/react-query";
import { cairn } from "../../api/client.js";
import { artifactFileUrl } from "./artifact-url.js";
import { fetchArtifact } from "./fetch-artifact.js";
import { PREVIEW_LIMIT_BYTES } from "./preview-kind.js";

/** The query of one directory's listing; the tree and the preview share its cache entry. */
export function listingQuery(artifactUri: string, dir: string) {
  return { queryKey: ["artifacts.list", artifactUri, dir], queryFn: () => cairn.artifacts.list(artifactUri, dir) };
}

/** The files and directories directly under dir of an artifact URI. */
export function useArtifactListing(artifactUri: string, dir: string) {
  return useQuery(listingQuery(artifactUri, dir));
}

/** One artifact file's content for a preview; a refusal is final (the server said why), so no retry. */
export function useArtifactFile(artifactUri: string, path: string, as: "text" | "blob", enabled = true) {
  const url = artifactFileUrl(artifactUri, path);
  return useQuery({
    queryKey: ["artifacts.file", url, as],
    queryFn: ({ signal }) => fetchArtifact(url, as, PREVIEW_LIMIT_BYTES, signal),
    retry: false,
    staleTime: 60_000,
    enabled,
  });
}
