import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModelDirectory } from "../src/model/load-model.js";
import { readMlmodel } from "../src/model/mlmodel.js";
import { parseInputSignature } from "../src/model/model-signature.js";
import { compileInputPlan } from "../src/protocol/input-plan.js";
import { logisticRegression } from "./fixtures/onnx-graph.js";
import { perColumnLinear } from "./fixtures/serving-graphs.js";
import { doubleColumns, writeModelPackage } from "./fixtures/model-package.js";

const WEIGHTS = [0.5, -1.25, 2];

describe("model packages", () => {
  const root = mkdtempSync(join(tmpdir(), "cairn-serve-loading-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const dir = () => join(root, String(n++));

  it("loads the onnx flavor with a column-based signature, keeping name, version, metadata and load time", async () => {
    const path = dir();
    writeModelPackage(path, { onnx: logisticRegression(WEIGHTS, 0.75), columns: doubleColumns(3) });
    let clock = 1000;
    const model = await loadModelDirectory(path, { name: "churn", version: "4" }, { now: () => (clock += 250) });
    try {
      assert.equal(model.name, "churn");
      assert.equal(model.version, "4");
      assert.equal(model.loadSeconds, 0.25);
      assert.deepEqual(model.signature, { kind: "columns", columns: doubleColumns(3).map((c) => ({ ...c, required: true })) });
      assert.deepEqual(model.onnx.inputs, [{ name: "input", type: "float32", shape: ["N", 3] }]);
      assert.deepEqual(model.onnx.outputNames, ["probability"]);
      assert.ok(model.onnxBytes.length > 0);
    } finally {
      await model.onnx.close();
    }
  });

  it("refuses a package without an onnx flavor, naming the flavors it has", async () => {
    const path = dir();
    writeModelPackage(path, { onnx: new Uint8Array(1), flavors: { sklearn: { pickled_model: "model.pkl" }, python_function: { loader_module: "mlflow.sklearn" } } });
    await assert.rejects(loadModelDirectory(path, { name: "churn", version: "2" }), {
      code: "INVALID_PARAMETER_VALUE",
      message: /^flavor\(s\) sklearn, python_function are not supported by Cairn \(serve, predict and export\); only onnx is\./,
    });
  });

  it("says clearly when MLmodel or the model file is missing, listing what the package holds", async () => {
    const bare = dir();
    writeModelPackage(bare, { onnx: logisticRegression(WEIGHTS, 0) });
    unlinkSync(join(bare, "MLmodel"));
    await assert.rejects(loadModelDirectory(bare, { name: "churn", version: "1" }), { code: "INVALID_PARAMETER_VALUE", message: /has no MLmodel file \(it holds model\.onnx\)/ });
    const noFile = dir();
    writeModelPackage(noFile, { onnx: logisticRegression(WEIGHTS, 0) });
    unlinkSync(join(noFile, "model.onnx"));
    await assert.rejects(loadModelDirectory(noFile, { name: "churn", version: "1" }), { code: "INVALID_PARAMETER_VALUE", message: /data file 'model\.onnx' is missing from the package \(it holds MLmodel\)/ });
  });

  it("refuses a corrupt .onnx file and a malformed MLmodel", async () => {
    const corrupt = dir();
    writeModelPackage(corrupt, { onnx: new TextEncoder().encode("not onnx") });
    await assert.rejects(loadModelDirectory(corrupt, { name: "m", version: "1" }), { code: "INVALID_PARAMETER_VALUE", message: /not a valid ONNX file/ });
    const yaml = dir();
    writeModelPackage(yaml, { onnx: logisticRegression(WEIGHTS, 0) });
    writeFileSync(join(yaml, "MLmodel"), "flavors: [unclosed\n");
    await assert.rejects(loadModelDirectory(yaml, { name: "m", version: "1" }), { code: "INVALID_PARAMETER_VALUE", message: /not valid YAML/ });
    assert.throws(() => readMlmodel("flavors:\n  onnx:\n    data: ../../etc/passwd\n", "m"), { message: /no usable data file/ });
    assert.throws(() => readMlmodel("artifact_path: x\n", "m"), { message: /declares no flavors/ });
  });

  it("parses MLflow's signature forms and refuses broken ones", () => {
    assert.deepEqual(parseInputSignature('[{"type": "double", "name": "x"}, {"type": "long", "name": "n", "required": false}]'), {
      kind: "columns",
      columns: [
        { name: "x", type: "double", required: true },
        { name: "n", type: "long", required: false },
      ],
    });
    assert.deepEqual(parseInputSignature('[{"name": "input", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]'), {
      kind: "tensors",
      tensors: [{ name: "input", dtype: "float32", shape: [-1, 4] }],
    });
    assert.deepEqual(parseInputSignature(undefined), { kind: "none" });
    assert.throws(() => parseInputSignature("[{"), { message: /not valid JSON/ });
    assert.throws(() => parseInputSignature('[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1]}}, {"type": "double", "name": "x"}]'), { message: /mixes tensor and column specs/ });
    assert.throws(() => parseInputSignature('[{"type": "array", "name": "tags"}]'), { message: /column 'tags' has type "array"/ });
    assert.throws(() => parseInputSignature('[{"type": "double"}]'), { message: /no column name/ });
    assert.throws(() => parseInputSignature('[{"type": "double", "name": "x"}, {"type": "double", "name": "x"}]'), { message: /column 'x' twice/ });
  });

  it("checks at load time that the signature fits the graph", async () => {
    const wrongCount = dir();
    writeModelPackage(wrongCount, { onnx: logisticRegression(WEIGHTS, 0), columns: doubleColumns(4) });
    await assert.rejects(
      (async () => {
        const model = await loadModelDirectory(wrongCount, { name: "m", version: "1" });
        try {
          compileInputPlan(model.signature, model.onnx.inputs, "m v1");
        } finally {
          await model.onnx.close();
        }
      })(),
      { code: "INVALID_PARAMETER_VALUE", message: /signature has 4 column\(s\) but the model's input 'input' takes \[N, 3\]/ },
    );
    const perColumn = perColumnLinear([{ name: "age", weight: 1 }, { name: "income", weight: 2 }], 0);
    const mismatch = dir();
    writeModelPackage(mismatch, { onnx: perColumn, columns: [{ name: "age", type: "double" }, { name: "salary", type: "double" }] });
    const model = await loadModelDirectory(mismatch, { name: "m", version: "1" });
    try {
      assert.throws(() => compileInputPlan(model.signature, model.onnx.inputs, "m v1"), { message: /one input per column named like the columns/ });
      assert.throws(() => compileInputPlan({ kind: "columns", columns: [{ name: "age", type: "string", required: true }, { name: "income", type: "double", required: true }] }, model.onnx.inputs, "m v1"), {
        message: /column 'age' is string but the model's input 'age' holds float32/,
      });
      assert.equal(compileInputPlan({ kind: "columns", columns: [{ name: "income", type: "double", required: true }, { name: "age", type: "double", required: true }] }, model.onnx.inputs, "m").kind, "columns");
    } finally {
      await model.onnx.close();
    }
  });
});
