import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ScoringServer } from "../src/server/create-scoring-server.js";
import { linearRegression, logisticRegression } from "./fixtures/onnx-graph.js";
import { doubleLinear, int64Linear, multiOutputLogistic, perColumnLinear } from "./fixtures/serving-graphs.js";
import { loadPackage, type PackageSpec } from "./fixtures/model-package.js";
import { assertPredictions, linear, post, serverFor, sigmoid } from "./fixtures/scoring-harness.js";

const servers: ScoringServer[] = [];
async function serving(spec: PackageSpec): Promise<(body: unknown, type?: string) => ReturnType<typeof post>> {
  const server = serverFor(await loadPackage(spec));
  servers.push(server);
  await server.start();
  return (body, type) => post(server, "/invocations", body, type);
}

describe("/invocations across model shapes and element types", () => {
  after(() => Promise.all(servers.map((s) => s.close())));

  it("feeds one input per column when the graph's inputs are named like the columns", async () => {
    const invoke = await serving({
      onnx: perColumnLinear([{ name: "age", weight: 0.5 }, { name: "income", weight: -2 }], 1),
      columns: [{ name: "income", type: "double" }, { name: "age", type: "double" }],
    });
    const rows = [{ age: 2, income: 0.25 }, { age: -4, income: 1.5 }];
    const want = rows.map((r) => 0.5 * r.age - 2 * r.income + 1);
    for (const body of [
      { dataframe_split: { columns: ["age", "income"], data: rows.map((r) => [r.age, r.income]) } },
      { dataframe_records: rows },
      { inputs: { age: rows.map((r) => r.age), income: rows.map((r) => r.income) } },
      { inputs: rows.map((r) => [r.income, r.age]) }, // positional: signature order
    ]) {
      const answer = await invoke(body);
      assert.equal(answer.status, 200, answer.body);
      assertPredictions(answer.json.predictions, want);
    }
    const csv = await invoke("income,age\n0.25,2\n1.5,-4\n", "text/csv");
    assertPredictions(csv.json.predictions, want);
    const missing = await invoke({ dataframe_records: [{ age: 1 }] });
    assert.equal(missing.status, 400);
    assert.match(missing.json.message, /no column 'income'/);
  });

  it("builds float64 tensors for a double input and answers with full double precision (tensor signature)", async () => {
    const weights = [0.1, 0.2, 0.3];
    const invoke = await serving({ onnx: doubleLinear(weights, 0.7), tensors: [{ name: "input", dtype: "float64", shape: [-1, 3] }] });
    const rows = [
      [1.1, 2.2, 3.3],
      [1e-9, -7.25, 1 / 3],
    ];
    const want = rows.map((r) => linear(r, weights, 0.7));
    for (const body of [{ inputs: rows }, { instances: rows }, { inputs: { input: rows } }, { dataframe_split: { columns: ["a", "b", "c"], data: rows } }]) {
      const answer = await invoke(body);
      assert.equal(answer.status, 200, answer.body);
      answer.json.predictions.forEach((p: number, i: number) => assert.ok(Math.abs(p - want[i]!) < 1e-12, `${p} vs ${want[i]}`));
    }
    const narrow = await invoke({ inputs: [[1, 2]] });
    assert.equal(narrow.status, 400);
    assert.match(narrow.json.message, /Tensor 'input' has shape \[1, 2\] but the model's input 'input' takes float64 \[N, 3\]/);
    const flat = await invoke({ inputs: [1, 2, 3] });
    assert.match(flat.json.message, /has shape \[3\] .* Wrap a single row in a list/);
    const ragged = await invoke({ inputs: [[1, 2, 3], [1, 2]] });
    assert.match(ragged.json.message, /'input' has shape \[2, 3\]|is ragged/);
    const wrongName = await invoke({ inputs: { features: rows } });
    assert.match(wrongName.json.message, /no tensor for the model's input\(s\) 'input' float64 \[N, 3\].*sent: 'features'/);
    const columnsCount = await invoke({ dataframe_split: { columns: ["a", "b"], data: [[1, 2]] } });
    assert.match(columnsCount.json.message, /2 column\(s\) but the model's input 'input' takes float64 \[N, 3\]/);
  });

  it("builds int64 tensors from integer columns and refuses fractions", async () => {
    const weights = [1, -2];
    const invoke = await serving({ onnx: int64Linear(weights, 0.5), columns: [{ name: "visits", type: "long" }, { name: "returns", type: "long" }] });
    const answer = await invoke({ dataframe_split: { columns: ["visits", "returns"], data: [[3, 1], [10, 7]] } });
    assert.equal(answer.status, 200, answer.body);
    assertPredictions(answer.json.predictions, [3 - 2 + 0.5, 10 - 14 + 0.5]);
    const fraction = await invoke({ dataframe_split: { columns: ["visits", "returns"], data: [[3.5, 1]] } });
    assert.equal(fraction.status, 400);
    assert.match(fraction.json.message, /Column 'visits' at row 0 must be an integer \(long\); got 3\.5/);
    const nullInt = await invoke({ dataframe_split: { columns: ["visits", "returns"], data: [[null, 1]] } });
    assert.match(nullInt.json.message, /Column 'visits' at row 0 must be an integer \(long\); got null/);
  });

  it("answers several outputs as one record per row, an [N, 2] output as lists", async () => {
    const weights = [0.5, -0.25];
    const invoke = await serving({ onnx: multiOutputLogistic(weights, 0.125), columns: [{ name: "a", type: "double" }, { name: "b", type: "double" }] });
    const rows = [
      [1, 2],
      [-2, 0.5],
    ];
    const answer = await invoke({ dataframe_split: { columns: ["a", "b"], data: rows } });
    assert.equal(answer.status, 200, answer.body);
    const predictions = answer.json.predictions as { probability: number; logit: number; both: number[] }[];
    assert.equal(predictions.length, 2);
    predictions.forEach((p, i) => {
      const z = linear(rows[i]!, weights, 0.125);
      assert.deepEqual(Object.keys(p), ["probability", "logit", "both"]);
      assert.ok(Math.abs(p.logit - z) < 1e-6 && Math.abs(p.probability - sigmoid(z)) < 1e-6, JSON.stringify(p));
      assert.equal(p.both.length, 2);
      assert.ok(Math.abs(p.both[0]! - z) < 1e-6 && Math.abs(p.both[1]! - sigmoid(z)) < 1e-6);
    });
  });

  it("without a signature, takes tensors by the graph's input names", async () => {
    const invoke = await serving({ onnx: linearRegression([2, 4], -1) });
    const answer = await invoke({ inputs: { input: [[0.5, 0.25]] } });
    assert.equal(answer.status, 200, answer.body);
    assertPredictions(answer.json.predictions, [2 * 0.5 + 4 * 0.25 - 1]);
    const bad = await invoke({ inputs: [[0.5, "x"]] });
    assert.equal(bad.status, 400);
    assert.match(bad.json.message, /Tensor 'input' element \[0, 1\] must be a number \(float32\); got "x"/);
  });

  it("leaves an optional float column out as NaN, but not a required one", async () => {
    const invoke = await serving({
      onnx: logisticRegression([1, 0], 0),
      columns: [{ name: "x", type: "double" }, { name: "maybe", type: "double", required: false }],
    });
    const answer = await invoke({ dataframe_split: { columns: ["x"], data: [[0]] } });
    assert.equal(answer.status, 200, answer.body);
    // NaN·0 is NaN: the missing column really reached the model as NaN.
    assert.deepEqual(answer.json.predictions, [null]);
    const required = await invoke({ dataframe_split: { columns: ["maybe"], data: [[0]] } });
    assert.match(required.json.message, /no column 'x'/);
  });
});
