import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { createS3ArtifactStore } from "@cairn/artifacts/s3";
import { bodyOf, readAll } from "./bodies.js";
import { expectCode } from "./expect-code.js";
import { startS3rver, TEST_BUCKET, type TestS3 } from "./s3rver-server.js";

describe("S3 artifact store", () => {
  let s3: TestS3;
  before(async () => {
    s3 = await startS3rver();
  });
  after(() => s3.stop());

  async function keysUnder(prefix: string): Promise<string[]> {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: prefix }));
    return (page.Contents ?? []).map((o) => o.Key ?? "").sort();
  }

  it("hands out presigned part URLs that a plain HTTP PUT can use, then assembles the parts", async () => {
    const store = createS3ArtifactStore({ bucket: TEST_BUCKET, prefix: "presigned", client: s3.client, presignExpiresSeconds: 120 });
    const { upload_id, credentials } = await store.createMultipartUpload("run/model.bin", 2);
    assert.deepEqual(credentials.map((c) => c.part_number), [1, 2]);
    const etags: string[] = [];
    // Sent in reverse order, as MLflow's client sends parts concurrently.
    for (const credential of [...credentials].reverse()) {
      const partUrl = credential.url ?? "";
      assert.ok(partUrl.startsWith(`${s3.endpoint}/${TEST_BUCKET}/presigned/run/model.bin?`), partUrl);
      const url = new URL(partUrl);
      assert.equal(url.searchParams.get("uploadId"), upload_id);
      assert.equal(url.searchParams.get("partNumber"), String(credential.part_number));
      assert.equal(url.searchParams.get("X-Amz-Expires"), "120");
      // The SDK would sign the CRC32 of an empty body into the URL, which real S3 refuses for any
      // real part; s3rver checks neither checksums nor V4 signatures, so only the URL shows it.
      assert.deepEqual([...url.searchParams.keys()].filter((k) => /checksum/i.test(k)), []);
      const response = await fetch(partUrl, { method: "PUT", body: `part ${credential.part_number};` });
      assert.equal(response.status, 200, await response.text());
      etags[credential.part_number] = response.headers.get("etag") ?? "";
    }
    await store.completeMultipartUpload("run/model.bin", upload_id, [
      { part_number: 2, etag: etags[2] ?? "" },
      { part_number: 1, etag: etags[1] ?? "" },
    ]);
    assert.equal((await readAll((await store.get("run/model.bin")).body)).toString(), "part 1;part 2;");
  });

  it("keeps every artifact under its prefix, normalized", async () => {
    const store = createS3ArtifactStore({ bucket: TEST_BUCKET, prefix: "/team//runs/", client: s3.client });
    await store.put("1/abc/MLmodel", bodyOf("m"));
    await store.put("1/meta.yaml", bodyOf("y"));
    assert.deepEqual(await keysUnder("team/"), ["team/runs/1/abc/MLmodel", "team/runs/1/meta.yaml"]);
    assert.deepEqual(await store.list("1"), [
      { path: "abc", is_dir: true },
      { path: "meta.yaml", is_dir: false, file_size: 1 },
    ]);

    const top = createS3ArtifactStore({ bucket: TEST_BUCKET, client: s3.client });
    assert.deepEqual(await top.list("team/runs/1/abc"), [{ path: "MLmodel", is_dir: false, file_size: 1 }]);
  });

  it("stores bodies just under, at and just over the 8 MiB part size intact", async () => {
    const store = createS3ArtifactStore({ bucket: TEST_BUCKET, prefix: "sizes", client: s3.client });
    const exact = Buffer.alloc(8 * 1024 * 1024, 1);
    const over = Buffer.alloc(8 * 1024 * 1024 + 3, 2);
    assert.deepEqual(await store.put("exact.bin", bodyOf(exact)), { size: exact.length });
    assert.deepEqual(await store.put("over.bin", bodyOf(over)), { size: over.length });
    assert.deepEqual(await store.put("under.bin", bodyOf(exact.subarray(1))), { size: exact.length - 1 });
    assert.deepEqual(await readAll((await store.get("over.bin")).body), over);
    assert.deepEqual(await store.list(""), [
      { path: "exact.bin", is_dir: false, file_size: exact.length },
      { path: "over.bin", is_dir: false, file_size: over.length },
      { path: "under.bin", is_dir: false, file_size: exact.length - 1 },
    ]);
  });

  it("reports a missing bucket as a server configuration problem", async () => {
    const store = createS3ArtifactStore({ bucket: "no-such-bucket", client: s3.client });
    await expectCode(store.get("a.txt"), "INTERNAL_ERROR", /bucket 'no-such-bucket' does not exist/);
    await expectCode(store.put("a.txt", bodyOf("x")), "INTERNAL_ERROR", /no-such-bucket/);
  });

  it("reports an unreachable S3 as TEMPORARILY_UNAVAILABLE", async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const client = new S3Client({
      endpoint: "http://127.0.0.1:1",
      forcePathStyle: true,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      maxAttempts: 1,
    });
    const unreachable = createS3ArtifactStore({ bucket: TEST_BUCKET, client });
    try {
      await expectCode(unreachable.get("a.txt"), "TEMPORARILY_UNAVAILABLE", /ECONNREFUSED/);
      await expectCode(unreachable.list(""), "TEMPORARILY_UNAVAILABLE");
      await expectCode(unreachable.put("a.txt", bodyOf("x")), "TEMPORARILY_UNAVAILABLE");
      await expectCode(unreachable.createMultipartUpload("a.txt", 2), "TEMPORARILY_UNAVAILABLE");
    } finally {
      client.destroy();
    }
  });
});
