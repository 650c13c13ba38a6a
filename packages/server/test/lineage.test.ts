import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

describe("GET /api/2.0/cairn/lineage", () => {
  let s: TestServer;
  let runId = "";
  let modelId = "";
  const api = (path: string) => `/api/2.0/mlflow${path}`;

  before(async () => {
    s = await startTestServer();
    const experimentId = (await s.call("POST", api("/experiments/create"), { name: "churn" })).json.experiment_id;
    const tags = [
      { key: "mlflow.source.git.commit", value: "a".repeat(40) },
      { key: "mlflow.source.git.branch", value: "main" },
      { key: "mlflow.source.git.repoURL", value: "git@example.com:ml/churn.git" },
      { key: "mlflow.source.name", value: "train.ts" },
      { key: "cairn.source.git.dirty", value: "true" },
    ];
    runId = (await s.call("POST", api("/runs/create"), { experiment_id: experimentId, run_name: "train", tags })).json.run.info.run_id;
    await s.call("POST", api("/runs/log-batch"), { run_id: runId, params: [{ key: "lr", value: "0.01" }], metrics: [{ key: "auc", value: 0.91, timestamp: 1, step: 0 }] });
    const dataset = { name: "customers", digest: "d1", source_type: "local", source: "{}" };
    await s.call("POST", api("/runs/log-inputs"), { run_id: runId, datasets: [{ dataset, tags: [{ key: "mlflow.data.context", value: "training" }] }] });
    modelId = (await s.call("POST", api("/logged-models"), { experiment_id: experimentId, name: "clf", source_run_id: runId })).json.model.info.model_id;
    await s.call("POST", api("/registered-models/create"), { name: "churn", description: "churn classifier" });
    await s.call("POST", api("/model-versions/create"), { name: "churn", source: `models:/${modelId}`, model_id: modelId });
    await s.call("POST", api("/registered-models/alias"), { name: "churn", alias: "champion", version: "1" });
    await s.call("POST", api("/model-versions/create"), { name: "churn", source: "s3://exports/churn/model" });
  });
  after(() => s.close());

  it("follows a version to its logged model, run, code checkpoint, datasets and experiment", async () => {
    for (const query of ["version=1", "alias=champion"]) {
      const answer = await s.call("GET", `/api/2.0/cairn/lineage?name=churn&${query}`);
      assert.equal(answer.status, 200, answer.text);
      const lineage = answer.json;
      assert.equal(lineage.model_version.version, "1");
      assert.equal(lineage.registered_model.description, "churn classifier");
      assert.equal(lineage.logged_model.info.model_id, modelId);
      assert.equal(lineage.run.info.run_id, runId);
      assert.deepEqual(lineage.run.data.params, [{ key: "lr", value: "0.01" }]);
      assert.equal(lineage.run.data.metrics[0].value, 0.91);
      assert.deepEqual(lineage.code, { git_commit: "a".repeat(40), git_branch: "main", git_repo_url: "git@example.com:ml/churn.git", source_name: "train.ts", git_dirty: true });
      assert.equal(lineage.datasets[0].dataset.name, "customers");
      assert.equal(lineage.experiment.name, "churn");
      assert.equal(lineage.missing, undefined);
    }
  });

  it("says which links are missing instead of failing", async () => {
    const external = (await s.call("GET", "/api/2.0/cairn/lineage?name=churn&version=2")).json;
    assert.equal(external.model_version.source, "s3://exports/churn/model");
    assert.equal(external.run, undefined);
    assert.match(external.missing[0], /no source run/);
  });

  it("rejects bad questions with MLflow-style errors", async () => {
    const neither = await s.call("GET", "/api/2.0/cairn/lineage?name=churn");
    assert.deepEqual([neither.status, neither.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    const both = await s.call("GET", "/api/2.0/cairn/lineage?name=churn&version=1&alias=champion");
    assert.equal(both.status, 400);
    const unknown = await s.call("GET", "/api/2.0/cairn/lineage?name=nope&version=1");
    assert.deepEqual([unknown.status, unknown.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
    const noVersion = await s.call("GET", "/api/2.0/cairn/lineage?name=churn&version=9");
    assert.equal(noVersion.status, 404);
  });
});
