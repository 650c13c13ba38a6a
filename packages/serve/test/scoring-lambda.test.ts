import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CairnClient } from "@cairn/sdk";
import { createNodeClient } from "@cairn/sdk/node";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { createHandler, type ApiGatewayEvent } from "../src/lambda/create-handler.js";
import { logisticRegression } from "./fixtures/onnx-graph.js";
import { loadPackage } from "./fixtures/model-package.js";
import { registerOnnxModel } from "./fixtures/registered-model.js";
import { assertPredictions, linear, sigmoid } from "./fixtures/scoring-harness.js";

const WEIGHTS = [0.75, -0.5, 0.25];
const COLUMNS = [
  { name: "age", type: "double" as const },
  { name: "income", type: "double" as const },
  { name: "tenure", type: "double" as const },
];
const ROWS = [
  [1, 2, 3],
  [4, -1, 0.5],
];
const predictions = ROWS.map((row) => sigmoid(linear(row, WEIGHTS, 0.5)));
const splitBody = JSON.stringify({ dataframe_split: { columns: ["age", "income", "tenure"], data: ROWS } });

/** A REST API (payload 1.0) proxy event. */
const restEvent = (method: string, path: string, body?: string, headers: Record<string, string> = {}): ApiGatewayEvent => ({
  httpMethod: method,
  path,
  headers: { "Content-Type": "application/json", ...headers },
  body: body ?? null,
  isBase64Encoded: false,
  requestContext: { stage: "prod", requestId: "gw-request-1" },
});

/** An HTTP API (payload 2.0) event on a named stage: rawPath carries the stage prefix. */
const httpApiEvent = (method: string, rawPath: string, body?: string, base64 = false): ApiGatewayEvent => ({
  version: "2.0",
  rawPath,
  headers: { "content-type": "application/json" },
  ...(body === undefined ? {} : { body: base64 ? Buffer.from(body).toString("base64") : body, isBase64Encoded: base64 }),
  requestContext: { http: { method, path: rawPath }, stage: "live", requestId: "gw-2" },
});

describe("createHandler (AWS Lambda behind API Gateway)", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  before(async () => {
    server = await startEphemeralServer();
    client = createNodeClient({ trackingUri: server.url, maxRetries: 0, captureSource: false, handleCrashes: false });
    await registerOnnxModel(client, "churn", logisticRegression(WEIGHTS, 0.5), { inputs: COLUMNS, outputs: [{ dtype: "float32", shape: [-1, 1] }] });
  });
  after(() => server.close());

  it("loads the model from the registry once, on the first event, and scores REST and HTTP API events", async () => {
    let downloads = 0;
    const handler = createHandler({
      modelUri: "models:/churn/1",
      client: { downloadModel: (uri, dir) => (downloads++, client.downloadModel(uri, dir)) },
    });
    assert.equal(downloads, 0, "nothing loads before the first event");
    const rest = await handler(restEvent("POST", "/invocations", splitBody));
    assert.equal(rest.statusCode, 200, rest.body);
    assertPredictions(JSON.parse(rest.body).predictions, predictions);
    assert.equal(rest.headers["x-cairn-model-name"], "churn");
    assert.equal(rest.headers["x-cairn-model-version"], "1");
    assert.equal(rest.headers["x-request-id"], "gw-request-1");
    assert.equal(rest.headers["content-type"], "application/json");
    assert.equal(rest.isBase64Encoded, false);

    const http = await handler(httpApiEvent("POST", "/live/invocations", splitBody, true));
    assert.equal(http.statusCode, 200, http.body);
    assertPredictions(JSON.parse(http.body).predictions, predictions);
    const oip = await handler(httpApiEvent("POST", "/live/v2/models/churn/infer", JSON.stringify({ inputs: [{ name: "input", shape: [2, 3], datatype: "FP32", data: ROWS.flat() }] })));
    assert.equal(oip.statusCode, 200, oip.body);
    JSON.parse(oip.body).outputs[0].data.forEach((p: number, i: number) => assert.ok(Math.abs(p - predictions[i]!) < 1e-6));
    assert.equal((await handler(restEvent("GET", "/ping"))).statusCode, 200);
    assert.equal(JSON.parse((await handler(httpApiEvent("GET", "/live/version"))).body).model_version, "1");
    assert.equal(downloads, 1, "the model loaded once for all events");
  });

  it("answers bad requests as the HTTP server does", async () => {
    const handler = createHandler({ model: await loadPackage({ onnx: logisticRegression(WEIGHTS, 0.5), columns: COLUMNS }, "churn", "1") });
    const missing = await handler(restEvent("POST", "/invocations", JSON.stringify({ dataframe_split: { columns: ["age"], data: [[1]] } }), { "X-Request-Id": "mine" }));
    assert.equal(missing.statusCode, 400);
    assert.match(JSON.parse(missing.body).message, /no column 'income'/);
    assert.equal(missing.headers["x-request-id"], "mine", "header names are matched case-insensitively");
    const csv = await handler({ ...restEvent("POST", "/invocations", "x"), headers: { "content-type": "text/plain" } });
    assert.equal(csv.statusCode, 415);
    const unknown = await handler(restEvent("GET", "/nothing"));
    assert.equal(unknown.statusCode, 404);
    assert.equal(JSON.parse(unknown.body).error_code, "ENDPOINT_NOT_FOUND");
    const wrongMethod = await handler(restEvent("GET", "/invocations"));
    assert.equal(wrongMethod.statusCode, 404);
  });

  it("answers 503 while the model cannot be loaded, and loads it on a later event", async () => {
    const handler = createHandler({ modelUri: "models:/fraud/1", trackingUri: server.url });
    const first = await handler(restEvent("POST", "/invocations", splitBody));
    assert.equal(first.statusCode, 503);
    assert.match(JSON.parse(first.body).message, /could not be loaded: .*fraud/);
    await registerOnnxModel(client, "fraud", logisticRegression(WEIGHTS, 0.5), { inputs: COLUMNS, outputs: [{ dtype: "float32", shape: [-1, 1] }] });
    const second = await handler(restEvent("POST", "/invocations", splitBody));
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.headers["x-cairn-model-name"], "fraud");
  });

  it("refuses options naming no model or two", () => {
    assert.throws(() => createHandler({}), { code: "INVALID_PARAMETER_VALUE", message: /exactly one of modelUri .* or model/ });
  });
});
