import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { isCairnError } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("client.retirement and client.gc against a real server", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    await client.registry.createRegisteredModel({ name: "churn" });
    for (let i = 1; i <= 4; i++) await client.registry.createModelVersion({ name: "churn", source: `s3://b/churn/${i}` });
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
  });
  after(() => server.close());

  it("creates, lists, dry-runs, applies and deletes a policy", async () => {
    const { policy } = await client.retirement.create({ name: "keep-2", model_name: "churn", rule: "keep_last", keep: 2, action: "archive" });
    assert.deepEqual([policy.name, policy.rule, policy.keep, policy.action, policy.created_by], ["keep-2", "keep_last", 2, "archive", "anonymous"]);
    assert.deepEqual((await client.retirement.list()).policies, [policy]);
    assert.deepEqual((await client.retirement.list({ model_name: "other" })).policies, []);

    const dry = await client.retirement.run({ name: "keep-2" });
    assert.equal(dry.dry_run, true);
    assert.deepEqual(dry.changes, [{ name: "churn", version: "2", action: "archive", reason: "beyond the newest 2 versions" }]);
    assert.equal((await client.registry.getModelVersion({ name: "churn", version: "2" })).model_version.current_stage, "None");

    const applied = await client.retirement.run({ name: "keep-2", dry_run: false });
    assert.deepEqual([applied.dry_run, applied.changes], [false, dry.changes]);
    assert.equal(typeof applied.policy.last_run_at, "number");
    assert.equal((await client.registry.getModelVersion({ name: "churn", version: "2" })).model_version.current_stage, "Archived");
    assert.equal((await client.registry.getModelVersion({ name: "churn", version: "1" })).model_version.current_stage, "None");

    await client.retirement.delete({ name: "keep-2" });
    assert.deepEqual((await client.retirement.list()).policies, []);
  });

  it("rethrows the server's errors with their codes", async () => {
    await assert.rejects(client.retirement.run({ name: "missing" }), (error: unknown) => isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST" && /cairn policies list/.test(error.message));
    await assert.rejects(
      client.retirement.create({ name: "bad", rule: "keep_last", action: "archive" }),
      (error: unknown) => isCairnError(error) && error.code === "INVALID_PARAMETER_VALUE" && /'keep'/.test(error.message),
    );
    await assert.rejects(client.gc.collect({ older_than_days: -3 }), (error: unknown) => isCairnError(error) && error.code === "INVALID_PARAMETER_VALUE");
  });

  it("collects a deleted run's artifacts: dry run by default, then for real", async () => {
    const { run } = await client.runs.create({ experiment_id: "0" });
    await client.artifacts.putFile(run.info.artifact_uri, "model/weights.bin", new Uint8Array(1500));
    await client.runs.delete({ run_id: run.info.run_id });
    const dir = join(server.dataDir, "artifacts", "0", run.info.run_id);

    const dry = await client.gc.collect({ older_than_days: 0 });
    assert.deepEqual(dry, { dry_run: true, runs: [{ run_id: run.info.run_id, artifact_uri: run.info.artifact_uri, bytes: 1500 }], skipped: [], bytes_freed: 1500 });
    assert.ok(existsSync(dir));
    assert.deepEqual((await client.gc.collect()).runs, [], "the default keeps runs deleted in the last 30 days");

    const done = await client.gc.collect({ older_than_days: 0, dry_run: false });
    assert.equal(done.bytes_freed, 1500);
    assert.equal(existsSync(dir), false);
    await assert.rejects(client.runs.get({ run_id: run.info.run_id }), (error: unknown) => isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST");
  });
});
