import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NoSuchBucket, NoSuchKey, NoSuchUpload, S3ServiceException } from "@aws-sdk/client-s3";
import { CairnError, invalidParameter } from "@cairn/core";
import { translateS3Error } from "../src/s3-errors.js";

// s3rver never gives several of real S3's answers (see S3RVER_GAPS in each-artifact-store.ts), so
// their translation is checked here on the SDK's own exception types, built as the SDK builds them.
const context = { action: "complete the multipart upload to 'run/model.bin'", bucket: "ml", key: "team/run/model.bin", uploadId: "up-123" };

function s3Error(name: string, status: number, message = `${name} happened`): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status }, message });
}

describe("translateS3Error", () => {
  it("maps missing objects and uploads to RESOURCE_DOES_NOT_EXIST, naming them", () => {
    const key = translateS3Error(new NoSuchKey({ message: "The specified key does not exist.", $metadata: { httpStatusCode: 404 } }), context);
    assert.equal(key.code, "RESOURCE_DOES_NOT_EXIST");
    assert.match(key.message, /s3:\/\/ml\/team\/run\/model\.bin/);
    const upload = translateS3Error(new NoSuchUpload({ message: "The specified upload does not exist.", $metadata: { httpStatusCode: 404 } }), context);
    assert.equal(upload.code, "RESOURCE_DOES_NOT_EXIST");
    assert.match(upload.message, /up-123/);
  });

  it("maps S3's verdicts on parts to INVALID_PARAMETER_VALUE", () => {
    for (const name of ["InvalidPart", "InvalidPartOrder", "EntityTooSmall"]) {
      const error = translateS3Error(s3Error(name, 400), context);
      assert.equal(error.code, "INVALID_PARAMETER_VALUE", name);
      assert.match(error.message, new RegExp(name));
    }
  });

  it("maps a missing bucket and refused credentials to INTERNAL_ERROR that says what to fix", () => {
    const bucket = translateS3Error(new NoSuchBucket({ message: "The specified bucket does not exist", $metadata: { httpStatusCode: 404 } }), context);
    assert.equal(bucket.code, "INTERNAL_ERROR");
    assert.match(bucket.message, /bucket 'ml' does not exist/);
    const denied = translateS3Error(s3Error("AccessDenied", 403), context);
    assert.equal(denied.code, "INTERNAL_ERROR");
    assert.match(denied.message, /AWS_ACCESS_KEY_ID/);
  });

  it("maps S3 failures and broken connections to TEMPORARILY_UNAVAILABLE", () => {
    assert.equal(translateS3Error(s3Error("SlowDown", 503), context).code, "TEMPORARILY_UNAVAILABLE");
    assert.equal(translateS3Error(s3Error("InternalError", 500), context).code, "TEMPORARILY_UNAVAILABLE");
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    assert.equal(translateS3Error(reset, context).code, "TEMPORARILY_UNAVAILABLE");
  });

  it("keeps the original as cause, and passes CairnErrors through", () => {
    const original = s3Error("SomethingNew", 409);
    const translated = translateS3Error(original, context);
    assert.equal(translated.code, "INTERNAL_ERROR");
    assert.equal(translated.cause, original);
    assert.match(translated.message, /SomethingNew.*HTTP 409/);
    const coded = invalidParameter("already translated");
    assert.equal(translateS3Error(coded, context), coded);
    assert.ok(translated instanceof CairnError);
  });
});
