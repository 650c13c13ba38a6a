import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { createArtifactStore } from "@cairn/artifacts";
import { bodyOf } from "./bodies.js";
import { expectCode } from "./expect-code.js";
import { startS3rver, TEST_BUCKET, type TestS3 } from "./s3rver-server.js";

describe("createArtifactStore", () => {
  let s3: TestS3;
  let dir = "";
  before(async () => {
    s3 = await startS3rver();
    dir = mkdtempSync(join(tmpdir(), "cairn-create-"));
  });
  after(async () => {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const credentials = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
  const keys = async (prefix: string) =>
    ((await s3.client.send(new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: prefix }))).Contents ?? []).map((o) => o.Key);
  /** The region a store signs with, read from a presigned part URL's credential scope. */
  const signingRegion = async (env: Record<string, string>) => {
    const store = await createArtifactStore(`s3://${TEST_BUCKET}/regions`, { MLFLOW_S3_ENDPOINT_URL: s3.endpoint, ...credentials, ...env });
    const { credentials: parts } = await store.createMultipartUpload("r.bin", 1);
    return new URL(parts[0]?.url ?? "").searchParams.get("X-Amz-Credential")?.split("/")[2];
  };

  it("opens s3://bucket/prefix on the endpoint and credentials the environment names", async () => {
    const store = await createArtifactStore(`s3://${TEST_BUCKET}/team//runs/`, { MLFLOW_S3_ENDPOINT_URL: s3.endpoint, ...credentials });
    await store.put("1/a.txt", bodyOf("a"));
    assert.deepEqual(await keys("team/"), ["team/runs/1/a.txt"]);

    const top = await createArtifactStore(`s3://${TEST_BUCKET}`, { AWS_ENDPOINT_URL: s3.endpoint, ...credentials });
    await top.put("top.txt", bodyOf("t"));
    assert.deepEqual(await keys("top"), ["top.txt"]);
  });

  it("signs for AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1", async () => {
    assert.equal(await signingRegion({ AWS_REGION: "eu-west-3", AWS_DEFAULT_REGION: "ap-south-1" }), "eu-west-3");
    assert.equal(await signingRegion({ AWS_DEFAULT_REGION: "ap-south-1" }), "ap-south-1");
    assert.equal(await signingRegion({}), "us-east-1");
  });

  it("opens file:///abs and plain paths as local directories, creating them", async () => {
    const viaUrl = join(dir, "from url", "nested");
    const store = await createArtifactStore(pathToFileURL(viaUrl).href);
    assert.ok(existsSync(viaUrl));
    await store.put("a.txt", bodyOf("a"));
    assert.equal(readFileSync(join(viaUrl, "a.txt"), "utf8"), "a");

    const plain = join(dir, "plain", "path");
    const local = await createArtifactStore(plain);
    assert.ok(existsSync(plain));
    await local.put("b.txt", bodyOf("b"));
    assert.equal(readFileSync(join(plain, "b.txt"), "utf8"), "b");
  });

  it("refuses destinations it cannot open, naming the accepted forms", async () => {
    for (const bad of ["gs://bucket/x", "http://host/x", "mlflow-artifacts:/", "hdfs:///x"]) {
      await expectCode(createArtifactStore(bad), "INVALID_PARAMETER_VALUE", /s3:\/\/bucket\/prefix, file:\/\/\/absolute\/path or a plain directory path/);
    }
    await expectCode(createArtifactStore(""), "INVALID_PARAMETER_VALUE", /empty/);
    for (const bad of ["s3://", "s3:///prefix", "s3:bucket"]) {
      await expectCode(createArtifactStore(bad), "INVALID_PARAMETER_VALUE", /name a bucket/);
    }
    await expectCode(createArtifactStore("file://remote-host/srv/artifacts"), "INVALID_PARAMETER_VALUE", /absolute path/);
  });
});
