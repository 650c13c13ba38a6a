import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

describe("GET /api/2.0/cairn/metrics/history-downsampled", () => {
  let s: TestServer;
  let runId = "";
  const url = (query: string) => `/api/2.0/cairn/metrics/history-downsampled?${query}`;

  before(async () => {
    s = await startTestServer();
    runId = (await s.call("POST", "/api/2.0/mlflow/runs/create", { experiment_id: "0" })).json.run.info.run_id;
    for (let start = 0; start < 3000; start += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: "loss", value: start + i === 1234 ? 99 : 1 / (start + i + 1), timestamp: 10_000 + start + i, step: start + i }));
      await s.call("POST", "/api/2.0/mlflow/runs/log-batch", { run_id: runId, metrics });
    }
    await s.call("POST", "/api/2.0/mlflow/runs/log-batch", { run_id: runId, metrics: [{ key: "loss", value: "NaN", timestamp: 1, step: 5000 }] });
  });
  after(() => s.close());

  it("downsamples keeping the spike, and serves a zoomed range at full resolution", async () => {
    const answer = await s.call("GET", url(`run_id=${runId}&metric_key=loss&max_points=100`));
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.total_points, 3001);
    assert.equal(answer.json.downsampled, true);
    assert.ok(answer.json.points.length <= 100);
    assert.deepEqual(answer.json.points.find((p: { value: unknown }) => p.value === 99), { step: 1234, timestamp: 11_234, value: 99 });
    assert.deepEqual(answer.json.points.at(-1), { step: 5000, timestamp: 1, value: "NaN" });
    const zoom = await s.call("GET", url(`run_id=${runId}&metric_key=loss&max_points=100&start=1200&end=1250&x_axis=step`));
    assert.equal(zoom.json.downsampled, false);
    assert.equal(zoom.json.points.length, 51);
    const mirrored = await s.call("GET", `/ajax-api/2.0/cairn/metrics/history-downsampled?run_id=${runId}&metric_key=loss&x_axis=timestamp&start=11000&end=11999`);
    assert.equal(mirrored.status, 200, mirrored.text);
    assert.equal(mirrored.json.total_points, 1000);
  });

  it("answers bad input with 400 INVALID_PARAMETER_VALUE and an unknown run with 404", async () => {
    const cases: [string, RegExp][] = [
      [`run_id=${runId}&metric_key=loss&max_points=1`, /'max_points'.*from 2 to 10000/],
      [`run_id=${runId}&metric_key=loss&max_points=10001`, /'max_points'.*from 2 to 10000/],
      [`run_id=${runId}&metric_key=loss&max_points=abc`, /'max_points'/],
      [`run_id=${runId}&metric_key=loss&start=9&end=3`, /'start' \(9\) is after 'end' \(3\)/],
      [`run_id=${runId}&metric_key=loss&x_axis=epoch`, /'x_axis'.*"step" or "timestamp"/],
      [`metric_key=loss`, /'run_id'/],
    ];
    for (const [query, message] of cases) {
      const answer = await s.call("GET", url(query));
      assert.equal(answer.status, 400, `${query}: ${answer.text}`);
      assert.equal(answer.json.error_code, "INVALID_PARAMETER_VALUE");
      assert.match(answer.json.message, message);
    }
    const missing = await s.call("GET", url(`run_id=${"0".repeat(32)}&metric_key=loss`));
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error_code, "RESOURCE_DOES_NOT_EXIST");
    const empty = await s.call("GET", url(`run_id=${runId}&metric_key=nope`));
    assert.deepEqual(empty.json, { points: [], total_points: 0, downsampled: false });
  });
});
