import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

const api = (path: string) => `/api/2.0/mlflow${path}`;

describe("registry over HTTP: the rest of the endpoints", () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  it("updates (PATCH), tags, renames (POST) and deletes (DELETE with a JSON body) a model", async () => {
    await s.call("POST", api("/registered-models/create"), { name: "m1" });
    await s.call("POST", api("/model-versions/create"), { name: "m1", source: "s3://b/1", tags: [{ key: "k" }] });
    const updated = await s.call("PATCH", api("/registered-models/update"), { name: "m1", description: "new" });
    assert.deepEqual([updated.status, updated.json.registered_model.description], [200, "new"]);
    assert.equal((await s.call("POST", api("/registered-models/set-tag"), { name: "m1", key: "team", value: "ml" })).status, 200);
    assert.equal((await s.call("POST", api("/model-versions/set-tag"), { name: "m1", version: "1", key: "q", value: "1" })).status, 200);
    const renamed = await s.call("POST", api("/registered-models/rename"), { name: "m1", new_name: "m2" });
    assert.deepEqual([renamed.status, renamed.json.registered_model.name, renamed.json.registered_model.tags], [200, "m2", [{ key: "team", value: "ml" }]]);
    const v1 = await s.call("PATCH", api("/model-versions/update"), { name: "m2", version: "1", description: "first" });
    assert.deepEqual([v1.json.model_version.name, v1.json.model_version.description, v1.json.model_version.tags], ["m2", "first", [{ key: "k", value: "" }, { key: "q", value: "1" }]]);
    assert.equal((await s.call("DELETE", api("/model-versions/delete-tag"), { name: "m2", version: "1", key: "q" })).status, 200);
    assert.equal((await s.call("DELETE", api("/registered-models/delete-tag"), { name: "m2", key: "team" })).status, 200);
    const got = (await s.call("GET", api("/registered-models/get?name=m2"))).json.registered_model;
    assert.deepEqual([got.tags, got.latest_versions[0].tags], [undefined, [{ key: "k", value: "" }]]);
    assert.equal((await s.call("DELETE", api("/registered-models/alias"), { name: "m2", alias: "none" })).status, 200);
    assert.deepEqual(await s.call("DELETE", api("/registered-models/delete"), { name: "m2" }).then((r) => [r.status, r.json]), [200, {}]);
    assert.equal((await s.call("GET", api("/registered-models/get?name=m2"))).status, 404);
  });

  it("serves get-latest-versions on GET with repeated stages, and the /ajax-api mirror", async () => {
    await s.call("POST", api("/registered-models/create"), { name: "lv" });
    for (let i = 0; i < 3; i++) await s.call("POST", api("/model-versions/create"), { name: "lv", source: `s3://b/${i}` });
    await s.call("POST", api("/model-versions/transition-stage"), { name: "lv", version: "2", stage: "staging" });
    const latest = await s.call("GET", api("/registered-models/get-latest-versions?name=lv&stages=Staging&stages=None"));
    assert.deepEqual(latest.json.model_versions.map((v: { version: string; current_stage: string }) => [v.version, v.current_stage]), [["2", "Staging"], ["3", "None"]]);
    const none = await s.call("POST", api("/registered-models/get-latest-versions"), { name: "lv", stages: ["Production"] });
    assert.deepEqual([none.status, none.json], [200, {}]);
    const mirrored = await s.call("GET", "/ajax-api/2.0/mlflow/registered-models/get?name=lv");
    assert.equal(mirrored.json.registered_model.name, "lv");
  });

  it("pages searches through the query string and keeps MLflow 3's prompt clause harmless", async () => {
    for (const name of ["pa", "pb", "pc"]) await s.call("POST", api("/registered-models/create"), { name });
    await s.call("POST", api("/registered-models/create"), { name: "pprompt", tags: [{ key: "mlflow.prompt.is_prompt", value: "true" }] });
    const filter = encodeURIComponent("name LIKE 'p%' AND tag.`mlflow.prompt.is_prompt` != 'true'");
    const first = await s.call("GET", api(`/registered-models/search?filter=${filter}&max_results=2&order_by=name+DESC`));
    assert.deepEqual(first.json.registered_models.map((m: { name: string }) => m.name), ["pc", "pb"]);
    const second = await s.call("GET", api(`/registered-models/search?filter=${filter}&max_results=2&order_by=name+DESC&page_token=${encodeURIComponent(first.json.next_page_token)}`));
    assert.deepEqual([second.json.registered_models.map((m: { name: string }) => m.name), second.json.next_page_token], [["pa"], undefined]);
    const prompts = await s.call("GET", api(`/registered-models/search?filter=${encodeURIComponent("tags.`mlflow.prompt.is_prompt` = 'true'")}`));
    assert.deepEqual(prompts.json.registered_models.map((m: { name: string }) => m.name), ["pprompt"]);
    const empty = await s.call("GET", api("/model-versions/search?filter=name+%3D+%27nothing%27"));
    assert.deepEqual([empty.status, empty.json], [200, {}]);
    const paged = await s.call("GET", api("/model-versions/search?max_results=1&order_by=version_number"));
    assert.equal(paged.json.model_versions.length, 1);
    assert.equal(typeof paged.json.next_page_token, "string");
  });

  it("registers a logged model: the logged model lists the version, the download URI is its artifact location", async () => {
    const runId = (await s.call("POST", api("/runs/create"), { experiment_id: "0" })).json.run.info.run_id;
    const model = (await s.call("POST", api("/logged-models"), { experiment_id: "0", name: "clf", source_run_id: runId })).json.model.info;
    await s.call("POST", api("/registered-models/create"), { name: "from-logged" });
    const created = await s.call("POST", api("/model-versions/create"), { name: "from-logged", source: `models:/${model.model_id}`, model_id: model.model_id });
    assert.deepEqual([created.json.model_version.model_id, created.json.model_version.run_id], [model.model_id, runId]);
    const uri = await s.call("GET", api("/model-versions/get-download-uri?name=from-logged&version=1"));
    assert.equal(uri.json.artifact_uri, model.artifact_uri);
    const tags = (await s.call("GET", api(`/logged-models/${model.model_id}`))).json.model.info.tags;
    assert.deepEqual(tags, [{ key: "mlflow.modelVersions", value: JSON.stringify([{ name: "from-logged", version: "1" }]) }]);
  });
});
