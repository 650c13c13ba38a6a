import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient } from "@cairn/sdk";
import { EXIT_CODES } from "@cairn/cli";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { cairnAt, type CliResult } from "./helpers/cli-harness.js";

describe("cairn models lineage", () => {
  let server: EphemeralServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let runId = "";
  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    const client = createClient({ trackingUri: server.url, maxRetries: 0 });
    runId = await client.withRun(
      { experiment: "lineage", runName: "train", flushIntervalMs: 0, params: { lr: 0.01 }, tags: { "mlflow.source.git.commit": "c".repeat(40), "mlflow.source.git.branch": "main" } },
      async (run) => {
        run.logMetric("auc", 0.93);
        return run.runId;
      },
    );
    await client.registry.registerModel("churn", `runs:/${runId}/model`, { runId });
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
  });
  after(() => server.close());

  it("prints the run, params, metrics and code behind models:/name@alias", async () => {
    const { code, stdout } = await cairn("models", "lineage", "models:/churn@champion");
    assert.equal(code, 0);
    assert.match(stdout, /Model: +churn version 1 \(@champion\)/);
    assert.match(stdout, new RegExp(`Run: +${runId} \\(train\\), FINISHED`));
    assert.match(stdout, /lr = 0\.01/);
    assert.match(stdout, /auc = 0\.93 \(step 0\)/);
    assert.match(stdout, new RegExp(`commit ${"c".repeat(40)}`));
    assert.match(stdout, /Experiment: lineage/);
  });

  it("prints JSON for version and stage URIs, and exits 14 for an unknown model", async () => {
    const json = JSON.parse((await cairn("models", "lineage", "models:/churn/1", "--json")).stdout);
    assert.equal(json.run.info.run_id, runId);
    assert.equal(json.code.git_branch, "main");
    const latest = JSON.parse((await cairn("models", "lineage", "models:/churn/latest", "--json")).stdout);
    assert.equal(latest.model_version.version, "1");
    const missing = await cairn("models", "lineage", "models:/nope/1");
    assert.equal(missing.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.match(missing.stderr, /nope/);
  });
});
