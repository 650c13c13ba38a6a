import { invalidParameter } from "@cairn/core";

/**
 * Splits an already-normalized artifact path (resolveArtifactPath's output) into its segments,
 * refusing anything that is not in that form. It deliberately does not normalize or decode again:
 * decoding twice would turn a file literally named `a%2e` into something else, and a store must
 * never silently reinterpret a path it was handed. '' (the root) gives [].
 */
export function splitArtifactPath(path: string): string[] {
  if (path === "") return [];
  if (path.includes("\0") || path.includes("\\") || path.startsWith("/")) {
    throw invalidParameter(`Invalid artifact path '${path}': use a relative, '/'-separated path without NUL bytes or backslashes.`);
  }
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) {
    throw invalidParameter(`Invalid artifact path '${path}': empty, '.' and '..' segments are not allowed.`);
  }
  return segments;
}

/** Like splitArtifactPath, but the path must name something below the root, not the root itself. */
export function splitFilePath(path: string, action: string): string[] {
  const segments = splitArtifactPath(path);
  if (segments.length === 0) throw invalidParameter(`Cannot ${action} the artifact root itself: name a path under it.`);
  return segments;
}
