import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type CairnClient } from "@cairn/sdk";
import { createNodeClient, nodeLocalFiles } from "@cairn/sdk/node";
import { EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import { loadOnnxModel } from "@cairn/serve";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { cairnAt, type CliResult } from "./helpers/cli-harness.js";
// Test fixtures are no package's public API, so they are reached by path: a real model trained on
// the iris data shipped with @cairn/serve's tests.
import { irisClassifier } from "../../serve/test/fixtures/iris-model.js";

const iris = irisClassifier();

describe("cairn models export", () => {
  let server: EphemeralServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let work: string;

  /** The cairn-export-* download directories in the temp dir, which the command must always remove. */
  const downloads = async () => (await readdir(tmpdir())).filter((name) => name.startsWith("cairn-export-")).length;

  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    work = await mkdtemp(join(tmpdir(), "cairn-cli-export-"));
    await writeFile(join(work, "iris.onnx"), iris.onnxBytes);
    const logger = createNodeClient({ trackingUri: server.url, maxRetries: 0, captureSource: false, handleCrashes: false });
    await logger.withRun({ experiment: "iris", flushIntervalMs: 0 }, (run) =>
      run.logModel({ onnx: join(work, "iris.onnx"), signature: iris.signature, inputExample: iris.rows.slice(0, 3), registeredModelName: "iris" }),
    );
    const client: CairnClient = createClient({ trackingUri: server.url, maxRetries: 0, localFiles: nodeLocalFiles() });
    await client.registry.setRegisteredModelAlias({ name: "iris", alias: "champion", version: "1" });
    // A version logged by another library: MLmodel without the onnx flavor.
    await mkdir(join(work, "sk"));
    await writeFile(join(work, "sk", "MLmodel"), "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n  sklearn:\n    pickled_model: model.pkl\n");
    const runId = await client.withRun({ experiment: "iris", flushIntervalMs: 0 }, async (run) => {
      await run.logArtifact(join(work, "sk"));
      return run.runId;
    });
    await client.registry.registerModel("pickled", `runs:/${runId}/sk`, { runId });
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it("writes a web bundle of the registered ONNX model", async () => {
    const out = join(work, "iris-web");
    const before = await downloads();
    const result = await cairn("models", "export", "models:/iris/1", "--target", "web", "--out", out);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^Exported 'iris' version 1 for the web: 7 files \\(\\d+(\\.\\d)? MB\\) in ${out}\\.\\n`));
    assert.deepEqual((await readdir(out)).sort(), ["index.html", "manifest.json", "model.onnx", "ort", "predict.js"]);
    assert.deepEqual((await readdir(join(out, "ort"))).sort(), ["NOTICE.txt", "ort-wasm-simd-threaded.wasm", "ort.wasm.bundle.min.mjs"]);
    const manifest = JSON.parse(await readFile(join(out, "manifest.json"), "utf8"));
    assert.deepEqual(manifest.model, { name: "iris", version: "1" });
    assert.deepEqual(manifest.input, { name: "input", type: "float32", shape: [-1, 4] });
    assert.deepEqual(manifest.outputs.map((o: { name: string }) => o.name), ["probabilities", "label"]);
    assert.equal(manifest.feature_names, null, "a tensor signature names no columns");
    // The page starts from the logged input example.
    assert.ok((await readFile(join(out, "index.html"), "utf8")).includes(JSON.stringify(iris.rows[0])));
    // The bundle's model is the registered one: it predicts as the trained weights do.
    const model = await loadOnnxModel(new Uint8Array(await readFile(join(out, "model.onnx"))));
    try {
      const { probabilities } = await model.run({ input: { data: Float32Array.from(iris.rows.flat()), dims: [150, 4] } });
      iris.rows.forEach((row, i) => iris.predictJs(row).forEach((p, c) => assert.ok(Math.abs(p - Number(probabilities!.data[3 * i + c])) < 1e-6)));
    } finally {
      await model.close();
    }
    assert.equal(await downloads(), before, "the download directory is removed");
  });

  it("resolves aliases, takes --feature-names and prints JSON", async () => {
    const out = join(work, "named");
    const result = await cairn("models", "export", "models:/iris@champion", "--out", out, "--feature-names", iris.featureNames.join(","), "--json");
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.deepEqual([json.name, json.version, json.target, json.out], ["iris", "1", "web", out]);
    assert.deepEqual(json.files, ["model.onnx", "manifest.json", "predict.js", "index.html", "ort/ort.wasm.bundle.min.mjs", "ort/ort-wasm-simd-threaded.wasm", "ort/NOTICE.txt"]);
    assert.ok(json.bytes > 1_000_000);
    assert.deepEqual(JSON.parse(await readFile(join(out, "manifest.json"), "utf8")).feature_names, iris.featureNames);
  });

  it("refuses other targets, other flavors and unusable destinations, writing nothing", async () => {
    const before = await downloads();
    const target = await cairn("models", "export", "models:/iris/1", "--target", "docker", "--out", join(work, "docker"));
    assert.equal(target.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(target.stderr, /Unknown export target 'docker'; the targets are: web\./);

    const flavor = await cairn("models", "export", "models:/pickled/1", "--out", join(work, "pickled"));
    assert.equal(flavor.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(flavor.stderr, /flavor\(s\) python_function, sklearn/);
    assert.match(flavor.stderr, /only onnx/);

    const busy = join(work, "busy");
    await mkdir(busy);
    await writeFile(join(busy, "keep.txt"), "mine");
    const notEmpty = await cairn("models", "export", "models:/iris/1", "--out", busy);
    assert.equal(notEmpty.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(notEmpty.stderr, /is not empty/);
    assert.deepEqual(await readdir(busy), ["keep.txt"]);

    const names = await cairn("models", "export", "models:/iris/1", "--out", join(work, "short"), "--feature-names", "a,b");
    assert.equal(names.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(names.stderr, /takes 4 features according to the ONNX graph, but 2 according to the 2 feature names/);

    const missing = await cairn("models", "export", "models:/nobody/1", "--out", join(work, "nobody"));
    assert.equal(missing.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);

    for (const dir of ["docker", "pickled", "short", "nobody"]) assert.ok(!existsSync(join(work, dir)), `${dir} was created`);
    assert.equal(await downloads(), before, "no download directory is left behind");
  });

  it("reports usage errors with exit status 2", async () => {
    assert.equal((await cairn("models", "export", "models:/iris/1")).code, EXIT_USAGE);
    const badNames = await cairn("models", "export", "models:/iris/1", "--out", join(work, "x"), "--feature-names", "a,,b");
    assert.equal(badNames.code, EXIT_USAGE);
    assert.match(badNames.stderr, /comma-separated names/);
    const help = await cairn("models", "export", "--help");
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--target <target>/);
    assert.match(help.stdout, /cairn models export models:\/iris@champion --target web --out \.\/iris-web/);
  });
});
