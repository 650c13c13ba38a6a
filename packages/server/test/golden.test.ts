import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

// The tracking part of MLflow 3.6's recorded answers (shared/reference/mlflow-golden.md),
// replayed in order against Cairn. Where MLflow's answer is a marked quirk, Cairn's better
// answer is asserted instead and the case says so.
describe("MLflow golden answers (tracking)", () => {
  let s: TestServer;
  let runId = "";
  let modelId = "";
  const api = (path: string) => `/api/2.0/mlflow${path}`;

  before(async () => {
    let t = 1_795_382_617_000;
    s = await startTestServer({ clock: () => t++ });
  });
  after(() => s.close());

  it("create experiment, name taken, missing name", async () => {
    const created = await s.call("POST", api("/experiments/create"), { name: "golden", tags: [{ key: "team", value: "ml" }] });
    assert.deepEqual([created.status, created.json], [200, { experiment_id: "1" }]);
    const taken = await s.call("POST", api("/experiments/create"), { name: "golden" });
    assert.equal(taken.status, 400);
    assert.equal(taken.json.error_code, "RESOURCE_ALREADY_EXISTS");
    assert.doesNotMatch(taken.json.message, /SQL|sqlite/i, "the message must not leak driver details");
    const missing = await s.call("POST", api("/experiments/create"), {});
    assert.deepEqual([missing.status, missing.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(missing.json.message, /required parameter 'name'/);
  });

  it("get experiment, unknown id, unknown name, search page of 1, bad filter", async () => {
    const got = await s.call("GET", api("/experiments/get?experiment_id=1"));
    assert.equal(got.status, 200);
    assert.deepEqual({ ...got.json.experiment, creation_time: 0, last_update_time: 0 }, {
      artifact_location: "mlflow-artifacts:/1",
      creation_time: 0,
      experiment_id: "1",
      last_update_time: 0,
      lifecycle_stage: "active",
      name: "golden",
      tags: [{ key: "team", value: "ml" }],
    });
    const unknown = await s.call("GET", api("/experiments/get?experiment_id=987654"));
    assert.deepEqual([unknown.status, unknown.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
    const byName = await s.call("GET", api("/experiments/get-by-name?experiment_name=nope"));
    assert.deepEqual([byName.status, byName.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
    const page = await s.call("POST", api("/experiments/search"), { filter: "name LIKE 'gold%'", max_results: 1 });
    assert.deepEqual(page.json.experiments.map((e: { name: string }) => e.name), ["golden"]);
    // MLflow quirk: it blamed max_results; Cairn names the filter problem.
    const bad = await s.call("POST", api("/experiments/search"), { filter: "name ==" });
    assert.deepEqual([bad.status, bad.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(bad.json.message, /position/);
  });

  it("create run, unknown experiment", async () => {
    const created = await s.call("POST", api("/runs/create"), { experiment_id: "1", run_name: "r1", start_time: 1_795_382_618_000, tags: [{ key: "origin", value: "golden" }] });
    assert.equal(created.status, 200);
    runId = created.json.run.info.run_id;
    assert.match(runId, /^[0-9a-f]{32}$/);
    assert.deepEqual(created.json.run, {
      data: { tags: [{ key: "mlflow.runName", value: "r1" }, { key: "origin", value: "golden" }] },
      info: {
        artifact_uri: `mlflow-artifacts:/1/${runId}/artifacts`,
        experiment_id: "1",
        lifecycle_stage: "active",
        run_id: runId,
        run_name: "r1",
        run_uuid: runId,
        start_time: 1_795_382_618_000,
        status: "RUNNING",
        user_id: "",
      },
      inputs: {},
      outputs: {},
    });
    const unknown = await s.call("POST", api("/runs/create"), { experiment_id: "987654" });
    assert.deepEqual([unknown.status, unknown.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
  });

  it("log-batch, param overwrite, same param again, 1001 metrics, 101 params", async () => {
    const ok = await s.call("POST", api("/runs/log-batch"), {
      run_id: runId,
      metrics: [
        { key: "loss", step: 0, timestamp: 1, value: 1.0 },
        { key: "loss", step: 1, timestamp: 2, value: 0.5 },
        { key: "loss", step: 2, timestamp: 3, value: 0.3333333333333333 },
      ],
      params: [{ key: "lr", value: "0.01" }],
      tags: [{ key: "stage", value: "dev" }],
    });
    assert.deepEqual([ok.status, ok.json], [200, {}]);
    const changed = await s.call("POST", api("/runs/log-batch"), { run_id: runId, params: [{ key: "lr", value: "0.02" }] });
    assert.deepEqual([changed.status, changed.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(changed.json.message, /Changing param values is not allowed/);
    const same = await s.call("POST", api("/runs/log-parameter"), { run_id: runId, key: "lr", value: "0.01" });
    assert.deepEqual([same.status, same.json], [200, {}]);
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: "m", step: i, timestamp: 1, value: 1.0 }));
    const tooMany = await s.call("POST", api("/runs/log-batch"), { run_id: runId, metrics });
    assert.deepEqual([tooMany.status, tooMany.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(tooMany.json.message, /at most 1000 metrics. Got 1001/);
    const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: "1" }));
    const tooManyParams = await s.call("POST", api("/runs/log-batch"), { run_id: runId, params });
    assert.match(tooManyParams.json.message, /at most 100 params. Got 101/);
    const history = await s.call("GET", api(`/metrics/get-history?run_id=${runId}&metric_key=m`));
    assert.deepEqual(history.json, {}, "the rejected batch wrote nothing");
  });

  it("log-metric: NaN as a string, value not a number, missing timestamp, bad key, unknown run", async () => {
    const nan = await s.call("POST", api("/runs/log-metric"), { key: "acc", run_id: runId, step: 0, timestamp: 4, value: "NaN" });
    assert.deepEqual([nan.status, nan.json], [200, {}]);
    const abc = await s.call("POST", api("/runs/log-metric"), { key: "acc", run_id: runId, timestamp: 4, value: "abc" });
    assert.deepEqual([abc.status, abc.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(abc.json.message, /"abc"/);
    const noTs = await s.call("POST", api("/runs/log-metric"), { key: "acc", run_id: runId, value: 0.5 });
    assert.match(noTs.json.message, /required parameter 'timestamp'/);
    const badKey = await s.call("POST", api("/runs/log-metric"), { key: "bad key!", run_id: runId, timestamp: 4, value: 0.5 });
    assert.deepEqual([badKey.status, badKey.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(badKey.json.message, /bad key!/);
    const unknown = await s.call("POST", api("/runs/log-metric"), { key: "acc", run_id: "0".repeat(32), timestamp: 4, value: 0.5 });
    assert.deepEqual([unknown.status, unknown.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
  });

  it("set-tag, log-inputs, get run", async () => {
    assert.equal((await s.call("POST", api("/runs/set-tag"), { key: "note", run_id: runId, value: "x" })).status, 200);
    const dataset = { digest: "abc123", name: "wine", profile: '{"num_rows": 10}', schema: "{}", source: '{"uri": "/data/wine.csv"}', source_type: "local" };
    const inputs = { dataset, tags: [{ key: "mlflow.data.context", value: "training" }] };
    assert.equal((await s.call("POST", api("/runs/log-inputs"), { run_id: runId, datasets: [inputs] })).status, 200);
    const got = await s.call("GET", api(`/runs/get?run_id=${runId}`));
    assert.equal(got.status, 200);
    const run = got.json.run;
    assert.deepEqual(run.data.metrics.map((m: { key: string; value: unknown; step: number }) => [m.key, m.value, m.step]), [
      ["acc", "NaN", 0],
      ["loss", 0.3333333333333333, 2],
    ]);
    assert.deepEqual(run.data.params, [{ key: "lr", value: "0.01" }]);
    assert.deepEqual(run.data.tags.map((t: { key: string }) => t.key), ["mlflow.runName", "note", "origin", "stage"]);
    assert.deepEqual(run.inputs, { dataset_inputs: [inputs] });
  });

  it("get metric history, page of 2", async () => {
    const all = await s.call("GET", api(`/metrics/get-history?run_id=${runId}&metric_key=loss`));
    assert.deepEqual(all.json.metrics.map((m: { value: number }) => m.value), [1, 0.5, 0.3333333333333333]);
    assert.equal(all.json.next_page_token, undefined);
    const page = await s.call("GET", api(`/metrics/get-history?run_id=${runId}&metric_key=loss&max_results=2`));
    assert.deepEqual(page.json.metrics.map((m: { key: string; step: number }) => [m.key, m.step]), [["loss", 0], ["loss", 1]]);
    const rest = await s.call("GET", api(`/metrics/get-history?run_id=${runId}&metric_key=loss&max_results=2&page_token=${encodeURIComponent(page.json.next_page_token)}`));
    assert.deepEqual(rest.json.metrics.map((m: { step: number }) => m.step), [2]);
    assert.equal(rest.json.next_page_token, undefined);
  });

  it("update run: finished; bad status is refused (MLflow ignores it)", async () => {
    const done = await s.call("POST", api("/runs/update"), { end_time: 1_795_382_619_000, run_id: runId, status: "FINISHED" });
    assert.equal(done.status, 200);
    assert.deepEqual([done.json.run_info.status, done.json.run_info.end_time, done.json.run_info.run_name], ["FINISHED", 1_795_382_619_000, "r1"]);
    const bad = await s.call("POST", api("/runs/update"), { run_id: runId, status: "DONE" });
    assert.deepEqual([bad.status, bad.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(bad.json.message, /DONE/);
  });

  it("search runs: filter and order, OR (Cairn extension), bad identifier, bad comparator, bad order_by, max_results, wrong type, malformed JSON", async () => {
    const found = await s.call("POST", api("/runs/search"), { experiment_ids: ["1"], filter: "metrics.loss < 0.5 and params.lr = '0.01'", max_results: 10, order_by: ["metrics.loss DESC"] });
    assert.deepEqual(found.json.runs.map((r: { info: { run_id: string } }) => r.info.run_id), [runId]);
    const or = await s.call("POST", api("/runs/search"), { experiment_ids: ["1"], filter: "params.lr = '0.01' OR params.lr = '0.02'" });
    assert.equal(or.json.runs.length, 1);
    for (const [body, pattern] of [
      [{ experiment_ids: ["1"], filter: "foo.bar = 'x'" }, /foo/],
      [{ experiment_ids: ["1"], filter: "params.lr > '0.01'" }, /'>'/],
      [{ experiment_ids: ["1"], order_by: ["metrics.loss SIDEWAYS"] }, /SIDEWAYS/],
      [{ experiment_ids: ["1"], max_results: 50001 }, /max_results/],
      [{ experiment_ids: ["1"], max_results: "ten" }, /"ten".*max_results/],
      ["{not json", /not valid JSON/],
    ] as const) {
      const answer = await s.call("POST", api("/runs/search"), body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.ok(["INVALID_PARAMETER_VALUE", "BAD_REQUEST"].includes(answer.json.error_code));
      assert.match(answer.json.message, pattern);
    }
  });

  it("delete run, get deleted run, search deleted only, restore", async () => {
    assert.equal((await s.call("POST", api("/runs/delete"), { run_id: runId })).status, 200);
    assert.equal((await s.call("GET", api(`/runs/get?run_id=${runId}`))).json.run.info.lifecycle_stage, "deleted");
    const deleted = await s.call("POST", api("/runs/search"), { experiment_ids: ["1"], run_view_type: "DELETED_ONLY" });
    assert.deepEqual(deleted.json.runs.map((r: { info: { run_id: string } }) => r.info.run_id), [runId]);
    assert.deepEqual((await s.call("POST", api("/runs/search"), { experiment_ids: ["1"] })).json, {});
    assert.equal((await s.call("POST", api("/runs/restore"), { run_id: runId })).status, 200);
  });

  it("logged models: create, finalize, search", async () => {
    const created = await s.call("POST", api("/logged-models"), { experiment_id: "1", name: "clf", source_run_id: runId });
    assert.equal(created.status, 200);
    modelId = created.json.model.info.model_id;
    assert.deepEqual({ ...created.json.model.info, creation_timestamp_ms: 0, last_updated_timestamp_ms: 0 }, {
      artifact_uri: `mlflow-artifacts:/1/models/${modelId}/artifacts`,
      creation_timestamp_ms: 0,
      experiment_id: "1",
      last_updated_timestamp_ms: 0,
      model_id: modelId,
      model_type: "",
      name: "clf",
      source_run_id: runId,
      status: "LOGGED_MODEL_PENDING",
    });
    const ready = await s.call("PATCH", api(`/logged-models/${modelId}`), { model_id: modelId, status: "LOGGED_MODEL_READY" });
    assert.equal(ready.json.model.info.status, "LOGGED_MODEL_READY");
    const found = await s.call("POST", api("/logged-models/search"), { experiment_ids: ["1"], filter: "name = 'clf'" });
    assert.deepEqual(found.json.models.map((m: { info: { model_id: string } }) => m.info.model_id), [modelId]);
  });

  it("unknown endpoint is a JSON 404", async () => {
    const answer = await s.call("POST", api("/runs/does-not-exist"), {});
    assert.equal(answer.status, 404);
    assert.equal(answer.json.error_code, "ENDPOINT_NOT_FOUND");
  });
});
