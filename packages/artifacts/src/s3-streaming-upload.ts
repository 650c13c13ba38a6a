import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import type { CompletedPart } from "@aws-sdk/client-s3";
import { CairnError, invalidParameter } from "@cairn/core";
import { fixedSizeChunks } from "./body-buffers.js";
import { MAX_PARTS } from "./multipart-parts.js";
import { translateS3Error } from "./s3-errors.js";
import { callS3, type S3Location } from "./s3-location.js";
import { readUploadBody } from "./upload-body.js";

/** The first parts' size; a body shorter than this goes up in one PutObject. */
export const PART_SIZE = 8 * 1024 * 1024;

/**
 * The size of part index (0-based): 8 MiB, growing by 8 MiB every 1,000 parts. S3 allows 10,000
 * parts, so fixed 8 MiB parts would cap an artifact at 80 GiB; growing ones reach about 430 GiB
 * while small artifacts keep small parts.
 */
export function partSize(index: number): number {
  return PART_SIZE * (1 + Math.floor(index / 1000));
}

/**
 * Streams body to key: one PutObject when it is shorter than a part, else a multipart upload,
 * one part in memory at a time, aborted if anything fails so no partial object ever appears.
 * Returns the number of bytes stored.
 */
export async function uploadStream(location: S3Location, key: string, path: string, body: AsyncIterable<Uint8Array>): Promise<number> {
  const { client, bucket } = location;
  const action = `write '${path}'`;
  // One part buffer, refilled for each part: the SDK is done with a part's bytes once S3 has
  // answered, but an idle keep-alive socket keeps referring to its last request's body, so fresh
  // buffers would stay alive one per pooled socket.
  const chunks = fixedSizeChunks(readUploadBody(body, path), partSize, { reuse: true });
  try {
    const first = await chunks.next();
    const firstChunk = first.done ? Buffer.alloc(0) : first.value;
    if (firstChunk.length < partSize(0)) {
      await callS3({ action, key }, location, () => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: firstChunk })));
      return firstChunk.length;
    }
    const created = await callS3({ action, key }, location, () => client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key })));
    const uploadId = created.UploadId;
    if (uploadId === undefined) throw new CairnError("INTERNAL_ERROR", `Cannot ${action}: S3 started a multipart upload without an UploadId.`);
    try {
      const parts: CompletedPart[] = [];
      let size = 0;
      for (let chunk: Buffer | undefined = firstChunk; chunk !== undefined; ) {
        const partNumber = parts.length + 1;
        if (partNumber > MAX_PARTS) throw invalidParameter(`Cannot ${action}: it is larger than the ${MAX_PARTS} parts an S3 multipart upload allows.`);
        const uploaded = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: chunk }));
        parts.push({ PartNumber: partNumber, ETag: uploaded.ETag });
        size += chunk.length;
        const next = await chunks.next();
        chunk = next.done ? undefined : next.value;
      }
      await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      return size;
    } catch (error) {
      throw await abortUploadAfter(location, key, uploadId, error, action);
    }
  } finally {
    await chunks.return(undefined); // releases the body (a request stream, say) when we stop early
  }
}

/** Aborts an upload after error and returns the error to throw: error's, plus the abort's if that failed too. */
export async function abortUploadAfter(location: S3Location, key: string, uploadId: string, error: unknown, action: string): Promise<CairnError> {
  const failure = translateS3Error(error, { action, bucket: location.bucket, key, uploadId });
  try {
    await location.client.send(new AbortMultipartUploadCommand({ Bucket: location.bucket, Key: key, UploadId: uploadId }));
    return failure;
  } catch (abortError) {
    const reason = abortError instanceof Error ? `${abortError.name}: ${abortError.message}` : String(abortError);
    return new CairnError(failure.code, `${failure.message} Aborting multipart upload '${uploadId}' failed as well (${reason}); its parts stay in S3 until a lifecycle rule removes them.`, {
      cause: new AggregateError([error, abortError]),
    });
  }
}
