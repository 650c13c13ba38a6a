import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { loadOnnxModel } from "@cairn/serve";
import { loadIris } from "./fixtures/iris.js";
import { irisClassifier } from "./fixtures/iris-model.js";
import { softmaxForward, standardization, trainSoftmaxRegression } from "./fixtures/train-softmax.js";

describe("iris dataset and trained softmax model", () => {
  it("ships the 150-row iris file with 50 examples of each class", () => {
    const { rows, labels, classNames, featureNames } = loadIris();
    assert.equal(rows.length, 150);
    assert.deepEqual(classNames, ["setosa", "versicolor", "virginica"]);
    assert.deepEqual(featureNames, ["sepal_length", "sepal_width", "petal_length", "petal_width"]);
    assert.deepEqual([0, 1, 2].map((c) => labels.filter((l) => l === c).length), [50, 50, 50]);
    assert.deepEqual(rows[0], [5.1, 3.5, 1.4, 0.2]);
    // Iris's well-known column means and (population) standard deviations, to two decimals.
    const { mean, scale } = standardization(rows);
    assert.deepEqual(mean.map((m) => m.toFixed(2)), ["5.84", "3.06", "3.76", "1.20"]);
    assert.deepEqual(scale.map((s) => s.toFixed(2)), ["0.83", "0.43", "1.76", "0.76"]);
  });

  it("trains to at least 0.9 training accuracy, deterministically", () => {
    const model = irisClassifier();
    const correct = model.rows.filter((row, i) => model.labelJs(row) === model.labels[i]).length;
    const accuracy = correct / model.rows.length;
    assert.ok(accuracy >= 0.9, `training accuracy ${accuracy}`);
    // A second training from scratch gives bit-identical parameters.
    const again = trainSoftmaxRegression(model.rows, model.labels, 3);
    assert.deepEqual(again, model.parameters);
  });

  it("an untrained model is no better than chance, so the accuracy bound means something", () => {
    const { rows, labels } = loadIris();
    const untrained = trainSoftmaxRegression(rows, labels, 3, { iterations: 0 });
    const predicted = rows.map((row) => {
      const p = softmaxForward(untrained, row);
      return p.indexOf(Math.max(...p));
    });
    assert.ok(predicted.filter((p, i) => p === labels[i]).length / rows.length <= 1 / 3 + 1e-9);
  });

  it("onnxruntime's probabilities and labels equal the plain-JS forward pass within 1e-6", async () => {
    const model = irisClassifier();
    const session = await loadOnnxModel(model.onnxBytes);
    try {
      assert.deepEqual(session.inputNames, ["input"]);
      assert.deepEqual(session.outputNames, ["probabilities", "label"]);
      const out = await session.run({ input: { data: Float32Array.from(model.rows.flat()), dims: [150, 4] } });
      assert.deepEqual(out.probabilities!.dims, [150, 3]);
      assert.deepEqual(out.label!.dims, [150]);
      const probabilities = Array.from(out.probabilities!.data, Number);
      let worst = 0;
      model.rows.forEach((row, i) => {
        model.predictJs(row).forEach((p, c) => (worst = Math.max(worst, Math.abs(p - probabilities[3 * i + c]!))));
      });
      assert.ok(worst < 1e-6, `largest difference ${worst}`);
      assert.deepEqual(Array.from(out.label!.data, Number), model.rows.map(model.labelJs));
    } finally {
      await session.close();
    }
  });
});
