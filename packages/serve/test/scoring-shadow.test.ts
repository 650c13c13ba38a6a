import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { InferenceLogRecord } from "../src/telemetry/inference-log-queue.js";
import { logisticRegression } from "./fixtures/onnx-graph.js";
import { failingModel, slowLogistic } from "./fixtures/serving-graphs.js";
import { FEATURES, followDeployment, predictionOf, snapshotOf, weightsOf, type DeploymentFixture } from "./fixtures/deployment-harness.js";
import { loadPackage } from "./fixtures/model-package.js";
import { parsePrometheus, sampleValue } from "./fixtures/prometheus-text.js";

const SLOW = "9";
const FAILING = "8";
const OTHER_COLUMNS = "5";

/** Versions 1-7 are the usual regressions; 9 is slow (~0.25 s a row), 8 fails inside onnxruntime, 5 wants other columns. */
async function loadVersion(name: string, version: string) {
  if (version === SLOW) return loadPackage({ onnx: slowLogistic(weightsOf(version), 0, 1024, 12), columns: FEATURES }, name, version);
  if (version === FAILING) return loadPackage({ onnx: failingModel(2), columns: FEATURES }, name, version);
  if (version === OTHER_COLUMNS) return loadPackage({ onnx: logisticRegression([1, 1], 0), columns: [{ name: "age", type: "double" }, { name: "plan", type: "double" }] }, name, version);
  return loadPackage({ onnx: logisticRegression(weightsOf(version), 0), columns: FEATURES }, name, version);
}

const shadowed = (version: string, percent = 100) => snapshotOf(1, { primary: { model_uri: "models:/churn/1", version: "1" }, shadow: { model_uri: `models:/churn/${version}`, version, percent } });

describe("shadow scoring", () => {
  const fixtures: DeploymentFixture[] = [];
  after(() => Promise.all(fixtures.map((f) => f.server.close())));

  async function serve(version: string, options: { shadowMaxInFlight?: number } = {}) {
    const logged: InferenceLogRecord[] = [];
    const fixture = await followDeployment(shadowed(version), { loadVersion, sendLogs: async (records) => void logged.push(...records), ...options });
    fixtures.push(fixture);
    await fixture.server.app.listen({ host: "127.0.0.1", port: 0 });
    const url = `http://127.0.0.1:${(fixture.server.app.server.address() as AddressInfo).port}`;
    const invoke = async (row: number[], id: string) => {
      const started = performance.now();
      const response = await fetch(`${url}/invocations`, { method: "POST", headers: { "content-type": "application/json", "x-request-id": id }, body: JSON.stringify({ dataframe_split: { columns: ["x0", "x1"], data: [row] } }) });
      return { status: response.status, version: response.headers.get("x-cairn-model-version"), body: await response.json(), ms: performance.now() - started };
    };
    return { fixture, url, logged, invoke };
  }

  it("answers from the primary at its own speed while a slow shadow scores the same requests off the answer's path", async () => {
    const { fixture, logged, invoke, url } = await serve(SLOW, { shadowMaxInFlight: 8 });
    const rows = Array.from({ length: 6 }, (_, i) => [i / 2, 1 - i / 4]);
    const answers = [];
    for (const [i, row] of rows.entries()) answers.push(await invoke(row, `s${i}`));
    answers.forEach((a, i) => {
      assert.equal(a.status, 200);
      assert.equal(a.version, "1", "the primary answers");
      assert.ok(Math.abs(a.body.predictions[0] - predictionOf("1", rows[i]!)) < 1e-6, "the answer is the primary's prediction");
    });
    const slowest = Math.max(...answers.map((a) => a.ms));
    await fixture.server.logQueue!.flush();
    const until = Date.now() + 20_000;
    while (logged.filter((r) => r.shadow).length < rows.length && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await fixture.server.logQueue!.flush();
    }
    const shadows = logged.filter((r) => r.shadow);
    assert.equal(shadows.length, rows.length, "every shadow result reaches the log");
    const shadowTime = Math.min(...shadows.map((r) => r.latency_ms));
    assert.ok(shadowTime > 100, `the shadow is slow (${shadowTime.toFixed(0)} ms a request)`);
    assert.ok(slowest < shadowTime / 2, `answers took at most ${slowest.toFixed(1)} ms while each shadow scoring took ${shadowTime.toFixed(0)} ms`);
    for (const [i, row] of rows.entries()) {
      const primary = logged.find((r) => r.request_id === `s${i}` && !r.shadow)!;
      const shadow = shadows.find((r) => r.request_id === `s${i}`)!;
      assert.equal(primary.model_version, "1");
      assert.equal(shadow.model_version, SLOW);
      assert.equal(shadow.deployment, "churn-live");
      assert.equal(shadow.status_code, 200);
      const output = (shadow.outputs as { probability: number; busy: number }[])[0]!;
      assert.ok(Math.abs(output.probability - predictionOf(SLOW, row)) < 1e-6, "the shadow ran its own model on the request");
    }
    const metrics = parsePrometheus(await (await fetch(`${url}/metrics`)).text());
    assert.equal(sampleValue(metrics, "cairn_serve_shadow_requests_total", { model_version: SLOW, outcome: "ok" }), rows.length);
  });

  it("bounds shadow work in flight: extra shadow requests are dropped and counted, answers unaffected", async () => {
    const { invoke, url } = await serve(SLOW, { shadowMaxInFlight: 2 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => invoke([i / 8, 0.5], `b${i}`)));
    assert.ok(answers.every((a) => a.status === 200 && a.version === "1"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const metrics = parsePrometheus(await (await fetch(`${url}/metrics`)).text());
    const dropped = sampleValue(metrics, "cairn_serve_shadow_dropped_total")!;
    assert.ok(dropped >= 20 - 2 - 4, `dropped ${dropped} of 20 with 2 in flight at most`);
  });

  it("keeps answers unchanged when the shadow fails inside onnxruntime or cannot read the request", async () => {
    for (const version of [FAILING, OTHER_COLUMNS]) {
      const { fixture, logged, invoke, url } = await serve(version);
      const answer = await invoke([1, 2], `f${version}`);
      assert.equal(answer.status, 200);
      assert.equal(answer.version, "1");
      assert.ok(Math.abs(answer.body.predictions[0] - predictionOf("1", [1, 2])) < 1e-6);
      const until = Date.now() + 10_000;
      while (!logged.some((r) => r.shadow) && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await fixture.server.logQueue!.flush();
      }
      const shadow = logged.find((r) => r.shadow);
      assert.ok(shadow, `version ${version}: the shadow's failure is logged`);
      assert.equal(shadow.request_id, `f${version}`);
      const error = (shadow.outputs as { error: string }).error;
      if (version === FAILING) {
        assert.equal(shadow.status_code, 500);
        assert.match(error, /cannot be reshaped/);
      } else {
        assert.equal(shadow.status_code, 400);
        assert.match(error, /no column 'age'/);
      }
      const metrics = parsePrometheus(await (await fetch(`${url}/metrics`)).text());
      assert.equal(sampleValue(metrics, "cairn_serve_shadow_requests_total", { model_version: version, outcome: version === FAILING ? "failed" : "rejected" }), 1);
      assert.equal(sampleValue(metrics, "cairn_serve_requests_total", { deployment: "churn-live", model_version: "1", status: "200" }), 1);
    }
  });
});
