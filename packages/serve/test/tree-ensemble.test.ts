import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { loadOnnxModel, type OnnxModel } from "@cairn/serve";
import {
  evaluateTreeClassifier,
  evaluateTreeRegressor,
  randomTrees,
  treeEnsembleClassifier,
  treeEnsembleRegressor,
  type TreeNode,
} from "./fixtures/tree-ensemble.js";
import { seeded } from "./fixtures/seeded-random.js";

// A hand-made tree whose thresholds are exact in float32, with rows sitting on them: a row equal to
// a threshold must go left (BRANCH_LEQ), which an off-by-one evaluator (<) would get wrong.
const HAND_TREE: TreeNode = {
  feature: 0,
  threshold: 0.5,
  left: { feature: 1, threshold: -1, left: { value: [1, 10] }, right: { value: [2, 20] } },
  right: { value: [3, 30] },
};
const HAND_ROWS = [
  [0.5, -1],
  [0.5, -0.75],
  [0.625, -5],
  [-7, 3],
];

/** Random rows in [-3, 3] from a seed, so they land on both sides of thresholds in [-2, 2]. */
function randomRows(seed: number, count: number, features: number): number[][] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => Array.from({ length: features }, () => 6 * random() - 3));
}

/** Runs rows through the model as one [N, F] float32 batch and returns the named output. */
async function run(model: OnnxModel, rows: number[][], output: string): Promise<{ values: number[]; dims: number[] }> {
  const result = await model.run({ input: { data: Float32Array.from(rows.flat()), dims: [rows.length, rows[0]!.length] } });
  const tensor = result[output];
  assert.ok(tensor, `no output '${output}'`);
  return { values: Array.from(tensor.data, Number), dims: tensor.dims };
}

// Leaf sums are accumulated in float32 by onnxruntime and in float64 here.
function assertFloat32Close(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, i) => {
    const tolerance = 1e-5 * Math.max(1, Math.abs(expected[i]!));
    assert.ok(Math.abs(value - expected[i]!) <= tolerance, `value ${i}: ${value} vs ${expected[i]}`);
  });
}

async function withModel<T>(bytes: Uint8Array, use: (model: OnnxModel) => Promise<T>): Promise<T> {
  const model = await loadOnnxModel(bytes);
  try {
    return await use(model);
  } finally {
    await model.close();
  }
}

describe("tree ensemble ONNX fixtures", () => {
  it("a one-tree regressor sends rows equal to a threshold left", async () => {
    await withModel(treeEnsembleRegressor([HAND_TREE], 2), async (model) => {
      assert.deepEqual(model.inputNames, ["input"]);
      assert.deepEqual(model.outputNames, ["prediction"]);
      const { values, dims } = await run(model, HAND_ROWS, "prediction");
      assert.deepEqual(dims, [4, 2]);
      assert.deepEqual(values, [1, 10, 2, 20, 3, 30, 2, 20]);
      assert.deepEqual(HAND_ROWS.flatMap((row) => evaluateTreeRegressor([HAND_TREE], row)), values);
    });
  });

  it("a random 30-tree regressor matches the JS evaluator (SUM and AVERAGE, with base values)", async () => {
    const trees = randomTrees(7, { trees: 30, maxDepth: 5, features: 6, width: 2 });
    const rows = randomRows(11, 200, 6);
    for (const options of [{}, { aggregate: "AVERAGE" as const, baseValues: [0.25, -3] }]) {
      await withModel(treeEnsembleRegressor(trees, 6, options), async (model) => {
        const { values, dims } = await run(model, rows, "prediction");
        assert.deepEqual(dims, [200, 2]);
        assertFloat32Close(values, rows.flatMap((row) => evaluateTreeRegressor(trees, row, options)));
      });
    }
    // The rows must exercise the trees: many distinct predictions, not one constant.
    assert.ok(new Set(rows.map((row) => evaluateTreeRegressor(trees, row)[0]!.toFixed(6))).size > 150);
  });

  it("a random classifier returns averaged probabilities and the argmax label", async () => {
    const trees = randomTrees(3, { trees: 12, maxDepth: 4, features: 4, width: 3, probabilities: true });
    const rows = randomRows(5, 150, 4);
    await withModel(treeEnsembleClassifier(trees, 4), async (model) => {
      assert.deepEqual(model.outputNames, ["label", "probabilities"]);
      const probabilities = await run(model, rows, "probabilities");
      const labels = await run(model, rows, "label");
      assert.deepEqual(probabilities.dims, [150, 3]);
      assert.deepEqual(labels.dims, [150]);
      const expected = rows.map((row) => evaluateTreeClassifier(trees, row));
      assertFloat32Close(probabilities.values, expected.flatMap((e) => e.probabilities));
      assert.deepEqual(labels.values, expected.map((e) => e.label));
      for (let i = 0; i < rows.length; i++) {
        const sum = probabilities.values.slice(3 * i, 3 * i + 3).reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sum - 1) < 1e-5, `row ${i} probabilities sum to ${sum}`);
      }
      assert.equal(new Set(labels.values).size, 3, "every class is predicted somewhere");
    });
  });

  it("refuses trees the operator could not encode", () => {
    assert.throws(() => treeEnsembleRegressor([{ feature: 4, threshold: 0, left: { value: [1] }, right: { value: [2] } }], 2), /feature 4/);
    assert.throws(() => treeEnsembleRegressor([{ feature: 0, threshold: 0, left: { value: [1] }, right: { value: [2, 3] } }], 2), /same non-zero number/);
    assert.throws(() => treeEnsembleRegressor([], 2), /at least one tree/);
  });
});
