// Run by s3-pagination.test.ts in a child process started with --openssl-legacy-provider: s3rver
// 3.7.1 encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 refuses otherwise.
// Exits non-zero (an uncaught assertion) when paging is wrong.
import assert from "node:assert/strict";
import { createS3ArtifactStore } from "@cairn/artifacts/s3";
import { bodyOf } from "./bodies.js";
import { startS3rver, TEST_BUCKET } from "./s3rver-server.js";

const s3 = await startS3rver();
try {
  const store = createS3ArtifactStore({ bucket: TEST_BUCKET, prefix: "paging", client: s3.client });
  const names = Array.from({ length: 2100 }, (_, i) => `f${String(i).padStart(4, "0")}`);
  for (let i = 0; i < names.length; i += 100) {
    await Promise.all(names.slice(i, i + 100).map((name) => store.put(`many/${name}`, bodyOf("x"))));
  }
  await store.put("many/sub/inner.txt", bodyOf("y"));
  await store.put("keep.txt", bodyOf("k"));

  const listed = await store.list("many");
  assert.equal(listed.length, 2101, "three pages of children");
  assert.deepEqual(listed.map((e) => e.path), [...names, "sub"]);

  await store.delete("many");
  assert.deepEqual(await store.list("many"), []);
  assert.deepEqual(await store.list(""), [{ path: "keep.txt", is_dir: false, file_size: 1 }]);
  console.log("paging ok");
} finally {
  await s3.stop();
}
