import { UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { S3Location } from "./s3-location.js";

/**
 * A presigned URL that lets a client PUT one part straight to S3. The SDK (since 3.729, with its
 * default requestChecksumCalculation) signs a CRC32 of the *empty* body into the URL
 * (`x-amz-checksum-crc32=AAAAAA==`), which real S3 then holds against the part's bytes and refuses;
 * the checksum headers are removed before signing, whatever the client's configuration.
 */
export async function presignPartUrl(location: S3Location, key: string, uploadId: string, partNumber: number, expiresIn: number): Promise<string> {
  const command = new UploadPartCommand({ Bucket: location.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber });
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      for (const header of Object.keys(request.headers ?? {})) {
        if (header.startsWith("x-amz-checksum-") || header === "x-amz-sdk-checksum-algorithm") delete request.headers?.[header];
      }
      return next(args);
    },
    // The checksum middleware runs in the build step at normal priority: low comes after it.
    { step: "build", priority: "low", name: "cairnDropPresignedChecksum" },
  );
  return getSignedUrl(location.client, command, { expiresIn });
}
