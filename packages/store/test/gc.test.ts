import { it } from "node:test";
import assert from "node:assert/strict";
import type { CairnStore } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";
import { openWithDb } from "./store-with-db.js";

/** A run with a metric history, params, tags, a dataset input and a model output. */
async function fullRun(store: CairnStore, experimentId: string, name: string): Promise<string> {
  const run = JSON.parse(Buffer.from(await store.createRun({ experiment_id: experimentId, user_id: "u", start_time: 100, run_name: name })).toString()) as { info: { run_id: string } };
  const runId = run.info.run_id;
  await store.logBatch(runId, {
    metrics: [0, 1, 2].map((step) => ({ key: "loss", value: 1 / (step + 1), timestamp: 100 + step, step })),
    params: [{ key: "lr", value: "0.1" }],
    tags: [{ key: "team", value: "a" }],
  });
  await store.logInputs(runId, [{ dataset: { name: "train", digest: "d1", source_type: "local", source: "/data" }, tags: [{ key: "mlflow.data.context", value: "training" }] }], []);
  const model = await store.createLoggedModel({ experiment_id: experimentId, source_run_id: runId });
  await store.logOutputs(runId, [{ model_id: model.info.model_id, step: 0 }]);
  return runId;
}

describeEachDialect("gc: deleted runs", (dialect) => {
  it("lists deleted runs up to the cutoff, oldest first, with the versions using their files", async () => {
    let now = 1000;
    const store = await dialect.open({ clock: () => now });
    const experimentId = await store.createExperiment({ name: "e" });
    const runs: string[] = [];
    for (const name of ["a", "b", "c", "d"]) runs.push(await fullRun(store, experimentId, name));
    const [a, b, c, d] = runs as [string, string, string, string];
    now = 5000;
    await store.deleteRun(b);
    now = 3000;
    await store.deleteRun(a);
    now = 9000;
    await store.deleteRun(c);
    const artifactUri = (id: string) => `mlflow-artifacts:/${experimentId}/${id}/artifacts`;
    await store.createRegisteredModel({ name: "churn" });
    await store.createModelVersion({ name: "churn", source: `runs:/${a}/model` });
    await store.createModelVersion({ name: "churn", source: `${artifactUri(b)}/model`, run_id: b });
    await store.createModelVersion({ name: "churn", source: "s3://elsewhere/model", run_id: d });
    await store.createModelVersion({ name: "churn", source: `${artifactUri(c)}-not/model` });

    const listed = await store.listDeletedRuns({ until: 8999 });
    assert.deepEqual(listed, [
      { run_id: a, experiment_id: experimentId, artifact_uri: artifactUri(a), deleted_time: 3000, deleted_or_updated_at: 3000, model_versions: [{ name: "churn", version: "1", source: `runs:/${a}/model` }] },
      { run_id: b, experiment_id: experimentId, artifact_uri: artifactUri(b), deleted_time: 5000, deleted_or_updated_at: 5000, model_versions: [{ name: "churn", version: "2", source: `${artifactUri(b)}/model` }] },
    ]);
    const all = await store.listDeletedRuns({ until: 9000 });
    assert.deepEqual(all.map((r) => [r.run_id, r.model_versions.length]), [[a, 1], [b, 1], [c, 0]]);
    assert.deepEqual(await store.listDeletedRuns({ until: 2999 }), []);
  });

  it("purges deleted runs with everything they own, and nothing else", async () => {
    const db = await openWithDb(dialect);
    try {
      const { store } = db;
      const experimentId = await store.createExperiment({ name: "e" });
      const gone = await fullRun(store, experimentId, "gone");
      const kept = await fullRun(store, experimentId, "kept");
      const active = await fullRun(store, experimentId, "active");
      await store.deleteRun(gone);
      await store.deleteRun(kept);
      const owned = ["params", "tags", "latest_metrics", "run_inputs", "input_tags", "run_model_outputs"];
      const counts = async (runId: string) => {
        const out: Record<string, number> = {};
        for (const table of owned) out[table] = await db.count(table, `run_uuid = '${runId}'`);
        out.metrics = await db.count("metrics", `run_key = (select run_key from runs where run_uuid = '${runId}')`);
        out.run_documents = await db.count("run_documents", `run_key = (select run_key from runs where run_uuid = '${runId}')`);
        out.runs = await db.count("runs", `run_uuid = '${runId}'`);
        return out;
      };
      const before = await counts(gone);
      assert.ok(Object.values(before).every((n) => n > 0), JSON.stringify(before));
      const metricsBefore = await db.count("metrics");

      // Active and unknown ids are ignored; a deleted run is purged once.
      assert.deepEqual(await store.purgeRuns([gone, active, "0".repeat(32), gone]), [gone]);
      const after = await counts(gone);
      assert.ok(Object.values(after).every((n) => n === 0), JSON.stringify(after));
      assert.equal(await db.count("metrics"), metricsBefore - 3);
      await expectCode(store.getRun(gone), "RESOURCE_DOES_NOT_EXIST");
      assert.deepEqual(await store.purgeRuns([gone]), []);
      assert.deepEqual(await store.purgeRuns([]), []);

      // The other runs, the logged model the purged run produced, its dataset and the experiment stay.
      for (const runId of [kept, active]) assert.ok(Object.values(await counts(runId)).every((n) => n > 0), runId);
      assert.equal(await db.count("logged_models", `source_run_id = '${gone}'`), 1);
      assert.equal(await db.count("datasets"), 1);
      await store.getExperiment(experimentId);
      assert.deepEqual((await store.listDeletedRuns({ until: Number.MAX_SAFE_INTEGER })).map((r) => r.run_id), [kept]);
    } finally {
      await db.close();
    }
  });
});
