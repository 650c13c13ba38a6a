import { it } from "node:test";
import assert from "node:assert/strict";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

describeEachDialect("experiments", (dialect) => {
  it("has the Default experiment 0 and creates numbered experiments with tags", async () => {
    const store = await dialect.open({ clock: () => 1_700_000_000_000 });
    const fallback = await store.getExperiment("0");
    assert.equal(fallback.name, "Default");
    assert.equal(fallback.artifact_location, "mlflow-artifacts:/0");

    const id = await store.createExperiment({ name: "churn", tags: [{ key: "team", value: "ml" }] });
    assert.equal(id, "1");
    assert.deepEqual(await store.getExperiment(id), {
      experiment_id: "1",
      name: "churn",
      artifact_location: "mlflow-artifacts:/1",
      lifecycle_stage: "active",
      creation_time: 1_700_000_000_000,
      last_update_time: 1_700_000_000_000,
      tags: [{ key: "team", value: "ml" }],
    });
    assert.equal((await store.getExperimentByName("churn")).experiment_id, "1");
  });

  it("refuses a duplicate name and writes nothing", async () => {
    const store = await dialect.open();
    await store.createExperiment({ name: "dup" });
    await expectCode(store.createExperiment({ name: "dup", tags: [{ key: "a", value: "b" }] }), "RESOURCE_ALREADY_EXISTS", /dup/);
    const page = await store.searchExperiments({ view_type: "ALL", max_results: 100 });
    assert.deepEqual(page.items.map((e) => e.name).sort(), ["Default", "dup"]);
  });

  it("reports unknown ids and names as RESOURCE_DOES_NOT_EXIST", async () => {
    const store = await dialect.open();
    await expectCode(store.getExperiment("987654"), "RESOURCE_DOES_NOT_EXIST", /987654/);
    await expectCode(store.getExperiment("not-a-number"), "RESOURCE_DOES_NOT_EXIST", /not-a-number/);
    await expectCode(store.getExperimentByName("nope"), "RESOURCE_DOES_NOT_EXIST", /nope/);
  });

  it("renames, tags, deletes and restores", async () => {
    const store = await dialect.open();
    const id = await store.createExperiment({ name: "a" });
    await store.createExperiment({ name: "b" });
    await expectCode(store.renameExperiment(id, "b"), "RESOURCE_ALREADY_EXISTS", /b/);
    await store.renameExperiment(id, "a2");
    await store.setExperimentTag(id, { key: "k", value: "1" });
    await store.setExperimentTag(id, { key: "k", value: "2" });
    assert.deepEqual((await store.getExperiment(id)).tags, [{ key: "k", value: "2" }]);
    await store.deleteExperimentTag(id, "k");
    await expectCode(store.deleteExperimentTag(id, "k"), "RESOURCE_DOES_NOT_EXIST", /k/);
    await store.deleteExperiment(id);
    assert.equal((await store.getExperiment(id)).lifecycle_stage, "deleted");
    await expectCode(store.setExperimentTag(id, { key: "x", value: "y" }), "INVALID_STATE", /deleted/);
    await expectCode(store.deleteExperiment("0"), "INVALID_PARAMETER_VALUE", /default/);
    await store.restoreExperiment(id);
    assert.equal((await store.getExperiment(id)).lifecycle_stage, "active");
  });

  it("searches with filters, ordering, view types and pages", async () => {
    const store = await dialect.open();
    let t = 1000;
    const clocked = await dialect.open({ clock: () => (t += 10) });
    for (const name of ["gold-a", "gold-b", "Gold-C", "silver"]) await clocked.createExperiment({ name, tags: [{ key: "metal", value: name.split("-")[0]!.toLowerCase() }] });
    await clocked.deleteExperiment("4");

    const names = async (input: Partial<Parameters<typeof store.searchExperiments>[0]>) =>
      (await clocked.searchExperiments({ view_type: "ACTIVE_ONLY", max_results: 100, ...input })).items.map((e) => e.name);
    assert.deepEqual(await names({ filter: "name LIKE 'gold%'", order_by: ["name"] }), ["gold-a", "gold-b"]);
    assert.deepEqual(await names({ filter: "name ILIKE 'gold%'", order_by: ["name DESC"] }), ["gold-b", "gold-a", "Gold-C"]);
    assert.deepEqual(await names({ filter: "tags.metal = 'gold'", order_by: ["creation_time DESC"] }), ["Gold-C", "gold-b", "gold-a"]);
    assert.deepEqual(await names({ view_type: "DELETED_ONLY" }), ["silver"]);
    assert.deepEqual(await names({ filter: "name = 'gold-a' OR name = 'Gold-C'", order_by: ["name"] }), ["Gold-C", "gold-a"]);

    const first = await clocked.searchExperiments({ view_type: "ACTIVE_ONLY", max_results: 2, order_by: ["name"] });
    assert.equal(first.items.length, 2);
    assert.ok(first.next_page_token);
    const second = await clocked.searchExperiments({ view_type: "ACTIVE_ONLY", max_results: 2, order_by: ["name"], page_token: first.next_page_token });
    assert.deepEqual([...first.items, ...second.items].map((e) => e.name), ["Default", "Gold-C", "gold-a", "gold-b"]);
    assert.equal(second.next_page_token, undefined);

    await expectCode(clocked.searchExperiments({ view_type: "ALL", max_results: 10, filter: "name ==" }), "INVALID_PARAMETER_VALUE", /position/);
    await expectCode(clocked.searchExperiments({ view_type: "ALL", max_results: 10, page_token: "garbage" }), "INVALID_PARAMETER_VALUE", /page token/);
    await store.close();
  });
});
