import { it } from "node:test";
import assert from "node:assert/strict";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

describeEachDialect("model cards: fields", (dialect) => {
  it("reads empty fields for a new version, then patches only the fields given", async () => {
    let now = 5_000;
    const store = await dialect.open({ clock: () => now });
    await store.createRegisteredModel({ name: "m" });
    await store.createModelVersion({ name: "m", source: "s3://b/1" });
    await store.createModelVersion({ name: "m", source: "s3://b/2" });
    assert.deepEqual(await store.getModelCardFields("m", "1"), { intended_use: "", limitations: "", ethical_considerations: "", owners: [] });

    now = 6_000;
    const first = await store.setModelCardFields("m", "1", { intended_use: "Churn scoring for retention offers", owners: [" ana@example.com ", "ml-team", "ml-team"] }, "alice");
    assert.deepEqual(first, {
      intended_use: "Churn scoring for retention offers",
      limitations: "",
      ethical_considerations: "",
      owners: ["ana@example.com", "ml-team"],
      updated_by: "alice",
      last_updated_timestamp: 6_000,
    });
    now = 7_000;
    const second = await store.setModelCardFields("m", "1", { limitations: "Not for customers under 18", ethical_considerations: "<b>bias</b> review done" }, "bob");
    assert.deepEqual(second, { ...first, limitations: "Not for customers under 18", ethical_considerations: "<b>bias</b> review done", updated_by: "bob", last_updated_timestamp: 7_000 });
    assert.deepEqual(await store.getModelCardFields("m", "1"), second);
    // Clearing a field is writing it empty; other versions have cards of their own.
    assert.deepEqual((await store.setModelCardFields("m", "1", { owners: [] }, "bob")).owners, []);
    assert.deepEqual((await store.getModelCardFields("m", "2")).intended_use, "");
  });

  it("refuses unknown versions and fields over their limits, writing nothing", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    await store.createModelVersion({ name: "m", source: "s3://b/1" });
    await expectCode(store.getModelCardFields("m", "2"), "RESOURCE_DOES_NOT_EXIST", /version=2/);
    await expectCode(store.getModelCardFields("nope", "1"), "RESOURCE_DOES_NOT_EXIST", /nope/);
    await expectCode(store.setModelCardFields("m", "2", { intended_use: "x" }, "a"), "RESOURCE_DOES_NOT_EXIST", /version=2/);
    await expectCode(store.setModelCardFields("m", "one", { intended_use: "x" }, "a"), "INVALID_PARAMETER_VALUE", /'version'/);
    await expectCode(store.setModelCardFields("m", "1", { intended_use: "x".repeat(20_001) }, "a"), "INVALID_PARAMETER_VALUE", /'intended_use' is 20001 characters long; the limit is 20000/);
    await expectCode(store.setModelCardFields("m", "1", { owners: Array.from({ length: 51 }, (_, i) => `o${i}`) }, "a"), "INVALID_PARAMETER_VALUE", /limit is 50/);
    await expectCode(store.setModelCardFields("m", "1", { owners: ["ok", "  "] }, "a"), "INVALID_PARAMETER_VALUE", /non-empty/);
    await expectCode(store.setModelCardFields("m", "1", { owners: ["o".repeat(257)] }, "a"), "INVALID_PARAMETER_VALUE", /limit is 256/);
    await expectCode(store.setModelCardFields("m", "1", { limitations: 3 as unknown as string }, "a"), "INVALID_PARAMETER_VALUE", /'limitations' must be a string/);
    assert.deepEqual(await store.getModelCardFields("m", "1"), { intended_use: "", limitations: "", ethical_considerations: "", owners: [] });
  });

  it("cards go with their model", async () => {
    const store = await dialect.open();
    await store.createRegisteredModel({ name: "m" });
    await store.createModelVersion({ name: "m", source: "s3://b/1" });
    await store.setModelCardFields("m", "1", { intended_use: "old" }, "a");
    await store.renameRegisteredModel("m", "n");
    assert.equal((await store.getModelCardFields("n", "1")).intended_use, "old");
    await store.deleteRegisteredModel("n");
    await store.createRegisteredModel({ name: "n" });
    await store.createModelVersion({ name: "n", source: "s3://b/1" });
    assert.equal((await store.getModelCardFields("n", "1")).intended_use, "");
  });
});
