import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isCairnError } from "@cairn/core";
import { loadOnnxModel, type OnnxModel } from "@cairn/serve";
import { linearRegression, logisticRegression } from "./fixtures/onnx-graph.js";

// Dyadic fractions are exact in float32, so the only difference from the float64 reference is
// onnxruntime's own rounding, which keeps the 1e-6 bound meaningful (sigmoid is not exact).
const WEIGHTS = [0.5, -1.25, 2];
const BIAS = 0.75;
const ROWS = [
  [1, 2, 3],
  [0, 0, 0],
  [-3.5, 4, 0.25],
  [10, -2, -7],
];

// Reference predictions in float64 plain JS, independent of onnxruntime.
const linear = (row: number[]) => row.reduce((sum, x, i) => sum + x * WEIGHTS[i]!, BIAS);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Runs model on ROWS as one [N, F] batch and returns its single output column. */
async function predict(model: OnnxModel, output: string): Promise<{ values: number[]; dims: number[] }> {
  const data = Float32Array.from(ROWS.flat());
  const result = await model.run({ input: { data, dims: [ROWS.length, WEIGHTS.length] } });
  const tensor = result[output];
  assert.ok(tensor, `no output '${output}'`);
  return { values: Array.from(tensor.data as Float32Array), dims: tensor.dims };
}

function assertClose(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) < 1e-6, `row ${i}: ${value} vs ${expected[i]}`));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}

describe("loadOnnxModel", () => {
  it("runs a linear regression graph and matches x·w + b", async () => {
    const model = await loadOnnxModel(linearRegression(WEIGHTS, BIAS));
    try {
      assert.deepEqual(model.inputNames, ["input"]);
      assert.deepEqual(model.outputNames, ["output"]);
      const { values, dims } = await predict(model, "output");
      assert.deepEqual(dims, [ROWS.length, 1]);
      assertClose(values, ROWS.map(linear));
    } finally {
      await model.close();
    }
  });

  it("runs a logistic regression graph and matches sigmoid(x·w + b)", async () => {
    const model = await loadOnnxModel(logisticRegression(WEIGHTS, BIAS));
    try {
      assert.deepEqual(model.inputNames, ["input"]);
      assert.deepEqual(model.outputNames, ["probability"]);
      const { values, dims } = await predict(model, "probability");
      assert.deepEqual(dims, [ROWS.length, 1]);
      assertClose(values, ROWS.map((row) => sigmoid(linear(row))));
    } finally {
      await model.close();
    }
  });

  it("turns a corrupt file into INVALID_PARAMETER_VALUE", async () => {
    const valid = linearRegression(WEIGHTS, BIAS);
    for (const bytes of [new TextEncoder().encode("not an onnx model"), valid.subarray(0, valid.length - 7)]) {
      const error = await rejection(loadOnnxModel(bytes));
      assert.ok(isCairnError(error), `not a CairnError: ${String(error)}`);
      assert.equal(error.code, "INVALID_PARAMETER_VALUE");
      assert.match(error.message, /not a valid ONNX file/);
      assert.ok(error.cause, "keeps onnxruntime's error as cause");
    }
  });

  it("names the expected inputs when a feed is missing or misnamed", async () => {
    const model = await loadOnnxModel(linearRegression(WEIGHTS, BIAS));
    try {
      const error = await rejection(model.run({ features: { data: new Float32Array(3), dims: [1, 3] } }));
      assert.ok(isCairnError(error));
      assert.equal(error.code, "INVALID_PARAMETER_VALUE");
      assert.match(error.message, /'input'.*missing input\(s\) 'input' and unknown input\(s\) 'features'/);
    } finally {
      await model.close();
    }
  });

  it("rejects a feed of the wrong shape as INVALID_PARAMETER_VALUE", async () => {
    const model = await loadOnnxModel(linearRegression(WEIGHTS, BIAS));
    try {
      const wrongWidth = await rejection(model.run({ input: { data: new Float32Array(4), dims: [2, 2] } }));
      assert.ok(isCairnError(wrongWidth));
      assert.equal(wrongWidth.code, "INVALID_PARAMETER_VALUE");
      assert.match(wrongWidth.message, /rejected its inputs/);
      const inconsistent = await rejection(model.run({ input: { data: new Float32Array(5), dims: [2, 3] } }));
      assert.ok(isCairnError(inconsistent));
      assert.equal(inconsistent.code, "INVALID_PARAMETER_VALUE");
    } finally {
      await model.close();
    }
  });
});
