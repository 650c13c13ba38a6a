import assert from "node:assert/strict";
import type { As, AuthTestServer } from "./auth-harness.js";

const MLFLOW = "/api/2.0/mlflow";
const CAIRN = "/api/2.0/cairn";

/** The resources seedGoverned made, by the names and ids tests refer to them with. */
export interface Seeded {
  experimentId: string;
  experimentName: string;
  runId: string;
  loggedModelId: string;
  model: string;
  deployment: string;
  monitor: string;
  requestId: string;
  artifactPath: string;
}

/**
 * One of each governed resource, created by `as` (who so gets MANAGE on each): an experiment
 * with a run (a metric, a param, an artifact file), a logged model, a registered model with
 * version 1 and alias champion, a deployment serving it with logged inferences, and a monitor.
 */
export async function seedGoverned(s: AuthTestServer, as: As, prefix: string): Promise<Seeded> {
  const ok = async (method: string, url: string, body?: unknown) => {
    const r = await s.call(method, url, { as, ...(body === undefined ? {} : { body }) });
    assert.ok(r.status === 200, `${method} ${url}: ${r.status} ${r.text}`);
    return r.json;
  };
  const experimentName = `${prefix}-exp`;
  const experimentId = (await ok("POST", `${MLFLOW}/experiments/create`, { name: experimentName })).experiment_id as string;
  const runId = (await ok("POST", `${MLFLOW}/runs/create`, { experiment_id: experimentId, start_time: 1 })).run.info.run_id as string;
  await ok("POST", `${MLFLOW}/runs/log-batch`, { run_id: runId, metrics: [{ key: "m", value: 1, timestamp: 1, step: 0 }], params: [{ key: "p", value: "1" }] });
  const artifactPath = `${experimentId}/${runId}/artifacts/file.txt`;
  const put = await s.app.inject({ method: "PUT", url: `/api/2.0/mlflow-artifacts/artifacts/${artifactPath}`, headers: headersOf(as), payload: "secret bytes" });
  assert.equal(put.statusCode, 200, put.body);
  const loggedModelId = (await ok("POST", `${MLFLOW}/logged-models`, { experiment_id: experimentId, name: `${prefix}-lm`, source_run_id: runId })).model.info.model_id as string;
  const model = `${prefix}-model`;
  await ok("POST", `${MLFLOW}/registered-models/create`, { name: model });
  await ok("POST", `${MLFLOW}/model-versions/create`, { name: model, source: `runs:/${runId}/model`, run_id: runId });
  await ok("POST", `${MLFLOW}/registered-models/alias`, { name: model, alias: "champion", version: "1" });
  const deployment = `${prefix}-dep`;
  await ok("POST", `${CAIRN}/deployments/create`, { name: deployment, model_uri: `models:/${model}/1` });
  const requestId = `${prefix}-request-1`;
  await ok("POST", `${CAIRN}/inference-logs`, {
    records: [{ request_id: requestId, deployment, model_name: model, model_version: "1", timestamp_ms: s.now(), latency_ms: 1, inputs: { x: 1 }, outputs: { y: 0 } }],
  });
  const monitor = `${prefix}-mon`;
  const reference_rows = Array.from({ length: 20 }, (_, i) => ({ age: 20 + i, plan: i % 2 ? "gold" : "basic" }));
  await ok("POST", `${CAIRN}/monitors/create`, { name: monitor, model_name: model, reference_rows });
  return { experimentId, experimentName, runId, loggedModelId, model, deployment, monitor, requestId, artifactPath };
}

/** The Authorization or Cookie headers of a credential, for app.inject calls made directly. */
export function headersOf(as: As): Record<string, string> {
  if (!as) return {};
  if ("basic" in as) return { authorization: `Basic ${Buffer.from(`${as.basic[0]}:${as.basic[1]}`).toString("base64")}` };
  if ("bearer" in as) return { authorization: `Bearer ${as.bearer}` };
  return { cookie: `cairn_session=${as.session}`, ...(as.csrf ? { "x-cairn-csrf": as.csrf } : {}) };
}
