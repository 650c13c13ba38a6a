import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { invalidParameter, type ArtifactStore } from "@cairn/core";
import { translateFsError } from "./fs-errors.js";
import { createLocalArtifactStore } from "./local-artifact-store.js";
import { createS3ArtifactStore } from "./s3-artifact-store.js";

const ACCEPTED = "Use s3://bucket/prefix, file:///absolute/path or a plain directory path.";

/**
 * The artifact store an artifacts destination names (MLflow's --artifacts-destination forms):
 * `s3://bucket/prefix` -> S3, configured from env the way MLflow and the AWS CLI read it;
 * `file:///abs` or a plain path -> a local directory, created if missing.
 */
export function createArtifactStore(destination: string, env: Record<string, string | undefined> = {}): ArtifactStore {
  if (destination.trim() === "") throw invalidParameter(`The artifacts destination is empty. ${ACCEPTED}`);
  // A one-letter "scheme" is a Windows drive (C:\...), so it counts as a plain path.
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(destination)?.[1]?.toLowerCase();
  if (scheme === "s3") return s3Store(destination, env);
  if (scheme === "file") return localStore(fileUrlPath(destination));
  if (scheme !== undefined) throw invalidParameter(`Unsupported artifacts destination '${destination}': '${scheme}:' is not a storage Cairn knows. ${ACCEPTED}`);
  return localStore(resolve(destination));
}

function s3Store(destination: string, env: Record<string, string | undefined>): ArtifactStore {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(destination);
  const bucket = match?.[1];
  if (bucket === undefined) throw invalidParameter(`Invalid artifacts destination '${destination}': name a bucket, as in s3://bucket/prefix.`);
  const config: S3ClientConfig = { region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1" };
  const endpoint = env.MLFLOW_S3_ENDPOINT_URL || env.AWS_ENDPOINT_URL;
  if (endpoint) {
    // S3-compatible servers (MinIO, Ceph, ...) address buckets by path, and vary in their support
    // of the SDK's default flexible checksums: send and check them only where S3 requires them.
    Object.assign(config, { endpoint, forcePathStyle: true, requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" });
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    config.credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN || undefined };
  }
  return createS3ArtifactStore({ bucket, prefix: match?.[2] ?? "", client: new S3Client(config) });
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
