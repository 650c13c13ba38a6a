import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { isCairnError } from "@cairn/core";
import { loadOnnxModel } from "@cairn/serve";
import { writeWebBundle, type WebBundleResult } from "../src/export/web-bundle.js";
import { parseInputSignature } from "../src/model/model-signature.js";
import { launchChromium } from "./fixtures/chromium.js";
import { irisClassifier } from "./fixtures/iris-model.js";
import { encodeModel, logisticRegression } from "./fixtures/onnx-graph.js";
import { startStaticServer, type StaticServer } from "./fixtures/static-server.js";
import { seeded } from "./fixtures/seeded-random.js";
import { randomTrees, treeEnsembleClassifier } from "./fixtures/tree-ensemble.js";

type Outputs = Record<string, (number | number[])[]>;

const LOGISTIC_WEIGHTS = [0.8, -1.5, 0.25];
const iris = irisClassifier();
const irisSignature = parseInputSignature(JSON.stringify(iris.featureNames.map((name) => ({ type: "double", name }))));
const trees = randomTrees(21, { trees: 8, maxDepth: 4, features: 5, width: 3, probabilities: true });
const random = seeded(99);
const treeRows = Array.from({ length: 40 }, () => Array.from({ length: 5 }, () => 6 * random() - 3));
const logisticRows = Array.from({ length: 25 }, (_, i) => [i / 4 - 3, Math.sin(i), (i % 7) - 3]);

/** Every output of the model for rows, from onnxruntime-node, shaped per row as predict.js returns them. */
async function nodePredict(bytes: Uint8Array, rows: number[][]): Promise<Outputs> {
  const model = await loadOnnxModel(bytes);
  try {
    const result = await model.run({ input: { data: Float32Array.from(rows.flat()), dims: [rows.length, rows[0]!.length] } });
    return Object.fromEntries(
      Object.entries(result).map(([name, tensor]) => {
        const values = Array.from(tensor.data, Number);
        if (tensor.dims.length === 1) return [name, values];
        const width = values.length / rows.length;
        return [name, rows.map((_, r) => values.slice(r * width, (r + 1) * width))];
      }),
    );
  } finally {
    await model.close();
  }
}

function assertOutputsClose(actual: Outputs, expected: Outputs): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const [name, rows] of Object.entries(expected)) {
    const flatActual = actual[name]!.flat();
    const flatExpected = rows.flat();
    assert.equal(flatActual.length, flatExpected.length, name);
    flatActual.forEach((v, i) => assert.ok(Math.abs(v - flatExpected[i]!) <= 1e-6, `${name}[${i}]: browser ${v} vs node ${flatExpected[i]}`));
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}

describe("web bundle export", () => {
  let root: string;
  let server: StaticServer;
  let browser: Browser;
  const written: Record<string, WebBundleResult> = {};
  const pageErrors: string[] = [];

  /** A page on the bundle at dir, collecting its errors. */
  async function openBundle(dir: string): Promise<Page> {
    const page = await browser.newPage();
    page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
    });
    await page.goto(`${server.url}/${dir}/index.html`);
    return page;
  }

  /** Loads the bundle's predict.js in the page and predicts rows (or reports the error message). */
  function browserPredict(page: Page, rows: unknown, baseUrl?: string): Promise<Outputs | { error: string }> {
    return page.evaluate(
      async ({ rows, baseUrl }) => {
        // A variable specifier: the module exists only in the browser, relative to the page.
        const predictModule = "./predict.js";
        const { loadModel } = await import(predictModule);
        const model = await loadModel(baseUrl);
        try {
          return await model.predict(rows);
        } catch (error) {
          return { error: (error as Error).message };
        } finally {
          await model.release();
        }
      },
      { rows, baseUrl },
    );
  }

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "cairn-web-bundle-"));
    written.iris = await writeWebBundle({ onnxBytes: iris.onnxBytes, signature: irisSignature, modelName: "iris", version: "3", outDir: join(root, "iris"), exampleRows: iris.rows.slice(48, 53) });
    written.logistic = await writeWebBundle({ onnxBytes: logisticRegression(LOGISTIC_WEIGHTS, -0.5), modelName: "churn <beta>", version: "1", outDir: join(root, "logistic") });
    const tensorSignature = parseInputSignature('[{"type": "tensor", "name": "input", "tensor-spec": {"dtype": "float32", "shape": [-1, 5]}}]');
    written.trees = await writeWebBundle({ onnxBytes: treeEnsembleClassifier(trees, 5), signature: tensorSignature, modelName: "forest", version: "2", outDir: join(root, "trees") });
    server = await startStaticServer(root);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("writes the model, manifest, predict.js, an example page and only the wasm runtime files it needs", async () => {
    const ortVersion = JSON.parse(await readFile(new URL(import.meta.resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm").replace(/dist\/[^/]+$/, "package.json")), "utf8")).version;
    const { manifest, files } = written.iris!;
    assert.deepEqual(files.map((f) => f.path), ["model.onnx", "manifest.json", "predict.js", "index.html", "ort/ort.wasm.bundle.min.mjs", "ort/ort-wasm-simd-threaded.wasm", "ort/NOTICE.txt"]);
    assert.deepEqual((await readdir(join(root, "iris"))).sort(), ["index.html", "manifest.json", "model.onnx", "ort", "predict.js"]);
    assert.equal((await stat(join(root, "iris"))).mode & 0o755, 0o755, "readable by a web server running as another user");
    assert.deepEqual(new Uint8Array(await readFile(join(root, "iris", "model.onnx"))), iris.onnxBytes);
    const onDisk = JSON.parse(await readFile(join(root, "iris", "manifest.json"), "utf8"));
    assert.deepEqual(onDisk, manifest);
    assert.deepEqual(onDisk, {
      format: "cairn-web-bundle",
      format_version: 1,
      model: { name: "iris", version: "3" },
      model_file: "model.onnx",
      input: { name: "input", type: "float32", shape: [-1, 4] },
      outputs: [
        { name: "probabilities", type: "float32", shape: [-1, 3] },
        { name: "label", type: "int64", shape: [-1] },
      ],
      feature_names: ["sepal_length", "sepal_width", "petal_length", "petal_width"],
      onnxruntime_web: { version: ortVersion, files: ["ort/ort.wasm.bundle.min.mjs", "ort/ort-wasm-simd-threaded.wasm"] },
    });
    assert.equal(written.logistic!.manifest.feature_names, null);
    assert.deepEqual(written.trees!.manifest.input, { name: "input", type: "float32", shape: [-1, 5] });
    // The model name is escaped in the page, not injected.
    const page = await readFile(join(root, "logistic", "index.html"), "utf8");
    assert.match(page, /<h1>churn &lt;beta&gt; <small>version 1<\/small><\/h1>/);
    assert.ok(!page.includes("<beta>"));
    assert.match(await readFile(join(root, "iris", "ort", "NOTICE.txt"), "utf8"), /MIT License/);
  });

  it("predicts iris in Chromium as onnxruntime-node does (within 1e-6), from arrays and from records", async (t) => {
    const page = await openBundle("iris");
    try {
      const expected = await nodePredict(iris.onnxBytes, iris.rows);
      const fromArrays = await browserPredict(page, iris.rows);
      assert.ok(!("error" in fromArrays), JSON.stringify(fromArrays));
      assertOutputsClose(fromArrays, expected);
      // Also within 1e-6 of the independent plain-JS forward pass, and the labels agree with it.
      assertOutputsClose(fromArrays, { probabilities: iris.rows.map(iris.predictJs), label: iris.rows.map(iris.labelJs) });
      const records = iris.rows.map((row) => Object.fromEntries([...iris.featureNames].reverse().map((name) => [name, row[iris.featureNames.indexOf(name)]!])));
      const fromRecords = await browserPredict(page, records);
      assert.deepEqual(fromRecords, fromArrays);
      assert.equal(await page.evaluate(() => crossOriginIsolated), false, "runs without cross-origin isolation");
      const timing = await page.evaluate(async (rows) => {
        const predictModule = "./predict.js";
        const { loadModel } = await import(predictModule);
        const started = performance.now();
        const model = await loadModel();
        const loaded = performance.now();
        const runs = 50;
        for (let i = 0; i < runs; i++) await model.predict(rows);
        const perBatch = (performance.now() - loaded) / runs;
        await model.release();
        return { loadMs: loaded - started, perBatchMs: perBatch };
      }, iris.rows);
      // Figures for a person reading the test output, not assertions: they depend on the machine.
      t.diagnostic(`Chromium: loadModel ${timing.loadMs.toFixed(1)} ms (wasm cached), predict(150 rows) ${timing.perBatchMs.toFixed(3)} ms mean of 50`);
    } finally {
      await page.close();
    }
  });

  it("predicts the logistic regression and a tree-ensemble classifier in Chromium as onnxruntime-node does", async () => {
    for (const [dir, bytes, rows] of [
      ["logistic", logisticRegression(LOGISTIC_WEIGHTS, -0.5), logisticRows],
      ["trees", treeEnsembleClassifier(trees, 5), treeRows],
    ] as const) {
      const page = await openBundle(dir);
      try {
        const actual = await browserPredict(page, rows);
        assert.ok(!("error" in actual), `${dir}: ${JSON.stringify(actual)}`);
        assertOutputsClose(actual, await nodePredict(bytes, rows as number[][]));
      } finally {
        await page.close();
      }
    }
  });

  it("the example page predicts its example rows with same-origin requests only and no errors", async () => {
    const before = server.requests.length;
    const page = await openBundle("iris");
    const origins = new Set<string>();
    page.on("request", (request) => origins.add(new URL(request.url()).origin));
    try {
      await page.waitForSelector("#predict:not([disabled])");
      await page.click("#predict");
      await page.waitForFunction(() => document.getElementById("output")!.textContent!.startsWith("{"));
      const shown = JSON.parse((await page.textContent("#output"))!) as Outputs;
      assertOutputsClose(shown, await nodePredict(iris.onnxBytes, iris.rows.slice(48, 53)));
      assert.deepEqual((shown.label as number[]).slice(0, 2), [0, 0]);
      await page.fill("#rows", '[{"sepal_length": 1}]');
      await page.click("#predict");
      await page.waitForSelector("#output.error");
      assert.match((await page.textContent("#output"))!, /Row 0 is missing feature\(s\) sepal_width, petal_length, petal_width/);
      assert.deepEqual([...origins].filter((o) => o !== server.url), []);
      const fetched = server.requests.slice(before);
      for (const file of ["/iris/index.html", "/iris/predict.js", "/iris/manifest.json", "/iris/model.onnx", "/iris/ort/ort.wasm.bundle.min.mjs", "/iris/ort/ort-wasm-simd-threaded.wasm"]) {
        assert.ok(fetched.includes(file), `${file} was not requested: ${fetched.join(", ")}`);
      }
      assert.deepEqual(pageErrors, []);
    } finally {
      await page.close();
    }
  });

  it("predict rejects bad rows with a message naming the row and the feature", async () => {
    const page = await openBundle("iris");
    try {
      const cases: [unknown, RegExp][] = [
        [[[1, 2, 3]], /Row 0 has 3 values; the model takes 4/],
        [[[1, 2, 3, 4], { sepal_length: 1, sepal_width: 2, petal_length: 3, petal_width: 4, colour: 1 }], /Row 1 has unknown feature\(s\) colour/],
        [[{ sepal_length: 1, sepal_width: "2", petal_length: 3, petal_width: 4 }], /Row 0, feature 'sepal_width': expected a number, got "2"/],
        [[], /non-empty array of rows/],
        ["1,2,3,4", /non-empty array of rows/],
      ];
      for (const [rows, message] of cases) {
        const result = await browserPredict(page, rows);
        assert.ok("error" in result, `accepted ${JSON.stringify(rows)}`);
        assert.match(result.error as string, message);
      }
    } finally {
      await page.close();
    }
    const unnamed = await openBundle("logistic");
    try {
      const result = await browserPredict(unnamed, [{ a: 1 }]);
      assert.ok("error" in result);
      assert.match(result.error as string, /no feature names, so rows must be arrays/);
    } finally {
      await unnamed.close();
    }
  });

  it("loadModel(baseUrl) loads another directory's model with this bundle's runtime", async () => {
    const page = await openBundle("logistic");
    try {
      const actual = await browserPredict(page, iris.rows.slice(0, 10), "../iris");
      assert.ok(!("error" in actual), JSON.stringify(actual));
      assertOutputsClose(actual, await nodePredict(iris.onnxBytes, iris.rows.slice(0, 10)));
    } finally {
      await page.close();
    }
  });

  it("refuses a non-empty or file destination and a corrupt model, writing nothing", async () => {
    const busy = join(root, "busy");
    await mkdir(busy);
    await writeFile(join(busy, "notes.txt"), "keep me");
    const file = join(root, "a-file");
    await writeFile(file, "x");
    const valid = iris.onnxBytes;
    const cases: [Parameters<typeof writeWebBundle>[0], RegExp][] = [
      [{ onnxBytes: valid, modelName: "iris", version: "1", outDir: busy }, /is not empty \(1 entries\); give a new or empty directory/],
      [{ onnxBytes: valid, modelName: "iris", version: "1", outDir: file }, /is a file/],
      [{ onnxBytes: valid.subarray(0, 100), modelName: "iris", version: "1", outDir: join(root, "corrupt") }, /not a valid ONNX file \(100 bytes\)/],
      [{ onnxBytes: valid, modelName: "", version: "1", outDir: join(root, "unnamed") }, /modelName must be a non-empty string/],
      [{ onnxBytes: valid, modelName: "iris", version: "1", outDir: join(root, "short"), featureNames: ["a", "b"] }, /takes 4 features according to the ONNX graph, but 2 according to the 2 feature names/],
    ];
    const listing = async () => (await readdir(root)).sort();
    const beforeListing = await listing();
    for (const [options, message] of cases) {
      const error = await rejection(writeWebBundle(options));
      assert.ok(isCairnError(error), String(error));
      assert.equal(error.code, "INVALID_PARAMETER_VALUE");
      assert.match(error.message, message);
    }
    assert.deepEqual(await listing(), beforeListing, "no bundle or staging directory was left behind");
    assert.deepEqual(await readdir(busy), ["notes.txt"]);
  });

  it("refuses a model with more than one input, naming them", async () => {
    const twoInputs = encodeModel({
      name: "two_inputs",
      nodes: [{ opType: "Add", inputs: ["a", "b"], outputs: ["sum"] }],
      initializers: [],
      inputs: [
        { name: "a", dims: ["N", 2] },
        { name: "b", dims: ["N", 2] },
      ],
      outputs: [{ name: "sum", dims: ["N", 2] }],
    });
    const error = await rejection(writeWebBundle({ onnxBytes: twoInputs, modelName: "m", version: "1", outDir: join(root, "two") }));
    assert.ok(isCairnError(error));
    assert.equal(error.code, "INVALID_PARAMETER_VALUE");
    assert.match(error.message, /one \[rows, features\] tensor, but the model has 2 inputs \('a', 'b'\)/);
  });
});
