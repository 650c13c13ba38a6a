import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient, type CairnClient } from "@cairn/sdk";
import { countingFetch } from "./helpers/counting-fetch.js";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

describe("client.runs and client.metrics against a real server", () => {
  let server: TestServer;
  let client: CairnClient;
  let experimentId: string;
  const requests = countingFetch();
  before(async () => {
    server = await startTestServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0, fetch: requests.fetch });
    experimentId = (await client.experiments.create({ name: "runs" })).experiment_id;
  });
  after(() => server.close());

  const newRun = async (run_name = "r") => (await client.runs.create({ experiment_id: experimentId, run_name, tags: [{ key: "origin", value: "test" }] })).run;

  it("creates, gets and updates a run", async () => {
    const run = await newRun("first");
    assert.equal(run.info.status, "RUNNING");
    assert.equal(run.info.run_name, "first");
    assert.ok(run.data.tags?.some((t) => t.key === "origin" && t.value === "test"));
    const { run_info } = await client.runs.update({ run_id: run.info.run_id, status: "FINISHED", end_time: 1_700_000_000_000, run_name: "renamed" });
    assert.equal(run_info.status, "FINISHED");
    assert.equal(run_info.end_time, 1_700_000_000_000);
    const { run: again } = await client.runs.get({ run_id: run.info.run_id });
    assert.equal(again.info.run_name, "renamed");
  });

  it("logs metrics, params and tags one by one and in a batch, NaN and Infinity included", async () => {
    const run = await newRun();
    const run_id = run.info.run_id;
    await client.runs.logMetric({ run_id, key: "loss", value: 0.5, step: 1 });
    await client.runs.logMetric({ run_id, key: "nan", value: Number.NaN, timestamp: 5 });
    await client.runs.logParam({ run_id, key: "lr", value: "0.01" });
    await client.runs.setTag({ run_id, key: "stage", value: "dev" });
    await client.runs.logBatch({
      run_id,
      metrics: [{ key: "inf", value: Number.POSITIVE_INFINITY }, { key: "ninf", value: Number.NEGATIVE_INFINITY, step: 2 }],
      params: [{ key: "depth", value: "3" }],
      tags: [{ key: "note", value: "x" }],
    });
    const { run: got } = await client.runs.get({ run_id });
    const metric = (key: string) => got.data.metrics?.find((m) => m.key === key)?.value;
    assert.equal(metric("loss"), 0.5);
    assert.ok(Number.isNaN(metric("nan")));
    assert.equal(metric("inf"), Number.POSITIVE_INFINITY);
    assert.equal(metric("ninf"), Number.NEGATIVE_INFINITY);
    assert.deepEqual(got.data.params, [{ key: "depth", value: "3" }, { key: "lr", value: "0.01" }]);
    assert.ok(got.data.tags?.some((t) => t.key === "note"));
    // The SDK sends non-finite values as MLflow's strings, since JSON has no NaN.
    const sent = requests.seen.find((r) => r.path === "/runs/log-metric" && (r.body as { key: string }).key === "nan");
    assert.equal((sent?.body as { value: unknown }).value, "NaN");

    await client.runs.deleteTag({ run_id, key: "note" });
    const { run: untagged } = await client.runs.get({ run_id });
    assert.ok(!untagged.data.tags?.some((t) => t.key === "note"));
  });

  it("deletes and restores a run", async () => {
    const run = await newRun();
    await client.runs.delete({ run_id: run.info.run_id });
    assert.equal((await client.runs.get({ run_id: run.info.run_id })).run.info.lifecycle_stage, "deleted");
    await client.runs.restore({ run_id: run.info.run_id });
    assert.equal((await client.runs.get({ run_id: run.info.run_id })).run.info.lifecycle_stage, "active");
  });

  it("logs inputs and outputs", async () => {
    const run = await newRun();
    const run_id = run.info.run_id;
    const dataset = { name: "wine", digest: "abc123", source_type: "local", source: '{"uri": "/data/wine.csv"}', schema: "{}", profile: '{"num_rows": 10}' };
    await client.runs.logInputs({ run_id, datasets: [{ tags: [{ key: "mlflow.data.context", value: "training" }], dataset }] });
    const { model } = await client.loggedModels.create({ experiment_id: experimentId, name: "m", source_run_id: run_id });
    await client.runs.logOutputs({ run_id, models: [{ model_id: model.info.model_id, step: 3 }] });
    const { run: got } = await client.runs.get({ run_id });
    assert.equal(got.inputs.dataset_inputs?.[0]?.dataset.name, "wine");
    assert.deepEqual(got.outputs.model_outputs, [{ model_id: model.info.model_id, step: 3 }]);
  });

  it("searches runs with filter, order and pages", async () => {
    const { experiment_id } = await client.experiments.create({ name: "search-runs" });
    for (const [name, loss] of [["a", 0.3], ["b", 0.1], ["c", 0.2]] as const) {
      const { run } = await client.runs.create({ experiment_id, run_name: name });
      await client.runs.logMetric({ run_id: run.info.run_id, key: "loss", value: loss });
    }
    const page = await client.runs.search({ experiment_ids: [experiment_id], filter: "metrics.loss < 0.25", order_by: ["metrics.loss ASC"], max_results: 1 });
    assert.deepEqual(page.runs.map((r) => r.info.run_name), ["b"]);
    const next = await client.runs.search({ experiment_ids: [experiment_id], filter: "metrics.loss < 0.25", order_by: ["metrics.loss ASC"], max_results: 1, page_token: page.next_page_token });
    assert.deepEqual(next.runs.map((r) => r.info.run_name), ["c"]);
    const empty = await client.runs.search({ experiment_ids: [experiment_id], filter: "metrics.loss > 5" });
    assert.deepEqual(empty.runs, []);
    await assert.rejects(client.runs.search({ experiment_ids: [experiment_id], filter: "metrics.loss <" }), { code: "INVALID_PARAMETER_VALUE" });
  });

  it("reads metric history one page at a time and through the async iterator", async () => {
    const run = await newRun();
    const run_id = run.info.run_id;
    await client.runs.logBatch({ run_id, metrics: Array.from({ length: 25 }, (_, step) => ({ key: "acc", value: step === 7 ? Number.NaN : step / 10, step })) });
    const page = await client.metrics.getHistory({ run_id, metric_key: "acc", max_results: 10 });
    assert.equal(page.metrics.length, 10);
    assert.ok(page.next_page_token);
    const all = [];
    for await (const point of client.metrics.iterateHistory({ run_id, metric_key: "acc", max_results: 10 })) all.push(point);
    assert.deepEqual(all.map((m) => m.step), Array.from({ length: 25 }, (_, i) => i));
    assert.ok(Number.isNaN(all[7]!.value));
    // GET parameters travel in the query string; the iterator fetched three pages.
    assert.equal(requests.seen.filter((r) => r.path === "/metrics/get-history" && r.body === undefined).length >= 4, true);
    const none = await client.metrics.getHistory({ run_id, metric_key: "missing" });
    assert.deepEqual(none.metrics, []);
  });

  it("reads sampled history across runs (bulk interval, repeated run_ids)", async () => {
    const a = (await newRun()).info.run_id;
    const b = (await newRun()).info.run_id;
    for (const run_id of [a, b]) await client.runs.logBatch({ run_id, metrics: Array.from({ length: 10 }, (_, step) => ({ key: "x", value: step, step })) });
    const { metrics } = await client.metrics.getHistoryBulkInterval({ run_ids: [a, b], metric_key: "x", start_step: 2, end_step: 5 });
    assert.equal(metrics.length, 8);
    assert.deepEqual(new Set(metrics.map((m) => m.run_id)), new Set([a, b]));
  });

  it("rebuilds run errors with their codes", async () => {
    await assert.rejects(client.runs.get({ run_id: "nope" }), { code: "RESOURCE_DOES_NOT_EXIST" });
    const run = await newRun();
    await client.runs.logParam({ run_id: run.info.run_id, key: "lr", value: "0.1" });
    await assert.rejects(client.runs.logParam({ run_id: run.info.run_id, key: "lr", value: "0.2" }), { code: "INVALID_PARAMETER_VALUE" });
    await assert.rejects(client.runs.create({ experiment_id: "987654" }), { code: "RESOURCE_DOES_NOT_EXIST" });
  });
});
