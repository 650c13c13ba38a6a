import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type CairnClient } from "@cairn/sdk";
import { createNodeClient } from "@cairn/sdk/node";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("client.downloadModel", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  let work: string;
  before(async () => {
    server = await startEphemeralServer();
    client = createNodeClient({ trackingUri: server.url, maxRetries: 0, captureSource: false, handleCrashes: false });
    work = await mkdtemp(join(tmpdir(), "cairn-sdk-model-"));
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it("downloads the files of a version registered from runs:/<id>/model, by alias", async () => {
    const model = join(work, "model");
    await mkdir(join(model, "data"), { recursive: true });
    await writeFile(join(model, "MLmodel"), "flavors:\n  onnx: {}\n");
    await writeFile(join(model, "data", "weights.bin"), Buffer.from([0, 1, 2, 255]));
    const runId = await client.withRun({ experiment: "models", flushIntervalMs: 0 }, async (run) => {
      await run.logArtifact(model);
      return run.runId;
    });
    const version = await client.registry.registerModel("churn", `runs:/${runId}/model`, { runId });
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: version.version });

    const dest = join(work, "out");
    const result = await client.downloadModel("models:/churn@champion", dest);
    assert.equal(result.version.version, version.version);
    assert.equal(result.files.length, 2);
    assert.equal(await readFile(join(dest, "MLmodel"), "utf8"), "flavors:\n  onnx: {}\n");
    assert.deepEqual(await readFile(join(dest, "data", "weights.bin")), Buffer.from([0, 1, 2, 255]));
  });

  it("downloads a version whose source is an mlflow-artifacts URI, and needs a file system", async () => {
    const run = await client.startRun({ experiment: "models", flushIntervalMs: 0 });
    await client.artifacts.putFile(run.info.artifact_uri, "direct/model.onnx", "onnx-bytes");
    await run.end();
    await client.registry.registerModel("direct", `${run.info.artifact_uri}/direct`);
    const result = await client.downloadModel("models:/direct/1", join(work, "direct"));
    assert.equal(await readFile(join(work, "direct", "model.onnx"), "utf8"), "onnx-bytes");
    assert.equal(result.files.length, 1);
    const browser = createClient({ trackingUri: server.url, maxRetries: 0 });
    await assert.rejects(browser.downloadModel("models:/direct/1", work), { code: "NOT_IMPLEMENTED" });
    await assert.rejects(client.downloadModel("models:/direct@none", work), { code: "RESOURCE_DOES_NOT_EXIST" });
  });
});
