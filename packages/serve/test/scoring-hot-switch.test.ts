import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Agent, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { Tensor } from "onnxruntime-node";
import { ServedModel } from "../src/routing/served-model.js";
import type { ServeLogger } from "../src/routing/model-source.js";
import { followDeployment, predictionOf, snapshotOf, type DeploymentFixture } from "./fixtures/deployment-harness.js";
import { logisticRegression } from "./fixtures/onnx-graph.js";
import { loadPackage } from "./fixtures/model-package.js";
import { parsePrometheus, sampleValue } from "./fixtures/prometheus-text.js";

interface Seen {
  status: number;
  version: string;
  revision: string;
  ok: boolean;
}

/** Keep-alive clients posting one-row requests until stopped; every answer is checked against the version it names. */
function loadGenerator(port: number, clients: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const seen: Seen[] = [];
  const errors: string[] = [];
  let running = true;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const row = [(i % 8) / 2, 1];
      const body = JSON.stringify({ dataframe_split: { columns: ["x0", "x1"], data: [row] } });
      const req = httpRequest({ host: "127.0.0.1", port, path: "/invocations", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          const version = String(res.headers["x-cairn-model-version"]);
          const prediction = res.statusCode === 200 ? JSON.parse(text).predictions[0] : NaN;
          seen.push({ status: res.statusCode!, version, revision: String(res.headers["x-cairn-deployment-revision"]), ok: Math.abs(prediction - predictionOf(version, row)) < 1e-6 });
          if (res.statusCode !== 200) errors.push(text);
          resolve();
        });
      });
      req.on("error", (error) => {
        errors.push(error.message);
        resolve();
      });
      req.end(body);
    });
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; running; i += clients) await one(i);
  });
  return {
    seen,
    errors,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

const until = async (check: () => boolean, what: string, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

function capture(): ServeLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

describe("hot switching a deployment", () => {
  const fixtures: DeploymentFixture[] = [];
  after(() => Promise.all(fixtures.map((f) => f.server.close())));

  it("switches versions and traffic under concurrent HTTP load with zero failed requests, and closes versions no longer used", async () => {
    const logger = capture();
    const fixture = await followDeployment(snapshotOf(1, { primary: { model_uri: "models:/churn/1", version: "1" } }), { pollIntervalMs: 20, logger });
    fixtures.push(fixture);
    await fixture.server.app.listen({ host: "127.0.0.1", port: 0 });
    const firstV1 = fixture.models.get("1")!;
    const load = loadGenerator((fixture.server.app.server.address() as AddressInfo).port, 16);
    // A revision counts as reached once 200 answers came from it, so each one serves real traffic.
    const revisionSeen = (revision: number) => () => load.seen.filter((s) => s.revision === String(revision)).length >= 200;
    try {
      await until(() => load.seen.length > 200, "load to start");
      fixture.snapshot = snapshotOf(2, { primary: { model_uri: "models:/churn/2", version: "2" } });
      await until(revisionSeen(2), "revision 2");
      fixture.snapshot = snapshotOf(3, { primary: { model_uri: "models:/churn/2", version: "2" }, canary: { model_uri: "models:/churn/3", version: "3", percent: 50 } });
      await until(revisionSeen(3), "revision 3");
      fixture.snapshot = snapshotOf(4, {
        primary: { model_uri: "models:/churn/2", version: "2" },
        variants: [
          { model_uri: "models:/churn/3", version: "3", weight: 50 },
          { model_uri: "models:/churn/4", version: "4", weight: 50 },
        ],
      });
      await until(revisionSeen(4), "revision 4");
      fixture.snapshot = snapshotOf(5, { primary: { model_uri: "models:/churn/1", version: "1" } });
      await until(revisionSeen(5), "revision 5");
    } finally {
      await load.stop();
    }
    assert.deepEqual(load.errors.slice(0, 3), [], "no request failed");
    assert.ok(load.seen.every((s) => s.status === 200));
    assert.ok(load.seen.every((s) => s.ok), "every answer came from the version its headers name");
    const versionsBy = (revision: string) => new Set(load.seen.filter((s) => s.revision === revision).map((s) => s.version));
    assert.deepEqual([...versionsBy("2")], ["2"]);
    assert.deepEqual([...versionsBy("3")].sort(), ["2", "3"]);
    assert.deepEqual([...versionsBy("4")].sort(), ["3", "4"]);
    assert.deepEqual([...versionsBy("5")], ["1"]);
    // Version 2 stayed loaded through revisions 2-4; version 1 left at revision 2 and was loaded
    // again for revision 5. Every version the last table does not use is closed.
    assert.deepEqual(fixture.loads, ["1", "2", "3", "4", "1"]);
    const input = { input: new Tensor("float32", new Float32Array([1, 1]), [1, 2]) };
    for (const model of [firstV1, ...["2", "3", "4"].map((v) => fixture.models.get(v)!)]) {
      await assert.rejects(model.onnx.runTensors(input), `version ${model.version} is closed`);
    }
    assert.ok(await fixture.models.get("1")!.onnx.runTensors(input), "the version in use is open");
    assert.ok(logger.lines.some((l) => l.startsWith("info deployment 'churn-live' revision 4: primary v2, variant v3 weight 50, variant v4 weight 50")), logger.lines.join("\n"));
  });

  it("keeps serving the current table when a new version fails to load or does not resolve, and retries", async () => {
    const logger = capture();
    const fixture = await followDeployment(snapshotOf(1, { primary: { model_uri: "models:/churn/1", version: "1" } }), { pollIntervalMs: 20, logger });
    fixtures.push(fixture);
    await fixture.server.app.listen({ host: "127.0.0.1", port: 0 });
    const port = (fixture.server.app.server.address() as AddressInfo).port;
    const load = loadGenerator(port, 8);
    try {
      fixture.failing.add("2");
      fixture.snapshot = snapshotOf(2, { primary: { model_uri: "models:/churn/2", version: "2" } });
      await until(() => fixture.loads.filter((v) => v === "2").length >= 2, "two attempts at version 2");
      assert.ok(load.seen.every((s) => s.revision === "1" && s.version === "1"), "still on revision 1");
      fixture.snapshot = snapshotOf(3, { primary: { model_uri: "models:/churn@gone", version: null } });
      await until(() => logger.lines.some((l) => l.includes("resolve(s) to no version")), "the unresolved warning");
      const mark = load.seen.length;
      await until(() => load.seen.length > mark + 100, "more load");
      assert.ok(load.seen.every((s) => s.revision === "1"));
      fixture.failing.delete("2");
      fixture.snapshot = snapshotOf(4, { primary: { model_uri: "models:/churn/2", version: "2" } });
      await until(() => load.seen.some((s) => s.revision === "4"), "revision 4");
    } finally {
      await load.stop();
    }
    assert.deepEqual(load.errors, []);
    assert.ok(load.seen.every((s) => s.ok && s.status === 200));
    assert.ok(logger.lines.some((l) => /^error deployment 'churn-live' revision 2 could not be loaded: version 2 is broken; still serving revision 1/.test(l)), logger.lines.join("\n"));
    assert.equal(logger.lines.filter((l) => l.includes("resolve(s) to no version")).length, 1, "the warning is not repeated every poll");
    const metrics = parsePrometheus(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
    assert.ok(sampleValue(metrics, "cairn_serve_model_load_failures_total", { model_version: "2" })! >= 2);
    assert.equal(sampleValue(metrics, "cairn_serve_deployment_revision", { deployment: "churn-live" }), 4);
  });

  it("closes a retired version only after the requests running on it finish", async () => {
    const model = await loadPackage({ onnx: logisticRegression([1, 1], 0), columns: [{ name: "a", type: "double" }, { name: "b", type: "double" }] });
    const served = new ServedModel(model);
    served.acquire();
    served.acquire();
    served.retire();
    const input = { input: new Tensor("float32", new Float32Array([1, 1]), [1, 2]) };
    assert.ok(await model.onnx.runTensors(input), "still open with requests in flight");
    served.release();
    assert.equal(served.closed, false);
    served.release();
    assert.equal(served.closed, true);
    await served.close();
    await assert.rejects(model.onnx.runTensors(input));
  });
});
