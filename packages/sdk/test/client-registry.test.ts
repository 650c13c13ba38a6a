import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient, parseModelUri, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("client.registry against a real server", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  let runId: string;
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    const run = await client.startRun({ experiment: "registry", flushIntervalMs: 0 });
    runId = run.runId;
    await run.end();
  });
  after(() => server.close());

  it("creates, gets, updates, renames, searches and deletes registered models", async () => {
    const { registered_model } = await client.registry.createRegisteredModel({ name: "m1", description: "first", tags: [{ key: "team", value: "ml" }] });
    assert.equal(registered_model.name, "m1");
    assert.equal((await client.registry.getRegisteredModel({ name: "m1" })).registered_model.description, "first");
    assert.equal((await client.registry.updateRegisteredModel({ name: "m1", description: "changed" })).registered_model.description, "changed");
    assert.equal((await client.registry.renameRegisteredModel({ name: "m1", new_name: "m2" })).registered_model.name, "m2");
    await client.registry.setRegisteredModelTag({ name: "m2", key: "stage", value: "dev" });
    await client.registry.deleteRegisteredModelTag({ name: "m2", key: "team" });
    assert.deepEqual((await client.registry.getRegisteredModel({ name: "m2" })).registered_model.tags, [{ key: "stage", value: "dev" }]);
    const found = await client.registry.searchRegisteredModels({ filter: "name = 'm2'" });
    assert.deepEqual(found.registered_models.map((m) => m.name), ["m2"]);
    assert.deepEqual((await client.registry.searchRegisteredModels({ filter: "name = 'none'" })).registered_models, []);
    await client.registry.deleteRegisteredModel({ name: "m2" });
    await assert.rejects(client.registry.getRegisteredModel({ name: "m2" }), { code: "RESOURCE_DOES_NOT_EXIST" });
  });

  it("creates, gets, updates, tags, transitions, searches and deletes model versions, with aliases", async () => {
    await client.registry.createRegisteredModel({ name: "mv" });
    const { model_version: v1 } = await client.registry.createModelVersion({ name: "mv", source: `runs:/${runId}/model`, run_id: runId });
    assert.equal(v1.version, "1");
    assert.equal(v1.status, "READY");
    await client.registry.createModelVersion({ name: "mv", source: `runs:/${runId}/model2` });
    assert.equal((await client.registry.getModelVersion({ name: "mv", version: "1" })).model_version.source, `runs:/${runId}/model`);
    assert.equal((await client.registry.updateModelVersion({ name: "mv", version: "1", description: "d" })).model_version.description, "d");
    await client.registry.setModelVersionTag({ name: "mv", version: "1", key: "k", value: "v" });
    await client.registry.setModelVersionTag({ name: "mv", version: "1", key: "gone", value: "x" });
    await client.registry.deleteModelVersionTag({ name: "mv", version: "1", key: "gone" });
    assert.deepEqual((await client.registry.getModelVersion({ name: "mv", version: "1" })).model_version.tags, [{ key: "k", value: "v" }]);

    await client.registry.setRegisteredModelAlias({ name: "mv", alias: "champion", version: "1" });
    assert.equal((await client.registry.getModelVersionByAlias({ name: "mv", alias: "champion" })).model_version.version, "1");
    await client.registry.deleteRegisteredModelAlias({ name: "mv", alias: "champion" });
    await assert.rejects(client.registry.getModelVersionByAlias({ name: "mv", alias: "champion" }), { code: "RESOURCE_DOES_NOT_EXIST" });

    const moved = await client.registry.transitionModelVersionStage({ name: "mv", version: "2", stage: "Production", archive_existing_versions: true });
    assert.equal(moved.model_version.current_stage, "Production");
    const latest = await client.registry.getLatestVersions({ name: "mv", stages: ["Production"] });
    assert.deepEqual(latest.model_versions.map((v) => v.version), ["2"]);
    assert.equal((await client.registry.getLatestVersions({ name: "mv" })).model_versions.length, 2);
    const search = await client.registry.searchModelVersions({ filter: "name = 'mv'" });
    assert.deepEqual(search.model_versions.map((v) => v.version).sort(), ["1", "2"]);
    const uri = await client.registry.getModelVersionDownloadUri({ name: "mv", version: "1" });
    assert.match(uri.artifact_uri, /model$/);

    await client.registry.deleteModelVersion({ name: "mv", version: "1" });
    await assert.rejects(client.registry.getModelVersion({ name: "mv", version: "1" }), { code: "RESOURCE_DOES_NOT_EXIST" });
  });

  it("registerModel creates the model once and a new version each time", async () => {
    const first = await client.registry.registerModel("churn", `runs:/${runId}/model`, { runId, tags: { by: "test" } });
    const second = await client.registry.registerModel("churn", `runs:/${runId}/model`);
    assert.deepEqual([first.version, second.version], ["1", "2"]);
    assert.equal(first.run_id, runId);
    assert.deepEqual(first.tags, [{ key: "by", value: "test" }]);
    assert.equal((await client.registry.searchRegisteredModels({ filter: "name = 'churn'" })).registered_models.length, 1);
  });

  it("resolveModelUri resolves versions, aliases, stages and latest; unknown ones are RESOURCE_DOES_NOT_EXIST", async () => {
    await client.registry.registerModel("res", "mlflow-artifacts:/x/1");
    await client.registry.registerModel("res", "mlflow-artifacts:/x/2");
    await client.registry.registerModel("res", "mlflow-artifacts:/x/3");
    await client.registry.setRegisteredModelAlias({ name: "res", alias: "champion", version: "2" });
    await client.registry.transitionModelVersionStage({ name: "res", version: "1", stage: "Production" });
    assert.equal((await client.registry.resolveModelUri("models:/res/3")).version, "3");
    const byAlias = await client.registry.resolveModelUri("models:/res@champion");
    assert.equal(byAlias.version, "2");
    assert.deepEqual(byAlias.aliases, ["champion"]);
    assert.equal((await client.registry.resolveModelUri("models:/res/Production")).version, "1");
    assert.equal((await client.registry.resolveModelUri("models:/res/production")).version, "1");
    assert.equal((await client.registry.resolveModelUri("models:/res/latest")).version, "3");
    await assert.rejects(client.registry.resolveModelUri("models:/res@nobody"), { code: "RESOURCE_DOES_NOT_EXIST" });
    await assert.rejects(client.registry.resolveModelUri("models:/res/Staging"), { code: "RESOURCE_DOES_NOT_EXIST" });
    await assert.rejects(client.registry.resolveModelUri("models:/res/9"), { code: "RESOURCE_DOES_NOT_EXIST" });
    await assert.rejects(client.registry.resolveModelUri("models:/nobody/1"), { code: "RESOURCE_DOES_NOT_EXIST" });
    await assert.rejects(client.registry.resolveModelUri("runs:/abc/model"), { code: "INVALID_PARAMETER_VALUE" });
  });

  it("parseModelUri reads MLflow's forms and names the valid ones on a bad URI", () => {
    assert.deepEqual(parseModelUri("models:/a/b/07"), { name: "a/b", kind: "version", version: "7" });
    assert.deepEqual(parseModelUri("models:/a@x"), { name: "a", kind: "alias", alias: "x" });
    assert.deepEqual(parseModelUri("models:/a/Archived"), { name: "a", kind: "stage", stage: "Archived" });
    assert.throws(() => parseModelUri("models:/a"), /models:\/<name>@<alias>/);
    assert.throws(() => parseModelUri("models:/a/unknown"), { code: "INVALID_PARAMETER_VALUE" });
  });
});
