import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from "@aws-sdk/client-s3";
import { CairnError, type ArtifactFileInfo, type ArtifactObject, type ArtifactStore } from "@cairn/core";
import { Readable } from "node:stream";
import { sortByPath } from "./listing-order.js";
import { splitFilePath } from "./relative-path.js";
import { translateS3Error } from "./s3-errors.js";
import { callS3, dirPrefixFor, keyFor, normalizePrefix, type S3Location } from "./s3-location.js";
import { createS3Multipart } from "./s3-multipart.js";
import { uploadStream } from "./s3-streaming-upload.js";
import { translatedStream } from "./translated-stream.js";

/** Options of createS3ArtifactStore. */
export interface S3ArtifactStoreOptions {
  bucket: string;
  /** Key prefix every artifact path is placed under; slashes at either end are ignored. */
  prefix?: string;
  client: S3Client;
  /** How long presigned part URLs stay valid; one hour by default. */
  presignExpiresSeconds?: number;
}

/** An ArtifactStore on an S3 bucket (or an S3-compatible server), under an optional key prefix. */
export function createS3ArtifactStore(options: S3ArtifactStoreOptions): ArtifactStore {
  const location: S3Location = { client: options.client, bucket: options.bucket, prefix: normalizePrefix(options.prefix) };
  const { client, bucket } = location;

  async function put(path: string, body: AsyncIterable<Uint8Array>): Promise<{ size: number }> {
    splitFilePath(path, "write");
    return { size: await uploadStream(location, keyFor(location, path), path, body) };
  }

  async function get(path: string): Promise<ArtifactObject> {
    splitFilePath(path, "read");
    const key = keyFor(location, path);
    const context = { action: `read '${path}'`, bucket, key };
    const object = await callS3(context, location, () => client.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
    // In Node the SDK's Body is an http.IncomingMessage (with helpers mixed in).
    if (!(object.Body instanceof Readable) || object.ContentLength === undefined) {
      throw new CairnError("INTERNAL_ERROR", `Cannot ${context.action}: S3's answer has no readable body or no length.`);
    }
    return { size: object.ContentLength, body: translatedStream(object.Body, (error) => translateS3Error(error, context)) };
  }

  async function list(dir: string): Promise<ArtifactFileInfo[]> {
    const prefix = dirPrefixFor(location, dir);
    const entries: ArtifactFileInfo[] = [];
    await forEachPage({ action: `list '${dir}'`, prefix, delimiter: "/" }, (page) => {
      for (const common of page.CommonPrefixes ?? []) {
        const name = common.Prefix?.slice(prefix.length, -1);
        if (name) entries.push({ path: name, is_dir: true });
      }
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(prefix.length);
        // An object named exactly like the prefix is a console-made "folder" marker, not a child.
        if (name) entries.push({ path: name, is_dir: false, file_size: object.Size ?? 0 });
      }
    });
    return sortByPath(entries);
  }

  async function remove(path: string): Promise<void> {
    splitFilePath(path, "delete");
    const key = keyFor(location, path);
    const action = `delete '${path}'`;
    await deleteKeys([key], action);
    // Deleting while paging is safe: a continuation token names the last key seen, not a position.
    await forEachPage({ action, prefix: `${key}/` }, async (page) => {
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [o.Key]));
      if (keys.length > 0) await deleteKeys(keys, action);
    });
  }

  /** Calls visit on every ListObjectsV2 page under prefix. */
  async function forEachPage(
    query: { action: string; prefix: string; delimiter?: string },
    visit: (page: ListObjectsV2CommandOutput) => void | Promise<void>,
  ): Promise<void> {
    let token: string | undefined;
    do {
      const page = await callS3({ action: query.action, key: query.prefix }, location, () =>
        client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: query.prefix, Delimiter: query.delimiter, ContinuationToken: token })),
      );
      await visit(page);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** One DeleteObjects call (at most 1,000 keys, as a list page is); S3 reports per-key failures in its answer. */
  async function deleteKeys(keys: string[], action: string): Promise<void> {
    const answer = await callS3({ action, key: keys[0] ?? "" }, location, () =>
      client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } })),
    );
    const failed = answer.Errors?.[0];
    if (failed !== undefined) {
      throw new CairnError("INTERNAL_ERROR", `Cannot ${action}: S3 refused to delete s3://${bucket}/${failed.Key ?? ""} (${failed.Code ?? "error"}: ${failed.Message ?? ""}).`);
    }
  }

  return { put, get, list, delete: remove, ...createS3Multipart(location, options.presignExpiresSeconds ?? 3600) };
}
