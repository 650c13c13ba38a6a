import { it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText, type Run } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

const ids = () => {
  let n = 0;
  return () => (++n).toString(16).padStart(32, "0");
};

describeEachDialect("runs", (dialect) => {
  it("creates a run with MLflow's shape, name tag and artifact URI", async () => {
    const store = await dialect.open({ newId: ids() });
    const exp = await store.createExperiment({ name: "e" });
    const run = parseJsonText(await store.createRun({ experiment_id: exp, user_id: "ana", run_name: "r1", start_time: 5, tags: [{ key: "origin", value: "t" }] }));
    const id = "1".padStart(32, "0");
    assert.deepEqual(run, {
      info: {
        run_id: id,
        run_uuid: id,
        run_name: "r1",
        experiment_id: exp,
        user_id: "ana",
        status: "RUNNING",
        start_time: 5,
        artifact_uri: `mlflow-artifacts:/${exp}/${id}/artifacts`,
        lifecycle_stage: "active",
      },
      data: { tags: [{ key: "mlflow.runName", value: "r1" }, { key: "origin", value: "t" }] },
      inputs: {},
      outputs: {},
    });
    const unnamed = parseJsonText(await store.createRun({ experiment_id: exp, user_id: "", start_time: 6 }));
    assert.match(unnamed.info.run_name, /^[a-z]+-[a-z]+-\d+$/);
    await expectCode(store.createRun({ experiment_id: "987654", user_id: "", start_time: 1 }), "RESOURCE_DOES_NOT_EXIST", /987654/);
  });

  it("logs a batch all or nothing and keeps params immutable", async () => {
    const store = await dialect.open();
    const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
    await store.logBatch(runId, {
      metrics: [
        { key: "loss", value: 1, timestamp: 10, step: 0 },
        { key: "loss", value: 0.5, timestamp: 11, step: 1 },
        { key: "acc", value: Number.NaN, timestamp: 12, step: 0 },
        { key: "big", value: Number.POSITIVE_INFINITY, timestamp: 12, step: 0 },
      ],
      params: [{ key: "lr", value: "0.01" }],
      tags: [{ key: "stage", value: "dev" }],
    });
    // Same value again is fine; a different value fails and the metric in the same batch is not written.
    await store.logBatch(runId, { metrics: [], params: [{ key: "lr", value: "0.01" }], tags: [] });
    await expectCode(
      store.logBatch(runId, { metrics: [{ key: "loss", value: 9, timestamp: 99, step: 99 }], params: [{ key: "lr", value: "0.02" }], tags: [] }),
      "INVALID_PARAMETER_VALUE",
      /lr.*0\.01.*0\.02/,
    );
    const run = parseJsonText(await store.getRun(runId)) as Run & { data: { metrics: { key: string; value: unknown; step: number }[] } };
    assert.deepEqual(
      run.data.metrics.map((m) => [m.key, m.value, m.step]),
      [
        ["acc", "NaN", 0],
        ["big", "Infinity", 0],
        ["loss", 0.5, 1],
      ],
    );
    assert.deepEqual(run.data.params, [{ key: "lr", value: "0.01" }]);
    assert.deepEqual(run.data.tags?.map((t) => t.key), ["mlflow.runName", "stage"]);
  });

  it("keeps the latest metric by step, then timestamp, then value, across batches", async () => {
    const store = await dialect.open();
    const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
    const latest = async () => (parseJsonText(await store.getRun(runId)).data.metrics ?? []).map((m) => m.value);
    await store.logBatch(runId, { metrics: [{ key: "m", value: 5, timestamp: 100, step: 3 }], params: [], tags: [] });
    await store.logBatch(runId, { metrics: [{ key: "m", value: 7, timestamp: 200, step: 2 }], params: [], tags: [] });
    assert.deepEqual(await latest(), [5]);
    await store.logBatch(runId, { metrics: [{ key: "m", value: 6, timestamp: 101, step: 3 }], params: [], tags: [] });
    assert.deepEqual(await latest(), [6]);
    await store.logBatch(runId, { metrics: [{ key: "m", value: 4, timestamp: 101, step: 3 }], params: [], tags: [] });
    assert.deepEqual(await latest(), [6]);
  });

  it("pages metric history in step order with keyset tokens", async () => {
    const store = await dialect.open();
    const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
    const metrics = Array.from({ length: 25 }, (_, i) => ({ key: "loss", value: 1 / (i + 1), timestamp: 1000 + i, step: 24 - i }));
    await store.logBatch(runId, { metrics, params: [], tags: [] });
    // Re-logging identical points is a no-op.
    await store.logBatch(runId, { metrics: metrics.slice(0, 5), params: [], tags: [] });
    const steps: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.getMetricHistory({ run_id: runId, metric_key: "loss", max_results: 10, page_token: token });
      steps.push(...(page.metrics ? parseJsonText(page.metrics) : []).map((m) => m.step));
      token = page.next_page_token;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(steps, Array.from({ length: 25 }, (_, i) => i));
    const none = await store.getMetricHistory({ run_id: runId, metric_key: "absent", max_results: 10 });
    assert.deepEqual(none, {});
    await expectCode(store.getMetricHistory({ run_id: "nope", metric_key: "loss", max_results: 10 }), "RESOURCE_DOES_NOT_EXIST", /nope/);
    await expectCode(store.getMetricHistory({ run_id: runId, metric_key: "loss", max_results: 10, page_token: "eyJvZmZzZXQiOjF9" }), "INVALID_PARAMETER_VALUE", /page token/);
  });

  it("keeps the run document complete under concurrent writes to one run", async () => {
    const store = await dialect.open();
    const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        store.logBatch(runId, { metrics: [{ key: `m${i}`, value: i, timestamp: 1, step: 0 }], params: [{ key: `p${i}`, value: "v" }], tags: [] }),
      ),
    );
    const run = parseJsonText(await store.getRun(runId));
    assert.equal(run.data.metrics?.length, 24);
    assert.equal(run.data.params?.length, 24);
    const found = await store.searchRuns({ experiment_ids: ["0"], run_view_type: "ACTIVE_ONLY", max_results: 10, filter: "metrics.m23 = 23 and params.p0 = 'v'" });
    assert.equal(found.runs && parseJsonText(found.runs).length, 1);
  });

  it("updates, renames, deletes and restores runs; refuses writes to deleted runs", async () => {
    const store = await dialect.open();
    const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1, run_name: "a" })).info.run_id;
    const info = await store.updateRun({ run_id: runId, status: "FINISHED", end_time: 9, run_name: "b" });
    assert.equal(info.status, "FINISHED");
    assert.equal(info.end_time, 9);
    assert.equal(info.run_name, "b");
    const run = parseJsonText(await store.getRun(runId));
    assert.deepEqual(run.data.tags, [{ key: "mlflow.runName", value: "b" }]);
    await store.deleteRun(runId);
    assert.equal(parseJsonText(await store.getRun(runId)).info.lifecycle_stage, "deleted");
    await expectCode(store.logBatch(runId, { metrics: [], params: [{ key: "p", value: "1" }], tags: [] }), "INVALID_STATE", /deleted/);
    await store.restoreRun(runId);
    await store.logBatch(runId, { metrics: [], params: [], tags: [{ key: "t", value: "1" }] });
    await store.deleteTag(runId, "t");
    await expectCode(store.deleteTag(runId, "t"), "RESOURCE_DOES_NOT_EXIST", /t/);
  });

  it("logs dataset inputs once per experiment and model outputs", async () => {
    const store = await dialect.open();
    const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
    const input = {
      dataset: { name: "wine", digest: "abc123", source_type: "local", source: '{"uri": "/data/wine.csv"}', schema: "{}", profile: '{"num_rows": 10}' },
      tags: [{ key: "mlflow.data.context", value: "training" }],
    };
    await store.logInputs(runId, [input], []);
    await store.logInputs(runId, [input], []);
    // Absent optional fields stay absent (not null) inside the inputs array.
    const bare = { dataset: { name: "bare", digest: "d0", source_type: "code", source: "{}" } };
    await store.logInputs(runId, [bare], []);
    const model = await store.createLoggedModel({ experiment_id: "0", name: "clf", source_run_id: runId });
    await store.logOutputs(runId, [{ model_id: model.info.model_id, step: 3 }]);
    await store.logInputs(runId, [], [model.info.model_id]);
    const run = parseJsonText(await store.getRun(runId));
    assert.deepEqual(run.inputs, { dataset_inputs: [bare, input], model_inputs: [{ model_id: model.info.model_id }] });
    assert.deepEqual(run.outputs, { model_outputs: [{ model_id: model.info.model_id, step: 3 }] });
    await expectCode(store.logOutputs(runId, [{ model_id: "m-missing", step: 0 }]), "RESOURCE_DOES_NOT_EXIST", /m-missing/);
  });
});
