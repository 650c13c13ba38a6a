import { it } from "node:test";
import assert from "node:assert/strict";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

describeEachDialect("registry: registered models", (dialect) => {
  it("creates a model with tags and description and reads it back in MLflow's shape", async () => {
    const store = await dialect.open({ clock: () => 1_700_000_000_000 });
    const created = await store.createRegisteredModel({ name: "churn", description: "d", tags: [{ key: "k", value: "v" }, { key: "a", value: "1" }, { key: "k", value: "v2" }] });
    const expected = {
      name: "churn",
      creation_timestamp: 1_700_000_000_000,
      last_updated_timestamp: 1_700_000_000_000,
      description: "d",
      tags: [{ key: "a", value: "1" }, { key: "k", value: "v2" }],
    };
    assert.deepEqual(created, expected);
    assert.deepEqual(await store.getRegisteredModel("churn"), expected);
    // Empty fields are left out, as MLflow does.
    assert.deepEqual(await store.createRegisteredModel({ name: "bare" }), { name: "bare", creation_timestamp: 1_700_000_000_000, last_updated_timestamp: 1_700_000_000_000 });
  });

  it("refuses a taken name with RESOURCE_ALREADY_EXISTS and writes nothing", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "dup", description: "first" });
    await expectCode(store.createRegisteredModel({ name: "dup", description: "second", tags: [{ key: "x", value: "y" }] }), "RESOURCE_ALREADY_EXISTS", /Registered Model \(name=dup\) already exists/);
    assert.deepEqual(await store.getRegisteredModel("dup"), { ...(await store.getRegisteredModel("dup")), description: "first" });
    assert.equal((await store.getRegisteredModel("dup")).tags, undefined);
  });

  it("validates names and tags before writing anything", async () => {
    const store = await dialect.open();
    await expectCode(store.createRegisteredModel({ name: "" }), "INVALID_PARAMETER_VALUE", /'name'/);
    await expectCode(store.createRegisteredModel({ name: "   " }), "INVALID_PARAMETER_VALUE", /non-empty/);
    await expectCode(store.createRegisteredModel({ name: "x".repeat(257) }), "INVALID_PARAMETER_VALUE", /256/);
    await expectCode(store.createRegisteredModel({ name: "m", tags: [{ key: "bad key!", value: "v" }] }), "INVALID_PARAMETER_VALUE", /bad key!/);
    await expectCode(store.createRegisteredModel({ name: "m", tags: [{ key: "k", value: "v".repeat(100_001) }] }), "INVALID_PARAMETER_VALUE", /100000/);
    await expectCode(store.getRegisteredModel("m"), "RESOURCE_DOES_NOT_EXIST", /Registered Model with name=m not found/);
  });

  it("reports unknown models as RESOURCE_DOES_NOT_EXIST for every operation", async () => {
    const store = await dialect.open();
    const missing = /name=nope not found/;
    await expectCode(store.getRegisteredModel("nope"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.updateRegisteredModel("nope", "d"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.renameRegisteredModel("nope", "other"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.deleteRegisteredModel("nope"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.setRegisteredModelTag("nope", { key: "k", value: "v" }), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.deleteRegisteredModelTag("nope", "k"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.getLatestVersions("nope"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.createModelVersion({ name: "nope", source: "s3://b/m" }), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.getModelVersion("nope", "1"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.getModelVersionByAlias("nope", "champion"), "RESOURCE_DOES_NOT_EXIST", missing);
    await expectCode(store.deleteRegisteredModelAlias("nope", "champion"), "RESOURCE_DOES_NOT_EXIST", missing);
  });

  it("updates the description, keeping it when none is given, and touches the update time", async () => {
    let now = 1000;
    const store = await dialect.open({ clock: () => now++ });
    await store.createRegisteredModel({ name: "m", description: "old" });
    const updated = await store.updateRegisteredModel("m", "new");
    assert.deepEqual([updated.description, updated.last_updated_timestamp - updated.creation_timestamp], ["new", 1]);
    const kept = await store.updateRegisteredModel("m", undefined);
    assert.deepEqual([kept.description, kept.last_updated_timestamp - updated.last_updated_timestamp], ["new", 1]);
    assert.equal((await store.updateRegisteredModel("m", "")).description, undefined);
  });

  it("sets, replaces and deletes tags; deleting a missing tag is not an error", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    await store.setRegisteredModelTag("m", { key: "b", value: "1" });
    await store.setRegisteredModelTag("m", { key: "a", value: "1" });
    await store.setRegisteredModelTag("m", { key: "b", value: "2" });
    assert.deepEqual((await store.getRegisteredModel("m")).tags, [{ key: "a", value: "1" }, { key: "b", value: "2" }]);
    await store.deleteRegisteredModelTag("m", "b");
    await store.deleteRegisteredModelTag("m", "b");
    assert.deepEqual((await store.getRegisteredModel("m")).tags, [{ key: "a", value: "1" }]);
    await expectCode(store.setRegisteredModelTag("m", { key: "../x", value: "v" }), "INVALID_PARAMETER_VALUE", /\.\./);
    await expectCode(store.deleteRegisteredModelTag("m", "bad key!"), "INVALID_PARAMETER_VALUE", /bad key!/);
  });

  it("renames a model; versions, their tags and aliases, and model tags follow", async () => {
    let now = 1000;
    const store = await dialect.open({ clock: () => now++ });
    await store.createRegisteredModel({ name: "old", tags: [{ key: "team", value: "ml" }] });
    await store.createModelVersion({ name: "old", source: "s3://b/1", tags: [{ key: "k", value: "v" }] });
    await store.createModelVersion({ name: "old", source: "s3://b/2" });
    await store.setRegisteredModelAlias("old", "champion", "1");
    await store.createRegisteredModel({ name: "taken" });
    await expectCode(store.renameRegisteredModel("old", "taken"), "RESOURCE_ALREADY_EXISTS", /name=taken/);
    await expectCode(store.renameRegisteredModel("old", ""), "INVALID_PARAMETER_VALUE", /'new_name'/);

    const renamed = await store.renameRegisteredModel("old", "new");
    assert.equal(renamed.name, "new");
    assert.deepEqual(renamed.tags, [{ key: "team", value: "ml" }]);
    assert.deepEqual(renamed.aliases, [{ alias: "champion", version: "1" }]);
    assert.deepEqual(renamed.latest_versions?.map((v) => [v.name, v.version, v.last_updated_timestamp]), [["new", "2", renamed.last_updated_timestamp]]);
    await expectCode(store.getRegisteredModel("old"), "RESOURCE_DOES_NOT_EXIST");
    const v1 = await store.getModelVersionByAlias("new", "champion");
    assert.deepEqual([v1.name, v1.version, v1.tags, v1.aliases], ["new", "1", [{ key: "k", value: "v" }], ["champion"]]);
    // The counter moved with the model: the next version is 3.
    assert.equal((await store.createModelVersion({ name: "new", source: "s3://b/3" })).version, "3");
    const found = await store.searchModelVersions({ filter: "name = 'new'", max_results: 10 });
    assert.equal(JSON.parse(String(Buffer.from(found.model_versions!))).length, 3);
  });

  it("deletes a model with its versions, tags and aliases; the name can be reused from version 1", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m", tags: [{ key: "k", value: "v" }] });
    await store.createModelVersion({ name: "m", source: "s3://b/1", tags: [{ key: "k", value: "v" }] });
    await store.setRegisteredModelAlias("m", "champion", "1");
    await store.deleteRegisteredModel("m");
    await expectCode(store.getRegisteredModel("m"), "RESOURCE_DOES_NOT_EXIST");
    await expectCode(store.getModelVersion("m", "1"), "RESOURCE_DOES_NOT_EXIST");
    assert.deepEqual(await store.searchModelVersions({ max_results: 10 }), {});
    const again = await store.createRegisteredModel({ name: "m" });
    assert.deepEqual([again.tags, again.aliases, again.latest_versions], [undefined, undefined, undefined]);
    assert.equal((await store.createModelVersion({ name: "m", source: "s3://b/1" })).version, "1");
    assert.equal((await store.getModelVersion("m", "1")).tags, undefined);
  });
});
