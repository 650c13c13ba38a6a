import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { runCli, EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import type { CairnClient } from "@cairn/sdk";
import { createNodeClient } from "@cairn/sdk/node";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { cairn } from "./helpers/cli-harness.js";
import { logisticRegression } from "../../serve/test/fixtures/onnx-graph.js";
import { registerOnnxModel } from "../../serve/test/fixtures/registered-model.js";

const WEIGHTS = [0.5, -1.25, 2, 0.0625];
const BIAS = -0.375;
const COLUMNS = ["age", "income", "tenure", "visits"];
const ROWS = [
  [1, 2, 3, 4],
  [-2.5, 0.75, 1, 8],
];
const expected = (row: number[]) => 1 / (1 + Math.exp(-row.reduce((sum, x, j) => sum + x * WEIGHTS[j]!, BIAS)));
const signature = { inputs: COLUMNS.map((name) => ({ name, type: "double" as const })), outputs: [{ dtype: "float32" as const, shape: [-1, 1] }] };

/** A port that was free a moment ago (the command prints the port it was given). */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `cairn serve ...` in-process; resolves once it says it is ready, with a way to stop it. */
async function startServe(argv: string[], env: Record<string, string>) {
  const shutdown = new AbortController();
  let stdout = "";
  let stderr = "";
  let ready: () => void = () => {};
  const listening = new Promise<void>((resolve) => (ready = resolve));
  const exit = runCli(["serve", ...argv], {
    stdout: { write: (s: string) => ((stdout += s), stdout.includes("Press Ctrl+C") && ready()) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    shutdownSignal: shutdown.signal,
  });
  await Promise.race([listening, exit.then((code) => assert.fail(`cairn serve exited early with ${code}: ${stderr}`))]);
  return {
    output: () => ({ stdout, stderr }),
    async stop() {
      shutdown.abort();
      return exit;
    },
  };
}

describe("cairn serve", () => {
  let tracking: EphemeralServer;
  let client: CairnClient;
  let env: Record<string, string>;
  before(async () => {
    tracking = await startEphemeralServer();
    client = createNodeClient({ trackingUri: tracking.url, maxRetries: 0, captureSource: false, handleCrashes: false });
    await registerOnnxModel(client, "churn", logisticRegression(WEIGHTS, BIAS), signature);
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
    env = { CAIRN_TRACKING_URI: tracking.url, CAIRN_HTTP_REQUEST_MAX_RETRIES: "0" };
  });
  after(() => tracking.close());

  it("serves a registered model until shut down, then flushes its inference log to the tracking server", async () => {
    const port = await freePort();
    const serve = await startServe(["models:/churn@champion", "--port", String(port)], env);
    const url = `http://127.0.0.1:${port}`;
    assert.match(serve.output().stdout, new RegExp(`^Serving models:/churn@champion \\(churn version 1\\) on ${url}\n`));
    assert.match(serve.output().stdout, /inference log: sampling 1 of predictions to http:\/\/127\.0\.0\.1/);

    const response = await fetch(`${url}/invocations`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "cli-1" },
      body: JSON.stringify({ dataframe_split: { columns: COLUMNS, data: ROWS } }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-cairn-model-version"), "1");
    const { predictions } = (await response.json()) as { predictions: number[] };
    predictions.forEach((p, i) => assert.ok(Math.abs(p - expected(ROWS[i]!)) < 1e-6, `row ${i}: ${p} vs ${expected(ROWS[i]!)}`));
    assert.equal((await fetch(`${url}/health`)).status, 200);
    assert.match(await (await fetch(`${url}/metrics`)).text(), /cairn_serve_requests_total\{deployment="",model_version="1",status="200"\} 1/);

    assert.equal(await serve.stop(), 0, serve.output().stderr);
    assert.match(serve.output().stdout, /Stopped\.\n$/);
    const { records } = await client.inferenceLogs.get({ request_id: "cli-1" });
    assert.equal(records.length, 1, "the queued record was sent at shutdown");
    assert.deepEqual(records[0]!.outputs, predictions);
    await assert.rejects(fetch(`${url}/ping`), "the port is closed after shutdown");
  });

  it("follows a deployment, and sends nothing with --no-inference-log", async () => {
    await client.deployments.create({ name: "churn-cli", model_uri: "models:/churn@champion" });
    const port = await freePort();
    const serve = await startServe(["--deployment", "churn-cli", "--port", String(port), "--no-inference-log", "--poll-interval", "200"], env);
    assert.match(serve.output().stdout, /^Serving deployment churn-cli \(revision 1: churn primary v1\) on /m);
    const response = await fetch(`http://127.0.0.1:${port}/invocations`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "cli-2" },
      body: JSON.stringify({ inputs: ROWS }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-cairn-deployment"), "churn-cli");
    assert.equal(response.headers.get("x-cairn-deployment-revision"), "1");
    assert.match(serve.output().stdout, /inference log: off/);
    assert.equal(await serve.stop(), 0, serve.output().stderr);
    assert.deepEqual((await client.inferenceLogs.get({ request_id: "cli-2" })).records, []);
  });

  it("refuses bad command lines and unknown models with their exit statuses and a message", async () => {
    const neither = await cairn(["serve"], env);
    assert.equal(neither.code, EXIT_USAGE);
    assert.match(neither.stderr, /give a models:\/ URI or --deployment <name>/);
    const both = await cairn(["serve", "models:/churn/1", "--deployment", "x"], env);
    assert.equal(both.code, EXIT_USAGE);
    const rate = await cairn(["serve", "models:/churn/1", "--log-sample-rate", "2"], env);
    assert.equal(rate.code, EXIT_USAGE);
    assert.match(rate.stderr, /expected a share from 0 to 1/);
    const path = await cairn(["serve", "./model"], env);
    assert.equal(path.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(path.stderr, /'\.\/model' is not a models:\/ URI/);
    const unknown = await cairn(["serve", "models:/nothing/1", "--port", String(await freePort())], env);
    assert.equal(unknown.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST, unknown.stderr);
    assert.match(unknown.stderr, /nothing/);
    const missingDeployment = await cairn(["serve", "--deployment", "nope", "--port", String(await freePort())], env);
    assert.equal(missingDeployment.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST, missingDeployment.stderr);

    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    try {
      const busy = await cairn(["serve", "models:/churn/1", "--port", String((blocker.address() as AddressInfo).port)], env);
      assert.equal(busy.code, EXIT_CODES.INVALID_PARAMETER_VALUE, busy.stderr);
      assert.match(busy.stderr, /already in use; pick another with --port/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("explains itself in --help, with examples", async () => {
    const help = await cairn(["serve", "--help"]);
    assert.equal(help.code, 0);
    for (const text of ["--deployment <name>", "--log-sample-rate", "--no-inference-log", "$ cairn serve models:/churn@champion", "/v2/..."]) assert.ok(help.stdout.includes(text), text);
  });
});
