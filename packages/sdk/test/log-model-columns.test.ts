import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { schemaJson, type CairnClient } from "@cairn/sdk";
import { createNodeClient } from "@cairn/sdk/node";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("run.logModel with a column-based signature", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  let work: string;
  let onnxPath: string;

  before(async () => {
    server = await startEphemeralServer();
    client = createNodeClient({ trackingUri: server.url, maxRetries: 0, captureSource: false, handleCrashes: false });
    work = await mkdtemp(join(tmpdir(), "cairn-sdk-columns-"));
    onnxPath = join(work, "model.onnx");
    await writeFile(onnxPath, Buffer.from([0x08, 0x07]));
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it("writes MLflow's ColSpec JSON (type, name, required) for inputs, and tensor specs still for outputs", async () => {
    const run = await client.startRun({ experiment: "columns", flushIntervalMs: 0 });
    const result = await run.logModel({
      onnx: onnxPath,
      signature: {
        inputs: [{ name: "age", type: "double" }, { name: "plan", type: "long", required: false }],
        outputs: [{ dtype: "float32", shape: [-1, 1] }],
      },
    });
    await run.end();
    const dest = join(work, "download");
    await client.artifacts.download(result.artifactUri, "", dest);
    const mlmodel = await readFile(join(dest, "MLmodel"), "utf8");
    const inputs = /^ {2}inputs: '(.*)'$/m.exec(mlmodel)?.[1];
    assert.equal(inputs, '[{"type": "double", "name": "age", "required": true}, {"type": "long", "name": "plan", "required": false}]');
    assert.deepEqual(JSON.parse(inputs!), [
      { type: "double", name: "age", required: true },
      { type: "long", name: "plan", required: false },
    ]);
    assert.match(mlmodel, /^ {2}outputs: '\[\{"type": "tensor", "tensor-spec": \{"dtype": "float32", "shape": \[-1, 1\]\}\}\]'$/m);
  });

  it("refuses bad column specs before creating anything", async () => {
    const run = await client.startRun({ experiment: "columns-bad", flushIntervalMs: 0 });
    const cases: [unknown, RegExp][] = [
      [[{ name: "age", type: "decimal" }], /unknown column type 'decimal'.*double/],
      [[{ name: "", type: "double" }], /needs a non-empty name/],
      [[{ name: "a", type: "double" }, { name: "a", type: "long" }], /'a' is named twice/],
      [[{ name: "a", type: "double" }, { dtype: "float32", shape: [-1] }], /mixes column specs/],
      [[{ name: "a", type: "double", required: "yes" }], /required must be true or false/],
    ];
    for (const [inputs, message] of cases) {
      await assert.rejects(run.logModel({ onnx: onnxPath, signature: { inputs: inputs as never, outputs: [] } }), { code: "INVALID_PARAMETER_VALUE", message });
    }
    await run.end();
    const { models } = await client.loggedModels.search({ experiment_ids: [run.info.experiment_id] });
    assert.equal(models.length, 0, "a refused logModel creates no logged model");
  });

  it("keeps tensor specs byte for byte", () => {
    assert.equal(schemaJson([{ name: "x", dtype: "float32", shape: [-1, 4] }]), '[{"name": "x", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]');
    assert.equal(schemaJson([{ name: "x", type: "double" }]), '[{"type": "double", "name": "x", "required": true}]');
  });
});
