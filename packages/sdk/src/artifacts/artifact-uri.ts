import { CairnError } from "@cairn/core";

/** The artifact URI schemes this client can read and write (through the server's artifact proxy). */
export const SUPPORTED_ARTIFACT_SCHEMES = ["mlflow-artifacts:"] as const;

/**
 * The proxy path (relative to the server's artifacts destination) of an artifact URI:
 * `mlflow-artifacts:/1/abc/artifacts` -> `1/abc/artifacts`. MLflow also writes the server into
 * the URI (`mlflow-artifacts://host:port/...`); the host is ignored because this client always
 * talks to its own tracking server, as MLflow's client does when the host matches.
 */
export function proxyPathOf(artifactUri: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?(\/.*)?$/.exec(artifactUri);
  if (!match) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(artifactUri)?.[1];
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `Artifact URI '${artifactUri}' ${scheme ? `uses the scheme '${scheme}:', which this client cannot reach` : "has no scheme"}. ` +
        `Supported: ${SUPPORTED_ARTIFACT_SCHEMES.join(", ")} (served by the tracking server's artifact proxy, e.g. mlflow-artifacts:/1/<run_id>/artifacts).`,
    );
  }
  return trimSlashes(match[1] ?? "");
}

/** Joins artifact path segments with "/", dropping empty ones and stray slashes. */
export function joinArtifactPath(...parts: (string | undefined)[]): string {
  return parts.map((p) => trimSlashes(p ?? "")).filter((p) => p !== "").join("/");
}

/** Each segment percent-encoded, the slashes kept, for use in a URL path. */
export function encodeArtifactPath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, "");
}
