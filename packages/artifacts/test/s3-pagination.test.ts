import { it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

it("S3 store pages through ListObjectsV2 when listing and deleting (checked in a child process on s3rver)", async () => {
  // s3rver 3.7.1 needs OpenSSL's legacy provider (DES) to answer a truncated listing at all.
  const script = fileURLToPath(new URL("./s3-pagination-check.ts", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ["--openssl-legacy-provider", "--import", "tsx", script], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    timeout: 180_000,
  });
  assert.match(stdout, /paging ok/);
});
