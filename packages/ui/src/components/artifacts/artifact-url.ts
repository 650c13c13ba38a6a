import { joinArtifactPath, proxyPathOf } from "@cairn/sdk";

/** The same-origin proxy URL that downloads one file under an artifact URI; throws for URIs the proxy cannot serve. */
export function artifactFileUrl(artifactUri: string, path: string): string {
  const full = joinArtifactPath(proxyPathOf(artifactUri), path);
  return `/api/2.0/mlflow-artifacts/artifacts/${full.split("/").map(encodeURIComponent).join("/")}`;
}

/** The last segment of an artifact path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The directory holding an artifact path ("" at the root). */
export function parentDir(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** Every directory above an artifact path, outermost first: "a/b/c.txt" -> ["a", "a/b"]. */
export function ancestorDirs(path: string): string[] {
  const parts = path.split("/").filter((p) => p !== "");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}
