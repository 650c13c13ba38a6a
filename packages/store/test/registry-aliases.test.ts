import { it } from "node:test";
import assert from "node:assert/strict";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

describeEachDialect("registry: aliases", (dialect) => {
  it("sets an alias, reads the version by it with its aliases, and moves it atomically", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    await store.createModelVersion({ name: "m", source: "s3://b/1" });
    await store.createModelVersion({ name: "m", source: "s3://b/2" });
    await store.setRegisteredModelAlias("m", "champion", "1");
    await store.setRegisteredModelAlias("m", "best", "1");
    const byAlias = await store.getModelVersionByAlias("m", "champion");
    assert.deepEqual([byAlias.version, byAlias.aliases], ["1", ["best", "champion"]]);
    assert.deepEqual((await store.getModelVersion("m", "1")).aliases, ["best", "champion"]);

    await store.setRegisteredModelAlias("m", "champion", "2");
    assert.deepEqual((await store.getModelVersionByAlias("m", "champion")).aliases, ["champion"]);
    assert.deepEqual((await store.getModelVersion("m", "1")).aliases, ["best"]);
    assert.deepEqual((await store.getRegisteredModel("m")).aliases, [{ alias: "best", version: "1" }, { alias: "champion", version: "2" }]);
    // Setting an alias where it already points is a no-op, not an error.
    await store.setRegisteredModelAlias("m", "champion", "2");
    assert.equal((await store.getRegisteredModel("m")).aliases?.length, 2);
  });

  it("deletes aliases; a missing one is not an error; an unknown alias is RESOURCE_DOES_NOT_EXIST", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    await store.createModelVersion({ name: "m", source: "s3://b/1" });
    await store.setRegisteredModelAlias("m", "champion", "1");
    await store.deleteRegisteredModelAlias("m", "champion");
    await store.deleteRegisteredModelAlias("m", "champion");
    await expectCode(store.getModelVersionByAlias("m", "champion"), "RESOURCE_DOES_NOT_EXIST", /no alias 'champion'/);
    await expectCode(store.getModelVersionByAlias("m", "nope"), "RESOURCE_DOES_NOT_EXIST", /nope/);
    assert.equal((await store.getModelVersion("m", "1")).aliases, undefined);
  });

  it("resolves 'latest' to the newest version and reserves it and v<number> as alias names", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    await expectCode(store.getModelVersionByAlias("m", "latest"), "RESOURCE_DOES_NOT_EXIST", /no versions/);
    for (let i = 0; i < 3; i++) await store.createModelVersion({ name: "m", source: `s3://b/${i}` });
    await store.deleteModelVersion("m", "3");
    assert.equal((await store.getModelVersionByAlias("m", "Latest")).version, "2");
    await expectCode(store.setRegisteredModelAlias("m", "latest", "1"), "INVALID_PARAMETER_VALUE", /reserved/);
    await expectCode(store.setRegisteredModelAlias("m", "V2", "1"), "INVALID_PARAMETER_VALUE", /reserved/);
  });

  it("validates alias names and versions before writing", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    await store.createModelVersion({ name: "m", source: "s3://b/1" });
    await expectCode(store.setRegisteredModelAlias("m", "", "1"), "INVALID_PARAMETER_VALUE", /'alias'/);
    await expectCode(store.setRegisteredModelAlias("m", "has space", "1"), "INVALID_PARAMETER_VALUE", /letters, digits/);
    await expectCode(store.setRegisteredModelAlias("m", "a".repeat(256), "1"), "INVALID_PARAMETER_VALUE", /255/);
    await expectCode(store.setRegisteredModelAlias("m", "champion", "one"), "INVALID_PARAMETER_VALUE", /'version'/);
    await expectCode(store.getModelVersionByAlias("m", "bad alias"), "INVALID_PARAMETER_VALUE", /letters, digits/);
    await expectCode(store.deleteRegisteredModelAlias("m", ""), "INVALID_PARAMETER_VALUE", /'alias'/);
    assert.equal((await store.getRegisteredModel("m")).aliases, undefined);
  });
});
