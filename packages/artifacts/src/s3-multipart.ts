import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { CairnError, invalidParameter, type ArtifactStore, type CompletedPart, type MultipartCredential } from "@cairn/core";
import { readAtMost } from "./body-buffers.js";
import { checkNumParts, checkPartNumber, sortCompletedParts } from "./multipart-parts.js";
import { splitFilePath } from "./relative-path.js";
import { callS3, keyFor, type S3Location } from "./s3-location.js";
import { presignPartUrl } from "./s3-presign.js";
import { abortUploadAfter } from "./s3-streaming-upload.js";
import { readUploadBody } from "./upload-body.js";

type Multipart = Pick<ArtifactStore, "createMultipartUpload" | "uploadPart" | "completeMultipartUpload" | "abortMultipartUpload">;

/** The largest part the server relays to S3 itself; parts are held in memory, since S3 needs their length first. */
export const MAX_RELAYED_PART_BYTES = 64 * 1024 * 1024;

/**
 * Multipart uploads on S3: each credential carries a presigned UploadPart URL, so MLflow's client
 * PUTs parts straight to S3 and the server only starts, completes or aborts the upload.
 */
export function createS3Multipart(location: S3Location, presignExpiresSeconds: number): Multipart {
  const { client, bucket } = location;

  async function createMultipartUpload(path: string, numParts: number): Promise<{ upload_id: string; credentials: MultipartCredential[] }> {
    splitFilePath(path, "upload to");
    checkNumParts(numParts);
    const key = keyFor(location, path);
    const action = `start a multipart upload to '${path}'`;
    const created = await callS3({ action, key }, location, () => client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key })));
    const uploadId = created.UploadId;
    if (uploadId === undefined) throw new CairnError("INTERNAL_ERROR", `Cannot ${action}: S3 answered without an UploadId.`);
    try {
      const numbers = Array.from({ length: numParts }, (_, i) => i + 1);
      const urls = await Promise.all(numbers.map((n) => presignPartUrl(location, key, uploadId, n, presignExpiresSeconds)));
      return { upload_id: uploadId, credentials: numbers.map((n, i) => ({ part_number: n, url: urls[i] })) };
    } catch (error) {
      // Nobody would ever learn this upload's id: abort it rather than leave it behind.
      throw await abortUploadAfter(location, key, uploadId, error, `presign the part URLs of '${path}'`);
    }
  }

  async function uploadPart(path: string, uploadId: string, partNumber: number, body: AsyncIterable<Uint8Array>): Promise<string> {
    splitFilePath(path, "upload to");
    checkPartNumber(partNumber);
    const key = keyFor(location, path);
    const bytes = await readAtMost(readUploadBody(body, path), MAX_RELAYED_PART_BYTES, () =>
      invalidParameter(`Part ${partNumber} of '${path}' is larger than the ${MAX_RELAYED_PART_BYTES / 2 ** 20} MiB the server relays to S3: PUT it to its presigned url instead.`),
    );
    const action = `store part ${partNumber} of '${path}'`;
    const uploaded = await callS3({ action, key, uploadId }, location, () =>
      client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: bytes })),
    );
    if (uploaded.ETag === undefined) throw new CairnError("INTERNAL_ERROR", `Cannot ${action}: S3 answered without an ETag.`);
    return uploaded.ETag;
  }

  async function completeMultipartUpload(path: string, uploadId: string, parts: CompletedPart[]): Promise<void> {
    splitFilePath(path, "upload to");
    const sorted = sortCompletedParts(parts);
    const key = keyFor(location, path);
    const Parts = sorted.map((p) => ({ PartNumber: p.part_number, ETag: p.etag }));
    await callS3({ action: `complete the multipart upload to '${path}'`, key, uploadId }, location, () =>
      client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts } })),
    );
  }

  async function abortMultipartUpload(path: string, uploadId: string): Promise<void> {
    splitFilePath(path, "upload to");
    const key = keyFor(location, path);
    await callS3({ action: `abort the multipart upload to '${path}'`, key, uploadId }, location, () =>
      client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })),
    );
  }

  return { createMultipartUpload, uploadPart, completeMultipartUpload, abortMultipartUpload };
}
