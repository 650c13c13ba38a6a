import { it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

describeEachDialect("registry: model versions", (dialect) => {
  it("creates READY versions 1, 2, ... with MLflow's fields, tags, run link and description", async () => {
    let now = 2000;
    const store = await dialect.open({ clock: () => now++ });
    const created = await store.createRegisteredModel({ name: "m" });
    const v1 = await store.createModelVersion({ name: "m", source: "runs:/r1/model", run_id: "r1" });
    assert.deepEqual(v1, {
      name: "m",
      version: "1",
      creation_timestamp: v1.creation_timestamp,
      last_updated_timestamp: v1.creation_timestamp,
      current_stage: "None",
      description: "",
      source: "runs:/r1/model",
      run_id: "r1",
      run_link: "",
      status: "READY",
    });
    assert.ok(v1.creation_timestamp > created.creation_timestamp);
    const v2 = await store.createModelVersion({ name: "m", source: "s3://b/m", run_link: "http://x/r", description: "second", tags: [{ key: "t", value: "1" }, { key: "a", value: "" }] });
    assert.deepEqual([v2.version, v2.run_id, v2.run_link, v2.description, v2.tags], ["2", "", "http://x/r", "second", [{ key: "a", value: "" }, { key: "t", value: "1" }]]);
    assert.deepEqual(await store.getModelVersion("m", "2"), v2);
    // Creating a version marks the model updated.
    assert.equal((await store.getRegisteredModel("m")).last_updated_timestamp, v2.creation_timestamp);
  });

  it("validates version strings, sources and tags before writing", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    for (const bad of ["0", "-1", "abc", "1.0", ""]) await expectCode(store.getModelVersion("m", bad), "INVALID_PARAMETER_VALUE", /'version'/);
    await expectCode(store.createModelVersion({ name: "m", source: "" }), "INVALID_PARAMETER_VALUE", /'source'/);
    await expectCode(store.createModelVersion({ name: "m", source: "mlflow-artifacts:/0/../../etc" }), "INVALID_PARAMETER_VALUE", /\.\./);
    await expectCode(store.createModelVersion({ name: "m", source: "s3://b/%2E%2E/x" }), "INVALID_PARAMETER_VALUE", /\.\./);
    await expectCode(store.createModelVersion({ name: "m", source: "s3://b/m", tags: [{ key: "bad key!", value: "v" }] }), "INVALID_PARAMETER_VALUE", /bad key!/);
    await expectCode(store.createModelVersion({ name: "", source: "s3://b/m" }), "INVALID_PARAMETER_VALUE", /'name'/);
    // Nothing was registered: the next version is still 1.
    assert.equal((await store.createModelVersion({ name: "m", source: "s3://b/m" })).version, "1");
  });

  it("reports unknown versions as RESOURCE_DOES_NOT_EXIST with MLflow's message", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    const missing = /Model Version \(name=m, version=9\) not found/;
    await expectCode(store.getModelVersion("m", "9"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.updateModelVersion("m", "9", "d"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.deleteModelVersion("m", "9"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.transitionModelVersionStage({ name: "m", version: "9", stage: "Staging" }), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.getModelVersionDownloadUri("m", "9"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.setModelVersionTag("m", "9", { key: "k", value: "v" }), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.deleteModelVersionTag("m", "9", "k"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.setRegisteredModelAlias("m", "champion", "9"), "RESOURCE_DOES_NOT_EXIST", missing);
  });

  it("updates descriptions, sets and deletes version tags", async () => {
    let now = 1000;
    const store = await dialect.open({ clock: () => now++ });
    await store.createRegisteredModel({ name: "m" });
    const v1 = await store.createModelVersion({ name: "m", source: "s3://b/m" });
    const updated = await store.updateModelVersion("m", "1", "better");
    assert.equal(updated.description, "better");
    assert.ok(updated.last_updated_timestamp > v1.last_updated_timestamp);
    assert.equal((await store.updateModelVersion("m", "1", undefined)).description, "better");
    await store.setModelVersionTag("m", "1", { key: "k", value: "1" });
    await store.setModelVersionTag("m", "1", { key: "k", value: "2" });
    assert.deepEqual((await store.getModelVersion("m", "1")).tags, [{ key: "k", value: "2" }]);
    await store.deleteModelVersionTag("m", "1", "k");
    await store.deleteModelVersionTag("m", "1", "k");
    assert.equal((await store.getModelVersion("m", "1")).tags, undefined);
    await expectCode(store.setModelVersionTag("m", "1", { key: "", value: "v" }), "INVALID_PARAMETER_VALUE", /key/);
  });

  it("transitions stages case-insensitively, archives existing versions, and reports latest versions per stage", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    for (let i = 0; i < 4; i++) await store.createModelVersion({ name: "m", source: `s3://b/${i}` });
    assert.equal((await store.transitionModelVersionStage({ name: "m", version: "1", stage: "production" })).current_stage, "Production");
    await store.transitionModelVersionStage({ name: "m", version: "2", stage: "PRODUCTION" });
    await store.transitionModelVersionStage({ name: "m", version: "3", stage: "Staging" });
    const stages = async () => (await store.searchModelVersions({ filter: "name = 'm'", order_by: ["version_number"], max_results: 10 })).model_versions;
    assert.deepEqual(parseJsonText(( await stages())!).map((v) => v.current_stage), ["Production", "Production", "Staging", "None"]);
    await store.setRegisteredModelAlias("m", "champion", "2");
    assert.deepEqual((await store.getLatestVersions("m", ["Production"])).map((v) => [v.version, v.aliases]), [["2", ["champion"]]]);
    assert.deepEqual((await store.getLatestVersions("m")).map((v) => [v.version, v.current_stage]), [["2", "Production"], ["3", "Staging"], ["4", "None"]]);
    assert.deepEqual((await store.getRegisteredModel("m")).latest_versions?.map((v) => [v.version, v.aliases]), [["2", undefined], ["3", undefined], ["4", undefined]]);

    const archived = await store.transitionModelVersionStage({ name: "m", version: "4", stage: "Production", archive_existing_versions: true });
    assert.equal(archived.current_stage, "Production");
    assert.deepEqual(parseJsonText((await stages())!).map((v) => v.current_stage), ["Archived", "Archived", "Staging", "Production"]);
    assert.deepEqual((await store.getLatestVersions("m", ["archived", "Staging"])).map((v) => v.version), ["2", "3"]);
    assert.deepEqual(await store.getLatestVersions("m", ["None"]), []);

    await expectCode(store.transitionModelVersionStage({ name: "m", version: "1", stage: "Prod" }), "INVALID_PARAMETER_VALUE", /None, Staging, Production, Archived/);
    await expectCode(store.transitionModelVersionStage({ name: "m", version: "1", stage: "None", archive_existing_versions: true }), "INVALID_PARAMETER_VALUE", /archive_existing_versions/);
    await expectCode(store.getLatestVersions("m", ["Live"]), "INVALID_PARAMETER_VALUE", /Live/);
    assert.equal((await store.getModelVersion("m", "1")).current_stage, "Archived", "rejected transitions wrote nothing");
  });

  it("deletes a version with its tags and aliases; its number is never reused", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    await store.createModelVersion({ name: "m", source: "s3://b/1" });
    await store.createModelVersion({ name: "m", source: "s3://b/2", tags: [{ key: "k", value: "v" }] });
    await store.setRegisteredModelAlias("m", "champion", "2");
    await store.deleteModelVersion("m", "2");
    await expectCode(store.getModelVersion("m", "2"), "RESOURCE_DOES_NOT_EXIST");
    await expectCode(store.getModelVersionByAlias("m", "champion"), "RESOURCE_DOES_NOT_EXIST", /champion/);
    assert.equal((await store.getRegisteredModel("m")).aliases, undefined);
    const v3 = await store.createModelVersion({ name: "m", source: "s3://b/3" });
    assert.deepEqual([v3.version, v3.tags], ["3", undefined]);
  });

  it("answers the download URI: the source, or the registered logged model's artifact location", async () => {
    const store = await dialect.open();
    const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
    const logged = await store.createLoggedModel({ experiment_id: "0", name: "clf", source_run_id: runId });
    const modelId = logged.info.model_id;
    await store.createRegisteredModel({ name: "m" });
    await store.createModelVersion({ name: "m", source: "runs:/r/model", run_id: "r" });
    assert.equal(await store.getModelVersionDownloadUri("m", "1"), "runs:/r/model");

    const fromModel = await store.createModelVersion({ name: "m", source: `models:/${modelId}`, model_id: modelId });
    assert.deepEqual([fromModel.version, fromModel.model_id, fromModel.run_id, fromModel.source], ["2", modelId, runId, `models:/${modelId}`]);
    assert.equal(await store.getModelVersionDownloadUri("m", "2"), logged.info.artifact_uri);
    // A models:/<name>/<version> source resolves to that version's location.
    await store.createModelVersion({ name: "m", source: "models:/m/2" });
    assert.equal(await store.getModelVersionDownloadUri("m", "3"), logged.info.artifact_uri);
    await expectCode(store.createModelVersion({ name: "m", source: "models:/m/99" }), "RESOURCE_DOES_NOT_EXIST", /version=99/);

    // The logged model lists the versions registered from it, once each.
    await store.createModelVersion({ name: "m", source: "s3://b/x", model_id: modelId });
    const tag = (await store.getLoggedModel(modelId)).info.tags?.find((t) => t.key === "mlflow.modelVersions");
    assert.deepEqual(JSON.parse(tag!.value), [{ name: "m", version: "2" }, { name: "m", version: "4" }]);
    await expectCode(store.createModelVersion({ name: "m", source: "s3://b/y", model_id: "m-missing" }), "RESOURCE_DOES_NOT_EXIST", /m-missing/);
    await store.setLoggedModelTags(modelId, [{ key: "mlflow.modelVersions", value: "not json" }]);
    await expectCode(store.createModelVersion({ name: "m", source: "s3://b/z", model_id: modelId }), "INVALID_STATE", /mlflow.modelVersions/);
    assert.equal((await store.createModelVersion({ name: "m", source: "s3://b/z" })).version, "5", "failed registrations took no number");
  });

  it("keeps every entry when several models register one logged model at once", async () => {
    const store = await dialect.open();
    const modelId = (await store.createLoggedModel({ experiment_id: "0", name: "shared" })).info.model_id;
    const names = ["r1", "r2", "r3", "r4", "r5"];
    for (const name of names) await store.createRegisteredModel({ name });
    await Promise.all(names.map((name) => store.createModelVersion({ name, source: `models:/${modelId}`, model_id: modelId })));
    const tag = (await store.getLoggedModel(modelId)).info.tags?.find((t) => t.key === "mlflow.modelVersions");
    assert.deepEqual((JSON.parse(tag!.value) as { name: string }[]).map((e) => e.name).sort(), names);
  });

  it("gives 20 concurrent registrations exactly the versions 1..20", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "busy" });
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => store.createModelVersion({ name: "busy", source: `s3://b/${i}` })));
    assert.deepEqual(created.map((v) => Number(v.version)).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    const listed = parseJsonText((await store.searchModelVersions({ filter: "name = 'busy'", max_results: 100 })).model_versions!);
    assert.equal(new Set(listed.map((v) => v.version)).size, 20);
    assert.equal((await store.createModelVersion({ name: "busy", source: "s3://b/last" })).version, "21");
  });
});
