import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";
import { zeroed } from "./zero-timestamps.js";

// The registry part of MLflow 3.6's recorded answers (shared/reference/mlflow-golden.md),
// replayed in order against Cairn: same statuses, codes and shapes (timestamps zeroed). Where
// MLflow's answer is a marked quirk, Cairn's better answer is asserted and the case says so.
describe("MLflow golden answers (registry)", () => {
  let s: TestServer;
  let runId = "";
  const api = (path: string) => `/api/2.0/mlflow${path}`;
  const source = () => `runs:/${runId}/model`;
  const version = (v: string, stage = "None", extra: Record<string, unknown> = {}) => ({
    creation_timestamp: 0,
    current_stage: stage,
    description: "",
    last_updated_timestamp: 0,
    name: "golden-model",
    run_id: runId,
    run_link: "",
    source: source(),
    status: "READY",
    version: v,
    ...extra,
  });

  before(async () => {
    let t = 1_795_382_617_000;
    s = await startTestServer({ clock: () => t++ });
    const experimentId = (await s.call("POST", api("/experiments/create"), { name: "golden" })).json.experiment_id;
    runId = (await s.call("POST", api("/runs/create"), { experiment_id: experimentId, run_name: "r1" })).json.run.info.run_id;
  });
  after(() => s.close());

  it("create registered model; name taken", async () => {
    const created = await s.call("POST", api("/registered-models/create"), { description: "d", name: "golden-model", tags: [{ key: "k", value: "v" }] });
    assert.equal(created.status, 200);
    assert.ok(created.json.registered_model.creation_timestamp > 0);
    assert.deepEqual(zeroed(created.json), {
      registered_model: { creation_timestamp: 0, description: "d", last_updated_timestamp: 0, name: "golden-model", tags: [{ key: "k", value: "v" }] },
    });
    const taken = await s.call("POST", api("/registered-models/create"), { name: "golden-model" });
    assert.deepEqual([taken.status, taken.json.error_code], [400, "RESOURCE_ALREADY_EXISTS"]);
    assert.match(taken.json.message, /Registered Model \(name=golden-model\) already exists/);
  });

  it("create model version 1 and 2", async () => {
    for (const v of ["1", "2"]) {
      const created = await s.call("POST", api("/model-versions/create"), { name: "golden-model", run_id: runId, source: source() });
      assert.equal(created.status, 200);
      assert.deepEqual(zeroed(created.json), { model_version: version(v) });
    }
  });

  it("set alias; get by alias; unknown alias is a 404 (MLflow quirk: 400 INVALID_PARAMETER_VALUE)", async () => {
    const set = await s.call("POST", api("/registered-models/alias"), { alias: "champion", name: "golden-model", version: "2" });
    assert.deepEqual([set.status, set.json], [200, {}]);
    const got = await s.call("GET", api("/registered-models/alias?name=golden-model&alias=champion"));
    assert.equal(got.status, 200);
    assert.deepEqual(zeroed(got.json), { model_version: version("2", "None", { aliases: ["champion"] }) });
    // MLflow answers 400 INVALID_PARAMETER_VALUE here and 404 once the version is deleted;
    // Cairn answers 404 RESOURCE_DOES_NOT_EXIST for both. The client accepts either (load_prompt's allow_missing).
    const unknown = await s.call("GET", api("/registered-models/alias?name=golden-model&alias=nope"));
    assert.deepEqual([unknown.status, unknown.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
    assert.match(unknown.json.message, /nope/);
  });

  it("get registered model", async () => {
    const got = await s.call("GET", api("/registered-models/get?name=golden-model"));
    assert.equal(got.status, 200);
    assert.deepEqual(zeroed(got.json), {
      registered_model: {
        aliases: [{ alias: "champion", version: "2" }],
        creation_timestamp: 0,
        description: "d",
        last_updated_timestamp: 0,
        latest_versions: [version("2")],
        name: "golden-model",
        tags: [{ key: "k", value: "v" }],
      },
    });
  });

  it("get model version; unknown version", async () => {
    const got = await s.call("GET", api("/model-versions/get?name=golden-model&version=1"));
    assert.deepEqual([got.status, zeroed(got.json)], [200, { model_version: version("1") }]);
    const unknown = await s.call("GET", api("/model-versions/get?name=golden-model&version=99"));
    assert.deepEqual([unknown.status, unknown.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
    assert.match(unknown.json.message, /Model Version \(name=golden-model, version=99\) not found/);
  });

  it("transition stage; get latest versions; download uri", async () => {
    const moved = await s.call("POST", api("/model-versions/transition-stage"), { archive_existing_versions: false, name: "golden-model", stage: "Production", version: "1" });
    assert.deepEqual([moved.status, zeroed(moved.json)], [200, { model_version: version("1", "Production") }]);
    const latest = await s.call("POST", api("/registered-models/get-latest-versions"), { name: "golden-model", stages: ["Production"] });
    assert.deepEqual([latest.status, zeroed(latest.json)], [200, { model_versions: [version("1", "Production")] }]);
    const uri = await s.call("GET", api("/model-versions/get-download-uri?name=golden-model&version=1"));
    assert.deepEqual([uri.status, uri.json], [200, { artifact_uri: source() }]);
  });

  it("search registered models; search model versions", async () => {
    const models = await s.call("GET", api("/registered-models/search?filter=name+LIKE+%27golden%25%27&max_results=10"));
    assert.equal(models.status, 200);
    assert.deepEqual(zeroed(models.json), {
      registered_models: [
        {
          aliases: [{ alias: "champion", version: "2" }],
          creation_timestamp: 0,
          description: "d",
          last_updated_timestamp: 0,
          latest_versions: [version("1", "Production"), version("2")],
          name: "golden-model",
          tags: [{ key: "k", value: "v" }],
        },
      ],
    });
    const versions = await s.call("GET", api("/model-versions/search?filter=name+%3D+%27golden-model%27"));
    assert.deepEqual([versions.status, zeroed(versions.json)], [200, { model_versions: [version("1", "Production"), version("2")] }]);
  });

  it("delete model version; get by alias after its version was deleted", async () => {
    const deleted = await s.call("DELETE", api("/model-versions/delete"), { name: "golden-model", version: "2" });
    assert.deepEqual([deleted.status, deleted.json], [200, {}]);
    const gone = await s.call("GET", api("/registered-models/alias?name=golden-model&alias=champion"));
    assert.deepEqual([gone.status, gone.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"]);
  });
});

