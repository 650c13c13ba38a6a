import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, toYaml, type CairnClient, type LogModelOptions } from "@cairn/sdk";
import { createNodeClient } from "@cairn/sdk/node";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

/** The value of a top-level or indented `key: value` line of an MLmodel (test-only; no YAML dependency). */
function yamlField(text: string, key: string, indent = ""): string | undefined {
  const match = new RegExp(`^${indent}${key.replace(/[.]/g, "\\.")}: (.*)$`, "m").exec(text);
  return match?.[1];
}

/** Undoes the emitter's single quoting. */
const unquote = (value: string | undefined) => (value?.startsWith("'") ? value.slice(1, -1).replace(/''/g, "'") : value);

describe("run.logModel", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  let work: string;
  // A fake .onnx file: the package format (MLmodel, files, lineage) is what is tested, not
  // inference, so no onnxruntime is needed; the bytes only need to round-trip unchanged.
  const onnxBytes = Buffer.from([0x08, 0x07, 0x12, 0x04, 0x74, 0x65, 0x73, 0x74, 0x00, 0xff, 0x80, 0x3a]);
  let onnxPath: string;
  const signature: LogModelOptions["signature"] = {
    inputs: [{ name: "input", dtype: "float32", shape: [-1, 4] }],
    outputs: [{ name: "output", dtype: "int64", shape: [-1] }],
  };

  before(async () => {
    server = await startEphemeralServer();
    client = createNodeClient({ trackingUri: server.url, maxRetries: 0, captureSource: false, handleCrashes: false });
    work = await mkdtemp(join(tmpdir(), "cairn-sdk-log-model-"));
    onnxPath = join(work, "iris.onnx");
    await writeFile(onnxPath, onnxBytes);
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it("logs an ONNX model package, links it to the run and registers it", async () => {
    const run = await client.startRun({ experiment: "log-model", flushIntervalMs: 0 });
    const inputExample = [[5.1, 3.5, 1.4, 0.2]];
    const result = await run.logModel({ onnx: onnxPath, name: "iris", signature, inputExample, params: { lr: "0.1" }, tags: { team: "ml" }, registeredModelName: "iris-onnx" });
    await run.end();

    const { model } = await client.loggedModels.get({ model_id: result.modelId });
    assert.equal(model.info.status, "LOGGED_MODEL_READY");
    assert.equal(model.info.model_type, "onnx");
    assert.equal(model.info.name, "iris");
    assert.equal(model.info.source_run_id, run.runId);
    assert.equal(model.info.artifact_uri, result.artifactUri);
    assert.deepEqual(model.data.params, [{ key: "lr", value: "0.1" }]);
    assert.ok(model.info.tags?.some((t) => t.key === "team" && t.value === "ml"));

    const listed = (await client.artifacts.list(result.artifactUri)).map((f) => f.path).sort();
    assert.deepEqual(listed, ["MLmodel", "input_example.json", "model.onnx", "serving_input_example.json"]);

    const dest = join(work, "download");
    await client.artifacts.download(result.artifactUri, "", dest);
    assert.deepEqual(await readFile(join(dest, "model.onnx")), onnxBytes);
    assert.deepEqual(JSON.parse(await readFile(join(dest, "input_example.json"), "utf8")), inputExample);
    assert.deepEqual(JSON.parse(await readFile(join(dest, "serving_input_example.json"), "utf8")), { inputs: inputExample });

    const mlmodel = await readFile(join(dest, "MLmodel"), "utf8");
    assert.match(mlmodel, /^flavors:\n {2}onnx:\n {4}code: null\n {4}data: model\.onnx\n {4}providers:\n {4}- CPUExecutionProvider\n {2}python_function:\n {4}data: model\.onnx\n {4}loader_module: mlflow\.onnx\n/m);
    assert.equal(unquote(yamlField(mlmodel, "artifact_path")), result.artifactUri);
    assert.equal(yamlField(mlmodel, "model_id"), result.modelId);
    assert.equal(yamlField(mlmodel, "model_uuid"), result.modelId);
    // Run ids are random hex: one starting with a digit is quoted, so read it either way.
    assert.equal(unquote(yamlField(mlmodel, "run_id")), run.runId);
    assert.equal(yamlField(mlmodel, "mlflow_version"), "3.6.1");
    assert.match(unquote(yamlField(mlmodel, "utc_time_created"))!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    assert.equal(yamlField(mlmodel, "artifact_path", " {2}"), "input_example.json");
    assert.equal(yamlField(mlmodel, "type", " {2}"), "ndarray");
    const inputs = unquote(yamlField(mlmodel, "inputs", " {2}"))!;
    assert.equal(inputs, '[{"name": "input", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]');
    assert.deepEqual(JSON.parse(inputs), [{ name: "input", type: "tensor", "tensor-spec": { dtype: "float32", shape: [-1, 4] } }]);
    assert.deepEqual(JSON.parse(unquote(yamlField(mlmodel, "outputs", " {2}"))!), [{ name: "output", type: "tensor", "tensor-spec": { dtype: "int64", shape: [-1] } }]);
    assert.equal(yamlField(mlmodel, "params", " {2}"), "null");

    const { run: stored } = await client.runs.get({ run_id: run.runId });
    assert.deepEqual(stored.outputs?.model_outputs?.map((o) => [o.model_id, o.step]), [[result.modelId, 0]]);

    assert.equal(result.modelVersion?.model_id, result.modelId);
    assert.equal(result.modelVersion?.run_id, run.runId);
    assert.equal(result.modelVersion?.source, `models:/${result.modelId}`);
    const registered = join(work, "registered");
    const downloaded = await client.downloadModel("models:/iris-onnx/1", registered);
    assert.equal(downloaded.version.model_id, result.modelId);
    assert.deepEqual(await readFile(join(registered, "model.onnx")), onnxBytes);
    assert.equal(await readFile(join(registered, "MLmodel"), "utf8"), mlmodel);
  });

  it("defaults the name to 'model' and leaves the example and signature out when not given", async () => {
    const run = await client.startRun({ experiment: "log-model-plain", flushIntervalMs: 0 });
    const result = await run.logModel({ onnx: onnxPath });
    await run.end();
    assert.equal(result.modelVersion, undefined);
    const { model } = await client.loggedModels.get({ model_id: result.modelId });
    assert.equal(model.info.name, "model");
    assert.deepEqual((await client.artifacts.list(result.artifactUri)).map((f) => f.path).sort(), ["MLmodel", "model.onnx"]);
    const mlmodel = await (await client.artifacts.getFile(result.artifactUri, "MLmodel")).text();
    assert.doesNotMatch(mlmodel, /signature|saved_input_example_info/);
  });

  it("rejects bad options before creating anything", async () => {
    const run = await client.startRun({ experiment: "log-model-bad", flushIntervalMs: 0 });
    const cases: [LogModelOptions, RegExp][] = [
      [{} as LogModelOptions, /path to a \.onnx file/],
      [{ onnx: join(work, "missing.onnx") }, /No file or directory at .*missing\.onnx/],
      [{ onnx: work }, /is a directory/],
      [{ onnx: onnxPath, signature: { inputs: [{ dtype: "float99" as "float32", shape: [1] }], outputs: [] } }, /unknown dtype 'float99'/],
      [{ onnx: onnxPath, signature: { inputs: [{ dtype: "float32", shape: [-1, 2.5] }], outputs: [] } }, /shape must be an array of integers/],
      [{ onnx: onnxPath, inputExample: 42 }, /inputExample must be an array/],
    ];
    for (const [options, message] of cases) {
      await assert.rejects(run.logModel(options), (error: Error & { code?: string }) => {
        assert.equal(error.code, "INVALID_PARAMETER_VALUE");
        assert.match(error.message, message);
        return true;
      });
    }
    await run.end();
    const { models } = await client.loggedModels.search({ experiment_ids: [run.experimentId] });
    assert.deepEqual(models, []);
  });

  it("marks the logged model UPLOAD_FAILED and rethrows when an upload fails", async () => {
    const failing = createNodeClient({
      trackingUri: server.url,
      maxRetries: 0,
      captureSource: false,
      handleCrashes: false,
      fetch: (url, init) => (init?.method === "PUT" && String(url).endsWith("/MLmodel") ? Promise.resolve(new Response("disk full", { status: 500 })) : fetch(url, init)),
    });
    const run = await failing.startRun({ experiment: "log-model-fail", flushIntervalMs: 0 });
    await assert.rejects(run.logModel({ onnx: onnxPath }));
    await run.end();
    const { models } = await client.loggedModels.search({ experiment_ids: [run.experimentId] });
    assert.deepEqual(models.map((m) => m.info.status), ["LOGGED_MODEL_UPLOAD_FAILED"]);
  });

  it("throws NOT_IMPLEMENTED on a client without local files", async () => {
    const browser = createClient({ trackingUri: server.url, maxRetries: 0 });
    const run = await browser.startRun({ experiment: "log-model-browser", flushIntervalMs: 0 });
    await assert.rejects(run.logModel({ onnx: onnxPath }), { code: "NOT_IMPLEMENTED" });
    await run.end();
  });
});

describe("toYaml", () => {
  it("quotes ambiguous strings and writes nested maps, lists and scalars", () => {
    const text = toYaml({ b: [1, "yes", { k: "a: b", j: null }, []], a: { x: true, y: "", z: "it's", w: "1.5", u: "3.6.1", v: "line\nbreak" }, c: {} });
    assert.equal(
      text,
      "a:\n  u: 3.6.1\n  v: \"line\\nbreak\"\n  w: '1.5'\n  x: true\n  'y': ''\n  z: 'it''s'\nb:\n- 1\n- 'yes'\n- j: null\n  k: 'a: b'\n- []\nc: {}\n",
    );
    // Hex ids that YAML could read as numbers (1e5..., 0x-free digits) are quoted; letter-first ones are not.
    assert.equal(toYaml({ run_id: "7e10ab", other: "1234", model_id: "m-7e10" }), "model_id: m-7e10\nother: '1234'\nrun_id: '7e10ab'\n");
  });
});
