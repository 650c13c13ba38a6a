import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { invalidParameter, type ArtifactStore } from "@cairn/core";
import { translateFsError } from "./fs-errors.js";
import { createLocalArtifactStore } from "./local-artifact-store.js";

const ACCEPTED = "Use s3://bucket/prefix, file:///absolute/path or a plain directory path.";

/**
 * The artifact store an artifacts destination names (MLflow's --artifacts-destination forms):
 * `s3://bucket/prefix` -> S3, configured from env the way MLflow and the AWS CLI read it;
 * `file:///abs` or a plain path -> a local directory, created if missing. The AWS SDK is loaded
 * only for S3, so a server on a local directory does not carry it in memory.
 */
export async function createArtifactStore(destination: string, env: Record<string, string | undefined> = {}): Promise<ArtifactStore> {
  if (destination.trim() === "") throw invalidParameter(`The artifacts destination is empty. ${ACCEPTED}`);
  // A one-letter "scheme" is a Windows drive (C:\...), so it counts as a plain path.
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(destination)?.[1]?.toLowerCase();
  if (scheme === "s3") return (await import("./s3-from-destination.js")).s3StoreFromDestination(destination, env);
  if (scheme === "file") return localStore(fileUrlPath(destination));
  if (scheme !== undefined) throw invalidParameter(`Unsupported artifacts destination '${destination}': '${scheme}:' is not a storage Cairn knows. ${ACCEPTED}`);
  return localStore(resolve(destination));
}

function fileUrlPath(destination: string): string {
  try {
    return fileURLToPath(destination);
  } catch (error) {
    throw invalidParameter(`Invalid artifacts destination '${destination}' (${(error as Error).message}). A file URL needs an absolute path, as in file:///srv/artifacts.`);
  }
}

function localStore(dir: string): ArtifactStore {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw translateFsError(error, `create the artifact directory '${dir}'`);
  }
  return createLocalArtifactStore(dir);
}
