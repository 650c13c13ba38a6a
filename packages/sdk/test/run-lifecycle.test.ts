import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient, PARENT_RUN_TAG, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

describe("startRun, end and withRun", () => {
  let server: TestServer;
  let client: CairnClient;
  before(async () => {
    server = await startTestServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
  });
  after(() => server.close());

  const getRun = async (runId: string) => (await client.runs.get({ run_id: runId })).run;
  const tag = (run: Awaited<ReturnType<typeof getRun>>, key: string) => run.data.tags?.find((t) => t.key === key)?.value;

  it("creates the experiment by name, the run, its tags and params", async () => {
    const run = await client.startRun({ experiment: "churn", runName: "baseline", params: { lr: 0.01, deep: true }, tags: { team: "ml" } });
    const experiment = await client.experiments.getByName({ experiment_name: "churn" });
    assert.equal(run.experimentId, experiment.experiment.experiment_id);
    assert.equal(run.info.run_name, "baseline");
    const stored = await getRun(run.runId);
    assert.deepEqual(stored.data.params, [{ key: "deep", value: "true" }, { key: "lr", value: "0.01" }]);
    assert.equal(tag(stored, "team"), "ml");
    await run.end();
    const again = await client.startRun({ experiment: "churn" });
    assert.equal(again.experimentId, run.experimentId, "an existing name is reused");
    await again.end();
  });

  it("accepts an experiment id, and defaults to experiment 0", async () => {
    const { experiment_id } = await client.experiments.create({ name: "by-id" });
    const byId = await client.startRun({ experiment: experiment_id });
    assert.equal(byId.experimentId, experiment_id);
    const explicit = await client.startRun({ experimentId: experiment_id });
    assert.equal(explicit.experimentId, experiment_id);
    const byDefault = await client.startRun();
    assert.equal(byDefault.experimentId, "0");
    await Promise.all([byId.end(), explicit.end(), byDefault.end()]);
  });

  it("survives the create race when two runs start a new experiment at once", async () => {
    const runs = await Promise.all(Array.from({ length: 4 }, () => client.startRun({ experiment: "raced" })));
    assert.equal(new Set(runs.map((r) => r.experimentId)).size, 1);
    await Promise.all(runs.map((r) => r.end()));
  });

  it("refuses a deleted experiment with a hint to restore it", async () => {
    const { experiment_id } = await client.experiments.create({ name: "deleted-one" });
    await client.experiments.delete({ experiment_id });
    await assert.rejects(client.startRun({ experiment: "deleted-one" }), { code: "INVALID_STATE", message: /restore/ });
  });

  it("end() flushes, then sets FINISHED (or the given status) and the end time, once", async () => {
    const clock = () => 1_800_000_000_000;
    const timed = createClient({ trackingUri: server.url, clock });
    const run = await timed.startRun({ experiment: "ending", flushIntervalMs: 0 });
    run.logMetric("acc", 0.9);
    await Promise.all([run.end(), run.end("KILLED")]);
    const stored = await getRun(run.runId);
    assert.equal(stored.info.status, "FINISHED");
    assert.equal(stored.info.end_time, 1_800_000_000_000);
    assert.equal(stored.data.metrics?.[0]?.value, 0.9);
    const killed = await timed.startRun({ experiment: "ending" });
    await killed.end("KILLED");
    assert.equal((await getRun(killed.runId)).info.status, "KILLED");
  });

  it("withRun ends FINISHED and returns the body's value", async () => {
    let runId = "";
    const value = await client.withRun({ experiment: "with-run" }, async (run) => {
      runId = run.runId;
      run.logMetric("m", 1);
      return 42;
    });
    assert.equal(value, 42);
    const stored = await getRun(runId);
    assert.equal(stored.info.status, "FINISHED");
    assert.equal(stored.data.metrics?.[0]?.key, "m");
  });

  it("withRun ends FAILED on a throw and rethrows the same error", async () => {
    let runId = "";
    const boom = new Error("training diverged");
    await assert.rejects(
      client.withRun({ experiment: "with-run" }, async (run) => {
        runId = run.runId;
        run.logMetric("before_crash", 3);
        throw boom;
      }),
      (error) => error === boom,
    );
    const stored = await getRun(runId);
    assert.equal(stored.info.status, "FAILED");
    assert.equal(stored.data.metrics?.[0]?.key, "before_crash", "buffered data was flushed before failing");
  });

  it("tags nested runs with their parent", async () => {
    await client.withRun({ experiment: "nested" }, async (parent) => {
      const child = await client.startRun({ experiment: "nested", parentRunId: parent.runId, runName: "fold-1" });
      await child.end();
      assert.equal(tag(await getRun(child.runId), PARENT_RUN_TAG), parent.runId);
      const children = await client.runs.search({ experiment_ids: [parent.experimentId], filter: `tags.mlflow.parentRunId = '${parent.runId}'` });
      assert.deepEqual(children.runs.map((r) => r.info.run_name), ["fold-1"]);
    });
  });

  it("ends the run FAILED when its start params are refused", async () => {
    const base = await client.startRun({ experiment: "bad-params", params: { ok: 1 } });
    await base.end();
    await assert.rejects(client.startRun({ experiment: "bad-params", params: { "bad key!": 1 } }), { code: "INVALID_PARAMETER_VALUE" });
    const runs = await client.runs.search({ experiment_ids: [base.experimentId] });
    assert.deepEqual(runs.runs.map((r) => r.info.status).sort(), ["FAILED", "FINISHED"]);
  });
});
