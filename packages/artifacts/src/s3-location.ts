import type { S3Client } from "@aws-sdk/client-s3";
import { splitArtifactPath } from "./relative-path.js";
import { translateS3Error, type S3Context } from "./s3-errors.js";

/** Where an S3 store keeps its artifacts, and the client that reaches them. */
export interface S3Location {
  client: S3Client;
  bucket: string;
  /** Normalized: no leading, trailing or doubled slashes; '' for the bucket's top. */
  prefix: string;
}

/** A prefix without leading, trailing or doubled slashes. */
export function normalizePrefix(prefix: string | undefined): string {
  return (prefix ?? "").split("/").filter((s) => s !== "").join("/");
}

/** The object key of an artifact path: `${prefix}/${path}`, with no empty segments. */
export function keyFor(location: S3Location, path: string): string {
  return [location.prefix, ...splitArtifactPath(path)].filter((s) => s !== "").join("/");
}

/** The key prefix under which a directory's children live ('' or ending in '/'). */
export function dirPrefixFor(location: S3Location, dir: string): string {
  const key = keyFor(location, dir);
  return key === "" ? "" : `${key}/`;
}

/** Runs one S3 call, turning its failure into a CairnError. */
export async function callS3<T>(context: Omit<S3Context, "bucket">, location: S3Location, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateS3Error(error, { ...context, bucket: location.bucket });
  }
}
