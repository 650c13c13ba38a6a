import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CairnClient } from "@cairn/sdk";
import { createNodeClient } from "@cairn/sdk/node";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { createScoringServer, type ScoringServer } from "../src/server/create-scoring-server.js";
import { logisticRegression } from "./fixtures/onnx-graph.js";
import { registerOnnxModel } from "./fixtures/registered-model.js";
import { assertPredictions, linear, sigmoid } from "./fixtures/scoring-harness.js";
import { seeded } from "./fixtures/seeded-random.js";

// 30 features, as the serving benchmark uses; dyadic weights keep float32 exact.
const FEATURES = Array.from({ length: 30 }, (_, i) => `f${i}`);
const weightsV = (v: number) => FEATURES.map((_, i) => (((i * 7 + v) % 11) - 5) / 16);
const ROWS = Array.from({ length: 5 }, (_, r) => FEATURES.map((_, i) => ((r * 31 + i * 17) % 13) / 8 - 0.75));
const expectedV = (v: number, rows = ROWS) => rows.map((row) => sigmoid(linear(row, weightsV(v), 0.25)));
const signature = { inputs: FEATURES.map((name) => ({ name, type: "double" as const })), outputs: [{ name: "probability", dtype: "float32" as const, shape: [-1, 1] }] };

describe("serving registered models end to end", () => {
  let tracking: EphemeralServer;
  let client: CairnClient;
  const servers: ScoringServer[] = [];
  before(async () => {
    tracking = await startEphemeralServer();
    client = createNodeClient({ trackingUri: tracking.url, maxRetries: 0, captureSource: false, handleCrashes: false });
    for (const v of [1, 2]) await registerOnnxModel(client, "churn", logisticRegression(weightsV(v), 0.25), signature);
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await tracking.close();
  });

  const invoke = async (url: string, body: unknown) => {
    const response = await fetch(`${url}/invocations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, headers: response.headers, json: await response.json() };
  };

  it("serves a models:/ alias logged with run.logModel, predictions equal to the JS model", async () => {
    const server = createScoringServer({ source: { modelUri: "models:/churn@champion" }, client });
    servers.push(server);
    const url = await server.listen({ port: 0 });
    const answer = await invoke(url, { dataframe_split: { columns: FEATURES, data: ROWS } });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    assertPredictions(answer.json.predictions, expectedV(1));
    assert.equal(answer.headers.get("x-cairn-model-version"), "1");
    const records = await invoke(url, { dataframe_records: ROWS.map((row) => Object.fromEntries(FEATURES.map((f, i) => [f, row[i]]))) });
    assertPredictions(records.json.predictions, expectedV(1));
  });

  it("refuses to start on a URI that names nothing, saying so", async () => {
    const server = createScoringServer({ source: { modelUri: "models:/churn@nobody" }, client });
    servers.push(server);
    await assert.rejects(server.listen({ port: 0 }), { code: "RESOURCE_DOES_NOT_EXIST" });
  });

  it("follows a deployment through the tracking server: canary split, inference logs stored, alias moves", async () => {
    await client.deployments.create({ name: "churn-live", model_uri: "models:/churn@champion" });
    const server = createScoringServer({
      source: { deployment: "churn-live", pollIntervalMs: 50 },
      client,
      fetchDeployment: (name) => client.deployments.get({ name }),
      sendLogs: async (records) => void (await client.inferenceLogs.log(records)),
      logQueue: { flushIntervalMs: 50 },
      random: seeded(5),
    });
    servers.push(server);
    const url = await server.listen({ port: 0 });
    const first = await fetch(`${url}/invocations`, { method: "POST", headers: { "content-type": "application/json", "x-request-id": "e2e-1" }, body: JSON.stringify({ inputs: ROWS.slice(0, 1) }) });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("x-cairn-deployment"), "churn-live");
    assertPredictions((await first.json()).predictions, expectedV(1, ROWS.slice(0, 1)));

    await server.logQueue!.flush();
    const { records } = await client.inferenceLogs.get({ request_id: "e2e-1" });
    assert.equal(records.length, 1);
    assert.equal(records[0]!.deployment, "churn-live");
    assert.equal(records[0]!.model_version, "1");
    assert.deepEqual(records[0]!.inputs, { inputs: ROWS.slice(0, 1) });

    const { deployment } = await client.deployments.canary({ name: "churn-live", model_uri: "models:/churn/2", percent: 30 });
    const revision = String(deployment.revision);
    const until = Date.now() + 10_000;
    let answer = await invoke(url, { inputs: ROWS.slice(0, 1) });
    while (answer.headers.get("x-cairn-deployment-revision") !== revision && Date.now() < until) answer = await invoke(url, { inputs: ROWS.slice(0, 1) });
    assert.equal(answer.headers.get("x-cairn-deployment-revision"), revision, "the server picked up the canary");
    const versions: string[] = [];
    for (let i = 0; i < 400; i++) {
      const a = await invoke(url, { inputs: ROWS.slice(0, 1) });
      const version = a.headers.get("x-cairn-model-version")!;
      assertPredictions(a.json.predictions, expectedV(Number(version), ROWS.slice(0, 1)));
      versions.push(version);
    }
    const share = versions.filter((v) => v === "2").length / versions.length;
    assert.ok(share > 0.2 && share < 0.4, `canary share ${share}`);
  });
});
