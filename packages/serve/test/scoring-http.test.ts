import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { createScoringServer, type ScoringServer } from "../src/server/create-scoring-server.js";
import { logisticRegression } from "./fixtures/onnx-graph.js";
import { doubleColumns, loadPackage } from "./fixtures/model-package.js";
import { parsePrometheus, sampleValue } from "./fixtures/prometheus-text.js";
import { assertPredictions, linear, sigmoid } from "./fixtures/scoring-harness.js";

const WEIGHTS = [0.25, -0.5];
const body = (rows: unknown[][]) => JSON.stringify({ dataframe_split: { columns: ["f0", "f1"], data: rows } });
const json = { "content-type": "application/json" };

/** A deployment snapshot as the tracking server answers it. */
const snapshot = (revision: number, version: string) => ({ deployment: { name: "churn-live", model_name: "churn", revision, primary: { model_uri: `models:/churn/${version}`, version } } });

describe("the scoring server over HTTP", () => {
  const servers: ScoringServer[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));

  async function listening(server: ScoringServer): Promise<string> {
    servers.push(server);
    await server.app.listen({ host: "127.0.0.1", port: 0 });
    return `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  }

  it("answers 503 until its model is loaded, then 200, with model and deployment headers on every answer", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = createScoringServer({
      source: { deployment: "churn-live", pollIntervalMs: 60_000 },
      fetchDeployment: async (name) => {
        assert.equal(name, "churn-live");
        await gate;
        return snapshot(3, "7");
      },
      loadVersion: (name, version) => loadPackage({ onnx: logisticRegression(WEIGHTS, 0.5), columns: doubleColumns(2) }, name, version),
    });
    const url = await listening(server);
    const starting = server.start();
    for (const path of ["/ping", "/health", "/v2/health/ready"]) assert.equal((await fetch(url + path)).status, 503, path);
    const early = await fetch(`${url}/invocations`, { method: "POST", headers: json, body: body([[1, 2]]) });
    assert.equal(early.status, 503);
    assert.deepEqual(Object.keys(await early.json()), ["error_code", "message"]);
    assert.ok(early.headers.get("x-request-id"), "an answer before loading still has a request id");
    assert.equal((await fetch(`${url}/v2/health/live`)).status, 200, "live while loading");

    release();
    await starting;
    const ping = await fetch(`${url}/ping`);
    assert.equal(ping.status, 200);
    assert.equal(ping.headers.get("x-cairn-model-version"), "7");

    const ok = await fetch(`${url}/invocations`, { method: "POST", headers: { ...json, "x-request-id": "req-abc" }, body: body([[1, 2]]) });
    assert.equal(ok.status, 200);
    assertPredictions((await ok.json()).predictions, [sigmoid(linear([1, 2], WEIGHTS, 0.5))]);
    assert.equal(ok.headers.get("x-cairn-model-name"), "churn");
    assert.equal(ok.headers.get("x-cairn-model-version"), "7");
    assert.equal(ok.headers.get("x-cairn-deployment"), "churn-live");
    assert.equal(ok.headers.get("x-cairn-deployment-revision"), "3");
    assert.equal(ok.headers.get("x-request-id"), "req-abc", "the client's request id is kept");
    assert.match(ok.headers.get("content-type")!, /^application\/json/);

    const bad = await fetch(`${url}/invocations`, { method: "POST", headers: json, body: body([[1, "x"]]) });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get("x-cairn-model-version"), "7", "errors carry the model headers too");
    assert.equal(bad.headers.get("x-cairn-deployment-revision"), "3");
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await fetch(`${url}/ping`)).headers.get("x-request-id")!);
    assert.equal(ids.size, 5, "generated request ids are unique");

    const version = await (await fetch(`${url}/version`)).json();
    assert.deepEqual(version, { cairn_version: "0.1.0", model_name: "churn", model_version: "7", deployment: "churn-live", deployment_revision: 3 });
  });

  it("serves Prometheus metrics that count requests by status and time them in cumulative buckets", async () => {
    const model = await loadPackage({ onnx: logisticRegression(WEIGHTS, 0.5), columns: doubleColumns(2) }, "fraud", "2");
    const server = createScoringServer({ source: { model }, sendLogs: async () => {} });
    const url = await listening(server);
    await server.start();
    for (let i = 0; i < 7; i++) assert.equal((await fetch(`${url}/invocations`, { method: "POST", headers: json, body: body([[i, 1]]) })).status, 200);
    for (let i = 0; i < 3; i++) assert.equal((await fetch(`${url}/invocations`, { method: "POST", headers: json, body: "{}" })).status, 400);
    await fetch(`${url}/invocations`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    await server.logQueue!.flush();

    const response = await fetch(`${url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
    const metrics = parsePrometheus(await response.text());
    const labels = { deployment: "", model_version: "2" };
    assert.equal(metrics.types.get("cairn_serve_requests_total"), "counter");
    assert.equal(metrics.types.get("cairn_serve_request_duration_seconds"), "histogram");
    assert.equal(sampleValue(metrics, "cairn_serve_requests_total", { ...labels, status: "200" }), 7);
    assert.equal(sampleValue(metrics, "cairn_serve_requests_total", { ...labels, status: "400" }), 3);
    assert.equal(sampleValue(metrics, "cairn_serve_requests_total", { ...labels, status: "415" }), 1);
    assert.equal(sampleValue(metrics, "cairn_serve_request_duration_seconds_count", labels), 11);
    const buckets = metrics.samples.filter((s) => s.name === "cairn_serve_request_duration_seconds_bucket");
    assert.equal(buckets[0]!.labels.le, "0.0001");
    assert.equal(buckets.at(-1)!.labels.le, "+Inf");
    assert.equal(buckets.at(-1)!.value, 11);
    buckets.slice(1).forEach((b, i) => assert.ok(b.value >= buckets[i]!.value, "buckets are cumulative"));
    assert.ok(sampleValue(metrics, "cairn_serve_request_duration_seconds_sum", labels)! > 0);
    assert.ok(sampleValue(metrics, "cairn_serve_model_load_seconds", { model_version: "2" })! > 0);
    assert.equal(sampleValue(metrics, "cairn_serve_model_loaded", { model_name: "fraud", model_version: "2", role: "primary" }), 1);
    assert.equal(sampleValue(metrics, "cairn_serve_inference_log_sent_total"), 7, "only predictions are logged");
    assert.equal(sampleValue(metrics, "cairn_serve_inference_log_dropped_total", { reason: "queue_full" }), 0);
    assert.equal(sampleValue(metrics, "cairn_serve_shadow_dropped_total"), 0);
  });

  it("answers unknown paths and oversized bodies in the protocol's envelope", async () => {
    const model = await loadPackage({ onnx: logisticRegression(WEIGHTS, 0.5), columns: doubleColumns(2) });
    const server = createScoringServer({ source: { model }, bodyLimit: 1024 });
    const url = await listening(server);
    await server.start();
    const missing = await fetch(`${url}/predict`, { method: "POST", headers: json, body: "{}" });
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error_code, "ENDPOINT_NOT_FOUND");
    const oip = await fetch(`${url}/v2/nothing`);
    assert.equal(oip.status, 404);
    assert.match((await oip.json()).error, /No endpoint GET \/v2\/nothing/);
    const big = await fetch(`${url}/invocations`, { method: "POST", headers: json, body: body(Array.from({ length: 200 }, () => [1, 2])) });
    assert.equal(big.status, 413);
    const answer = await big.json();
    assert.equal(answer.error_code, "REQUEST_LIMIT_EXCEEDED");
    assert.match(answer.message, /larger than the server's limit \(1024 bytes\); send fewer rows/);
    assert.equal(big.headers.get("x-cairn-model-name"), "churn");
  });
});
