import { CairnError, isCairnError } from "@cairn/core";

/** What was being done when S3 failed, for messages a person can act on. */
export interface S3Context {
  /** e.g. "read 'a/b.txt'" */
  action: string;
  bucket: string;
  key: string;
  uploadId?: string;
}

// Codes of a connection that never got an answer: worth retrying, the request itself is fine.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);
const BAD_PART_CODES = new Set(["InvalidPart", "InvalidPartOrder", "EntityTooSmall", "EntityTooLarge", "MalformedXML", "InvalidArgument"]);
const CREDENTIAL_CODES = new Set(["AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "CredentialsProviderError"]);

/**
 * Turns an AWS SDK error into a CairnError that says what to do, keeping the original as cause:
 * NoSuchKey/NoSuchUpload -> RESOURCE_DOES_NOT_EXIST, S3's verdicts on parts -> INVALID_PARAMETER_VALUE,
 * an unreachable or failing S3 -> TEMPORARILY_UNAVAILABLE, server configuration problems
 * (missing bucket, refused credentials) -> INTERNAL_ERROR.
 */
export function translateS3Error(error: unknown, context: S3Context): CairnError {
  if (isCairnError(error)) return error;
  const name = error instanceof Error ? error.name : "";
  const code = (error as { code?: unknown } | undefined)?.code;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  const detail = error instanceof Error ? error.message : String(error);
  const where = `s3://${context.bucket}/${context.key}`;
  const make = (errorCode: CairnError["code"], message: string) => new CairnError(errorCode, message, { cause: error });

  if (name === "NoSuchKey" || name === "NotFound") return make("RESOURCE_DOES_NOT_EXIST", `Cannot ${context.action}: there is no artifact at ${where}.`);
  if (name === "NoSuchUpload") {
    return make("RESOURCE_DOES_NOT_EXIST", `Cannot ${context.action}: no multipart upload '${context.uploadId ?? ""}' for ${where}; it was completed, aborted or never started.`);
  }
  if (BAD_PART_CODES.has(name)) return make("INVALID_PARAMETER_VALUE", `Cannot ${context.action}: S3 refused the parts (${name}: ${detail}). Check each part's number and ETag.`);
  if (name === "NoSuchBucket") {
    return make("INTERNAL_ERROR", `Cannot ${context.action}: the S3 bucket '${context.bucket}' does not exist. Create it or fix the artifacts destination.`);
  }
  if (CREDENTIAL_CODES.has(name)) {
    return make("INTERNAL_ERROR", `Cannot ${context.action}: S3 refused the server's credentials for ${where} (${name}). Check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the bucket policy.`);
  }
  if ((typeof code === "string" && NETWORK_CODES.has(code)) || name === "TimeoutError" || name === "RequestTimeout" || (status !== undefined && status >= 500)) {
    return make("TEMPORARILY_UNAVAILABLE", `Cannot ${context.action}: S3 is unreachable or failing (${typeof code === "string" ? code : name}: ${detail}). Retry later; if it persists, check the S3 endpoint.`);
  }
  return make("INTERNAL_ERROR", `Cannot ${context.action}: S3 answered ${name || "an error"}${status ? ` (HTTP ${status})` : ""}: ${detail}`);
}
