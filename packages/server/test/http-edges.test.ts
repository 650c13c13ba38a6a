import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

describe("HTTP edges", () => {
  let s: TestServer;
  let runId = "";
  before(async () => {
    s = await startTestServer();
    runId = (await s.call("POST", "/api/2.0/mlflow/runs/create", { experiment_id: "0" })).json.run.info.run_id;
  });
  after(() => s.close());

  it("serves health, version, OpenAPI and the /ajax-api and /api/3.0 mirrors", async () => {
    assert.deepEqual([(await s.call("GET", "/health")).text, (await s.call("GET", "/version")).text], ["OK", "3.6.1"]);
    const openapi = await s.call("GET", "/api/openapi.json");
    assert.equal(openapi.json.openapi.startsWith("3."), true);
    assert.ok(openapi.json.paths["/api/2.0/mlflow/runs/log-batch"].post);
    for (const prefix of ["/ajax-api/2.0/mlflow", "/api/3.0/mlflow"]) {
      const got = await s.call("GET", `${prefix}/runs/get?run_id=${runId}`);
      assert.equal(got.json.run.info.run_id, runId, prefix);
    }
  });

  it("answers 404 to unknown routes whatever their body", async () => {
    const raw = await s.app.inject({ method: "PUT", url: "/api/2.0/mlflow/nowhere", payload: "raw bytes", headers: { "content-type": "application/octet-stream" } });
    assert.equal(raw.statusCode, 404);
    assert.equal(JSON.parse(raw.body).error_code, "ENDPOINT_NOT_FOUND");
  });

  it("rejects a log-batch body over 1 MB with a 400 and writes nothing", async () => {
    const value = "x".repeat(5000);
    const tags = Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value }));
    const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: value + "y".repeat(900) }));
    const metrics = Array.from({ length: 800 }, (_, i) => ({ key: `m${i}`.padEnd(250, "m"), value: i, timestamp: 1, step: 0 }));
    const answer = await s.call("POST", "/api/2.0/mlflow/runs/log-batch", { run_id: runId, tags, params, metrics });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error_code, "INVALID_PARAMETER_VALUE");
    assert.match(answer.json.message, /1 MB/);
    assert.equal((await s.call("GET", `/api/2.0/mlflow/runs/get?run_id=${runId}`)).json.run.data.params, undefined);
  });

  it("rejects too-long keys and values, naming them", async () => {
    const longKey = await s.call("POST", "/api/2.0/mlflow/runs/log-parameter", { run_id: runId, key: "k".repeat(251), value: "1" });
    assert.deepEqual([longKey.status, longKey.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(longKey.json.message, /limit is 250/);
    const longValue = await s.call("POST", "/api/2.0/mlflow/runs/log-parameter", { run_id: runId, key: "p", value: "v".repeat(6001) });
    assert.match(longValue.json.message, /'p'.*6001.*6000/);
    const longTag = await s.call("POST", "/api/2.0/mlflow/runs/set-tag", { run_id: runId, key: "t", value: "v".repeat(8001) });
    assert.match(longTag.json.message, /8000/);
    const dotted = await s.call("POST", "/api/2.0/mlflow/runs/set-tag", { run_id: runId, key: "a/../b", value: "v" });
    assert.equal(dotted.status, 400);
  });

  it("reads repeated query keys as arrays and JSON bodies on DELETE", async () => {
    await s.call("POST", "/api/2.0/mlflow/runs/log-batch", { run_id: runId, metrics: Array.from({ length: 50 }, (_, i) => ({ key: "loss", value: i, timestamp: i, step: i })) });
    const other = (await s.call("POST", "/api/2.0/mlflow/runs/create", { experiment_id: "0" })).json.run.info.run_id;
    await s.call("POST", "/api/2.0/mlflow/runs/log-metric", { run_id: other, key: "loss", value: 3, timestamp: 1, step: 0 });
    const bulk = await s.call("GET", `/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${runId}&run_ids=${other}&metric_key=loss&max_results=10`);
    const perRun = new Map<string, number>();
    for (const m of bulk.json.metrics) perRun.set(m.run_id, (perRun.get(m.run_id) ?? 0) + 1);
    assert.deepEqual([perRun.get(runId), perRun.get(other)], [10, 1]);
    const model = (await s.call("POST", "/api/2.0/mlflow/logged-models", { experiment_id: "0", tags: [{ key: "k", value: "v" }] })).json.model.info.model_id;
    assert.equal((await s.call("DELETE", `/api/2.0/mlflow/logged-models/${model}/tags/k`, {})).status, 200);
    assert.equal((await s.call("GET", `/api/2.0/mlflow/logged-models/${model}`)).json.model.info.tags, undefined);
  });

  it("answers every route's bad input with a 4xx envelope, never a 500", async () => {
    const routes = Object.entries((await s.call("GET", "/api/openapi.json")).json.paths as Record<string, Record<string, unknown>>);
    const garbage: unknown[] = ["{not json", "[]", "null", "42", { run_id: 5 }, { experiment_id: {} }, { run_id: runId, metrics: "x" }, { run_id: runId, metrics: [{}] }, { filter: "((", order_by: 3 }, { name: "" }, { max_results: -1 }, { page_token: "%%%" }];
    let checked = 0;
    let rejected = 0;
    for (const [path, methods] of routes) {
      for (const method of Object.keys(methods)) {
        const url = path.replace("{model_id}", "m-nope").replace("{tag_key}", "k");
        const bodies = method === "get" ? [undefined] : garbage;
        for (const body of bodies) {
          const query = method === "get" ? "?max_results=abc&run_id=&experiment_id=x&page_token=%25" : "";
          const answer = await s.call(method.toUpperCase(), url + query, body);
          assert.ok(answer.status < 500, `${method} ${url} ${JSON.stringify(body)} -> ${answer.status} ${answer.text}`);
          checked++;
          // Unknown fields are ignored as MLflow does, so some of these are valid requests.
          if (answer.status === 200) continue;
          assert.ok(answer.status >= 400, answer.text);
          assert.equal(typeof answer.json?.error_code, "string", answer.text);
          assert.ok(answer.json.message.length > 10, answer.text);
          rejected++;
        }
      }
    }
    assert.ok(checked > 200, `only ${checked} requests checked`);
    assert.ok(rejected > checked * 0.8, `only ${rejected} of ${checked} rejected`);
  });
});
