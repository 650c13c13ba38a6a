import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { createClient, type CairnClient, type TransferProgress } from "@cairn/sdk";
import { createNodeClient, nodeLocalFiles } from "@cairn/sdk/node";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

/** Writes size pseudo-random bytes chunk by chunk, returning their sha256, so the file never sits in memory whole. */
async function writeBigFile(path: string, size: number): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(path);
  let seed = 42;
  for (let written = 0; written < size; ) {
    const chunk = Buffer.alloc(Math.min(1 << 20, size - written));
    for (let i = 0; i < chunk.length; i += 4) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      chunk.writeUInt32LE(seed, i);
    }
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, "drain");
    written += chunk.length;
  }
  out.end();
  await once(out, "finish");
  return hash.digest("hex");
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

describe("client.artifacts against a real server", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  let work: string;
  let artifactUri: string;
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0, localFiles: nodeLocalFiles() });
    work = await mkdtemp(join(tmpdir(), "cairn-sdk-artifacts-"));
    const run = await client.startRun({ experiment: "artifacts", flushIntervalMs: 0 });
    artifactUri = run.info.artifact_uri;
    await run.end();
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it("uploads a nested directory and a binary file, lists them and downloads them back identical", async () => {
    const src = join(work, "src");
    await mkdir(join(src, "sub", "deeper"), { recursive: true });
    await writeFile(join(src, "a.txt"), "alpha\n");
    await writeFile(join(src, "sub", "b.json"), '{"b":1}');
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await writeFile(join(src, "sub", "deeper", "c.bin"), binary);
    const uploaded = await client.artifacts.upload(artifactUri, src, { artifactPath: "data" });
    assert.deepEqual(uploaded.files, ["data/a.txt", "data/sub/b.json", "data/sub/deeper/c.bin"]);
    assert.equal(uploaded.bytes, 6 + 7 + 256);

    assert.deepEqual(await client.artifacts.list(artifactUri), [{ path: "data", is_dir: true }]);
    assert.deepEqual(await client.artifacts.list(artifactUri, "data"), [
      { path: "data/a.txt", is_dir: false, file_size: 6 },
      { path: "data/sub", is_dir: true },
    ]);
    assert.deepEqual(await client.artifacts.list(artifactUri, "nothing/here"), []);

    const dest = join(work, "dest");
    const downloaded = await client.artifacts.download(artifactUri, "data", dest);
    assert.equal(downloaded.files.length, 3);
    assert.equal(await readFile(join(dest, "a.txt"), "utf8"), "alpha\n");
    assert.equal(await readFile(join(dest, "sub", "b.json"), "utf8"), '{"b":1}');
    assert.deepEqual(await readFile(join(dest, "sub", "deeper", "c.bin")), binary);

    const single = await client.artifacts.download(artifactUri, "data/sub/deeper/c.bin", join(work, "one"));
    assert.deepEqual(single.files, [join(work, "one", "c.bin")]);
    assert.deepEqual(await readFile(single.files[0]!), binary);
  });

  it("round-trips a 20 MB file by sha256, reporting increasing progress both ways", async () => {
    const big = join(work, "big.bin");
    const size = 20 * 1024 * 1024;
    const digest = await writeBigFile(big, size);
    const up: TransferProgress[] = [];
    await client.artifacts.upload(artifactUri, big, { artifactPath: "big", onProgress: (p) => up.push(p) });
    assert.ok(up.length > 1);
    for (let i = 1; i < up.length; i++) assert.ok(up[i]!.bytes > up[i - 1]!.bytes);
    assert.deepEqual(up.at(-1), { bytes: size, totalBytes: size, file: "big/big.bin" });

    const down: TransferProgress[] = [];
    const { files } = await client.artifacts.download(artifactUri, "big", join(work, "big-down"), { onProgress: (p) => down.push(p) });
    assert.ok(down.length > 1);
    for (let i = 1; i < down.length; i++) assert.ok(down[i]!.bytes > down[i - 1]!.bytes);
    assert.deepEqual(down.at(-1), { bytes: size, totalBytes: size, file: "big/big.bin" });
    assert.equal(await sha256Of(files[0]!), digest);
  });

  it("run.logArtifact keeps a directory's name, run.logArtifacts uploads its contents", async () => {
    const node = createNodeClient({ trackingUri: server.url, maxRetries: 0, captureSource: false, handleCrashes: false });
    const dir = join(work, "model");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "MLmodel"), "flavors: {}\n");
    await node.withRun({ experiment: "artifacts", flushIntervalMs: 0 }, async (run) => {
      await run.logArtifact(dir);
      await run.logArtifact(join(dir, "MLmodel"), "single");
      await run.logArtifacts(dir, "flat");
      const listed = (await node.artifacts.list(run.info.artifact_uri)).map((f) => f.path);
      assert.deepEqual(listed, ["flat", "model", "single"]);
      assert.deepEqual((await node.artifacts.list(run.info.artifact_uri, "model")).map((f) => f.path), ["model/MLmodel"]);
      assert.deepEqual((await node.artifacts.list(run.info.artifact_uri, "flat")).map((f) => f.path), ["flat/MLmodel"]);
    });
  });

  it("rejects unsupported URIs, missing files and transfers without a file system", async () => {
    await assert.rejects(client.artifacts.list("s3://bucket/x"), (e: Error & { code?: string }) => e.code === "INVALID_PARAMETER_VALUE" && /mlflow-artifacts:/.test(e.message) && /'s3:'/.test(e.message));
    await assert.rejects(client.artifacts.upload("file:///tmp/x", work), { code: "INVALID_PARAMETER_VALUE" });
    await assert.rejects(client.artifacts.download(artifactUri, "missing.txt", work), { code: "RESOURCE_DOES_NOT_EXIST" });
    await assert.rejects(client.artifacts.upload(artifactUri, join(work, "no-such-file")), { code: "RESOURCE_DOES_NOT_EXIST" });
    const browser = createClient({ trackingUri: server.url, maxRetries: 0 });
    await assert.rejects(browser.artifacts.upload(artifactUri, work), { code: "NOT_IMPLEMENTED" });
    // The browser-safe primitives work without it.
    await browser.artifacts.putFile(artifactUri, "raw/hello.txt", "hi");
    assert.equal(await (await browser.artifacts.getFile(artifactUri, "raw/hello.txt")).text(), "hi");
    await browser.artifacts.delete(artifactUri, "raw");
    assert.deepEqual(await browser.artifacts.list(artifactUri, "raw"), []);
  });
});
