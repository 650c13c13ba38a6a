import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { invalidParameter, type ArtifactStore } from "@cairn/core";
import { createS3ArtifactStore } from "./s3-artifact-store.js";

/** An S3 artifact store for `s3://bucket/prefix`, configured from env the way MLflow and the AWS CLI read it. */
export function s3StoreFromDestination(destination: string, env: Record<string, string | undefined>): ArtifactStore {
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
