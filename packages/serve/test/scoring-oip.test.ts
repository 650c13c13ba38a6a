import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ScoringServer } from "../src/server/create-scoring-server.js";
import { multiOutputLogistic } from "./fixtures/serving-graphs.js";
import { doubleLinear } from "./fixtures/serving-graphs.js";
import { loadPackage } from "./fixtures/model-package.js";
import { countRuns, get, linear, post, serverFor, sigmoid } from "./fixtures/scoring-harness.js";

const WEIGHTS = [0.5, -0.25, 1];
const BIAS = 0.125;
const ROWS = [
  [1, 2, 3],
  [-1, 0.5, 0],
];

describe("Open Inference Protocol v2", () => {
  let server: ScoringServer;
  let runs: { readonly count: number };
  before(async () => {
    const model = await loadPackage(
      { onnx: multiOutputLogistic(WEIGHTS, BIAS), columns: [{ name: "a", type: "double" }, { name: "b", type: "double" }, { name: "c", type: "double" }] },
      "churn",
      "5",
    );
    runs = countRuns(model);
    server = serverFor(model);
    await server.start();
  });
  after(() => server.close());

  it("answers server, health and model metadata endpoints", async () => {
    assert.deepEqual((await get(server, "/v2")).json, { name: "cairn-serve", version: "0.1.0", extensions: [] });
    assert.deepEqual((await get(server, "/v2/health/live")).json, { live: true });
    assert.deepEqual((await get(server, "/v2/health/ready")).json, { ready: true });
    const metadata = await get(server, "/v2/models/churn");
    assert.equal(metadata.status, 200);
    assert.deepEqual(metadata.json, {
      name: "churn",
      versions: ["5"],
      platform: "onnxruntime_onnx",
      inputs: [{ name: "input", datatype: "FP32", shape: [-1, 3] }],
      outputs: [
        { name: "probability", datatype: "FP32", shape: [-1, 1] },
        { name: "logit", datatype: "FP32", shape: [-1, 1] },
        { name: "both", datatype: "FP32", shape: [-1, 2] },
      ],
    });
    assert.deepEqual((await get(server, "/v2/models/churn/versions/5")).json.versions, ["5"]);
    assert.deepEqual((await get(server, "/v2/models/churn/ready")).json, { name: "churn", ready: true });
    assert.equal((await get(server, "/v2/models/churn/versions/5/ready")).status, 200);
    for (const path of ["/v2/models/other", "/v2/models/other/ready", "/v2/models/churn/versions/9", "/v2/models/churn/versions/9/ready"]) {
      const answer = await get(server, path);
      assert.equal(answer.status, 404, path);
      assert.deepEqual(Object.keys(answer.json), ["error"], `${path} uses OIP's error envelope`);
    }
    assert.match((await get(server, "/v2/models/churn/versions/9")).json.error, /no version '9' loaded here; loaded versions: 5/);
  });

  it("infers from the model's input tensor, flat or nested, returning every output (or those asked for)", async () => {
    const request = { id: "r-1", inputs: [{ name: "input", shape: [2, 3], datatype: "FP32", data: ROWS.flat() }] };
    const answer = await post(server, "/v2/models/churn/infer", request);
    assert.equal(answer.status, 200, answer.body);
    assert.equal(answer.json.model_name, "churn");
    assert.equal(answer.json.model_version, "5");
    assert.equal(answer.json.id, "r-1");
    const outputs = answer.json.outputs as { name: string; datatype: string; shape: number[]; data: number[] }[];
    assert.deepEqual(outputs.map((o) => [o.name, o.datatype, o.shape]), [["probability", "FP32", [2, 1]], ["logit", "FP32", [2, 1]], ["both", "FP32", [2, 2]]]);
    const z = ROWS.map((r) => linear(r, WEIGHTS, BIAS));
    outputs[0]!.data.forEach((p, i) => assert.ok(Math.abs(p - sigmoid(z[i]!)) < 1e-6));
    outputs[1]!.data.forEach((l, i) => assert.ok(Math.abs(l - z[i]!) < 1e-6));
    assert.equal(outputs[2]!.data.length, 4);

    const nested = await post(server, "/v2/models/churn/versions/5/infer", { inputs: [{ name: "input", shape: [2, 3], datatype: "FP32", data: ROWS }], outputs: [{ name: "logit" }] });
    assert.equal(nested.status, 200, nested.body);
    assert.deepEqual(nested.json.outputs.map((o: { name: string }) => o.name), ["logit"]);
    assert.ok(nested.json.id, "an id is generated when the request has none");
    assert.equal(nested.headers["x-cairn-model-version"], "5");
  });

  it("also takes one tensor per signature column", async () => {
    const columns = ["a", "b", "c"].map((name, j) => ({ name, shape: [2], datatype: "FP64", data: ROWS.map((r) => r[j]) }));
    const answer = await post(server, "/v2/models/churn/infer", { inputs: columns, outputs: [{ name: "probability" }] });
    assert.equal(answer.status, 200, answer.body);
    answer.json.outputs[0].data.forEach((p: number, i: number) => assert.ok(Math.abs(p - sigmoid(linear(ROWS[i]!, WEIGHTS, BIAS))) < 1e-6));
  });

  it("refuses bad requests with 400 in OIP's envelope, naming the tensor, before anything reaches the model", async () => {
    const before = runs.count;
    const cases: [unknown, RegExp][] = [
      [{ inputs: [{ name: "input", shape: [1, 3], datatype: "FP64", data: [1, 2, 3] }] }, /Input 'input' has datatype FP64 but the model takes FP32 \(float32\); send datatype FP32/],
      [{ inputs: [{ name: "input", shape: [1, 3], datatype: "FP32", data: [1, 2] }] }, /Tensor 'input' has 2 value\(s\) but its shape \[1, 3\] holds 3/],
      [{ inputs: [{ name: "input", shape: [1, 4], datatype: "FP32", data: [1, 2, 3, 4] }] }, /Tensor 'input' has shape \[1, 4\] but the model's input 'input' takes float32 \[N, 3\]/],
      [{ inputs: [{ name: "input", shape: [1, 3], datatype: "FP32", data: [1, "2", 3] }] }, /Tensor 'input' value 1 must be a number \(float32\); got "2"/],
      [{ inputs: [{ name: "features", shape: [1, 3], datatype: "FP32", data: [1, 2, 3] }] }, /no input\(s\) 'a', 'b', 'c'.*sent: 'features'/],
      [{ inputs: [{ name: "input", shape: [1, 3], datatype: "FP8", data: [1, 2, 3] }] }, /'datatype' must be one of FP32, FP64/],
      [{ inputs: [{ name: "input", shape: [1, -3], datatype: "FP32", data: [] }] }, /'shape' must be a list of non-negative integers/],
      [{ inputs: [] }, /'inputs' must be a non-empty list/],
      [{ inputs: [{ name: "input", shape: [1, 3], datatype: "FP32", data: [1, 2, 3] }], outputs: [{ name: "score" }] }, /no output\(s\) 'score'; its outputs are 'probability', 'logit', 'both'/],
      ["{not json", /not valid JSON/],
    ];
    for (const [request, message] of cases) {
      const answer = await post(server, "/v2/models/churn/infer", request);
      assert.equal(answer.status, 400, answer.body);
      assert.deepEqual(Object.keys(answer.json), ["error"]);
      assert.match(answer.json.error, message);
    }
    // The unknown output is only noticed after the run; everything else never reached the model.
    assert.equal(runs.count, before + 1);
    const unknown = await post(server, "/v2/models/other/infer", { inputs: [{ name: "input", shape: [1, 3], datatype: "FP32", data: [1, 2, 3] }] });
    assert.equal(unknown.status, 404);
    assert.match(unknown.json.error, /No model 'other' is served here; this server serves 'churn'/);
  });

  it("keeps float64 precision end to end for a double model", async () => {
    const weights = [0.1, 0.2];
    const model = await loadPackage({ onnx: doubleLinear(weights, 0.3) }, "dbl", "1");
    const doubles = serverFor(model);
    await doubles.start();
    try {
      const answer = await post(doubles, "/v2/models/dbl/infer", { inputs: [{ name: "input", shape: [1, 2], datatype: "FP64", data: [1.1, 2.2] }] });
      assert.equal(answer.status, 200, answer.body);
      assert.equal(answer.json.outputs[0].datatype, "FP64");
      assert.ok(Math.abs(answer.json.outputs[0].data[0] - linear([1.1, 2.2], weights, 0.3)) < 1e-12);
    } finally {
      await doubles.close();
    }
  });
});
