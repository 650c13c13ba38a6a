import { invalidParameter } from "./errors.js";

/**
 * Normalizes a client-supplied artifact path to a relative, '/'-separated path with no empty,
 * '.' or '..' segments. Anything that could climb out of the root — '..' (also percent-encoded
 * or backslash-separated), absolute paths, NUL bytes — is refused with INVALID_PARAMETER_VALUE.
 * The empty string (the root itself) is allowed.
 */
export function resolveArtifactPath(raw: string): string {
  let decoded = raw;
  // Decode repeatedly: a path like %252e%252e must not become '..' after a later decode.
  for (let i = 0; i < 3 && /%[0-9a-fA-F]{2}/.test(decoded); i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      throw invalidParameter(`Invalid artifact path '${raw}': it is not valid percent-encoding.`);
    }
  }
  if (decoded.includes("\0")) throw invalidParameter(`Invalid artifact path '${raw}': it contains a NUL byte.`);
  const normalized = decoded.replaceAll("\\", "/");
  if (normalized.startsWith("/") || /^[a-zA-Z]:/.test(normalized)) {
    throw invalidParameter(`Invalid artifact path '${raw}': use a path relative to the artifact root.`);
  }
  const segments = normalized.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) throw invalidParameter(`Invalid artifact path '${raw}': '..' segments are not allowed.`);
  return segments.join("/");
}
