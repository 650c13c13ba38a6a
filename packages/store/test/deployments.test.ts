import { it } from "node:test";
import assert from "node:assert/strict";
import type { CairnStore } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

/** A registered model with n versions (1..n) and the given aliases. */
async function registerModel(store: CairnStore, name: string, versions: number, aliases: Record<string, number> = {}): Promise<void> {
  await store.createRegisteredModel({ name });
  for (let i = 1; i <= versions; i++) await store.createModelVersion({ name, source: `s3://models/${name}/${i}` });
  for (const [alias, version] of Object.entries(aliases)) await store.setRegisteredModelAlias(name, alias, String(version));
}

describeEachDialect("deployments: lifecycle", (dialect) => {
  it("creates, reads, searches and deletes a deployment; URIs resolve at read time", async () => {
    let now = 1000;
    const store = await dialect.open({ clock: () => now });
    await registerModel(store, "churn", 3, { champion: 2 });
    const created = await store.createDeployment({ name: "churn-prod", model_uri: "models:/churn@champion", description: "live" });
    assert.deepEqual(created, {
      name: "churn-prod",
      model_name: "churn",
      description: "live",
      revision: 1,
      creation_timestamp: 1000,
      last_updated_timestamp: 1000,
      primary: { model_uri: "models:/churn@champion", version: "2" },
    });
    assert.deepEqual(await store.getDeployment("churn-prod"), created);

    // A moved alias shows its new version; a deleted alias shows null.
    await store.setRegisteredModelAlias("churn", "champion", "3");
    assert.equal((await store.getDeployment("churn-prod")).primary.version, "3");
    await store.deleteRegisteredModelAlias("churn", "champion");
    assert.equal((await store.getDeployment("churn-prod")).primary.version, null);

    now = 2000;
    await registerModel(store, "fraud", 1);
    await store.createDeployment({ name: "fraud-a", model_uri: "models:/fraud/1" });
    await store.createDeployment({ name: "churn-b", model_uri: "models:/churn/01" });
    assert.equal((await store.getDeployment("churn-b")).primary.model_uri, "models:/churn/1");

    const all = await store.searchDeployments({});
    assert.deepEqual(all.deployments.map((d) => d.name), ["churn-b", "churn-prod", "fraud-a"]);
    assert.equal(all.next_page_token, undefined);
    const byModel = await store.searchDeployments({ filter: "model_name = 'churn'" });
    assert.deepEqual(byModel.deployments.map((d) => d.name), ["churn-b", "churn-prod"]);
    assert.deepEqual((await store.searchDeployments({ filter: "name LIKE 'fraud%'" })).deployments.map((d) => d.name), ["fraud-a"]);
    assert.deepEqual((await store.searchDeployments({ filter: "creation_timestamp > 1500" })).deployments.map((d) => d.name), ["churn-b", "fraud-a"]);
    const first = await store.searchDeployments({ max_results: 2 });
    assert.deepEqual(first.deployments.map((d) => d.name), ["churn-b", "churn-prod"]);
    const rest = await store.searchDeployments({ max_results: 2, page_token: first.next_page_token });
    assert.deepEqual([rest.deployments.map((d) => d.name), rest.next_page_token], [["fraud-a"], undefined]);

    await store.deleteDeployment("churn-prod");
    await expectCode(store.getDeployment("churn-prod"), "RESOURCE_DOES_NOT_EXIST", /Deployment 'churn-prod' does not exist/);
    await expectCode(store.getDeploymentHistory({ name: "churn-prod" }), "RESOURCE_DOES_NOT_EXIST");
    await expectCode(store.deleteDeployment("churn-prod"), "RESOURCE_DOES_NOT_EXIST");
    // The name is free again, with a fresh history.
    const again = await store.createDeployment({ name: "churn-prod", model_uri: "models:/churn/1" });
    assert.equal(again.revision, 1);
    assert.equal((await store.getDeploymentHistory({ name: "churn-prod" })).revisions.length, 1);
  });

  it("refuses bad creates with a message naming the problem, and writes nothing", async () => {
    const store = await dialect.open();
    await registerModel(store, "churn", 2, { champion: 1 });
    await store.createDeployment({ name: "taken", model_uri: "models:/churn/1" });
    const bad: [Parameters<CairnStore["createDeployment"]>[0], string, RegExp][] = [
      [{ name: "has space", model_uri: "models:/churn/1" }, "INVALID_PARAMETER_VALUE", /1 to 63 characters/],
      [{ name: "x".repeat(64), model_uri: "models:/churn/1" }, "INVALID_PARAMETER_VALUE", /1 to 63 characters/],
      [{ name: "ok", model_uri: "models:/churn/Production" }, "INVALID_PARAMETER_VALUE", /stage/],
      [{ name: "ok", model_uri: "models:/churn/latest" }, "INVALID_PARAMETER_VALUE", /latest version/],
      [{ name: "ok", model_uri: "s3://bucket/model" }, "INVALID_PARAMETER_VALUE", /not a models:\/ URI/],
      [{ name: "ok", model_uri: "models:/churn/9" }, "RESOURCE_DOES_NOT_EXIST", /models:\/churn\/9 does not exist: registered model 'churn' has no version 9/],
      [{ name: "ok", model_uri: "models:/churn@gone" }, "RESOURCE_DOES_NOT_EXIST", /has no alias 'gone'/],
      [{ name: "ok", model_uri: "models:/nomodel/1" }, "RESOURCE_DOES_NOT_EXIST", /Registered model 'nomodel'.*does not exist/],
      [{ name: "taken", model_uri: "models:/churn/2" }, "RESOURCE_ALREADY_EXISTS", /Deployment 'taken' already exists/],
      [{ name: "ok", model_uri: "models:/churn/1", description: "d".repeat(5001) }, "INVALID_PARAMETER_VALUE", /description is 5001 characters/],
    ];
    for (const [input, code, message] of bad) await expectCode(store.createDeployment(input), code as never, message);
    assert.deepEqual((await store.searchDeployments({})).deployments.map((d) => d.name), ["taken"]);
    assert.equal((await store.getDeployment("taken")).primary.model_uri, "models:/churn/1");
    await expectCode(store.searchDeployments({ filter: "tags.x = 'y'" }), "INVALID_PARAMETER_VALUE");
    await expectCode(store.searchDeployments({ filter: "owner = 'me'" }), "INVALID_PARAMETER_VALUE", /owner/);
    await expectCode(store.searchDeployments({ max_results: 1001 }), "INVALID_PARAMETER_VALUE", /1 to 1000/);
    await expectCode(store.searchDeployments({ page_token: "garbage" }), "INVALID_PARAMETER_VALUE", /page token/);
    await expectCode(store.getDeployment("bad name"), "INVALID_PARAMETER_VALUE");
  });
});

describeEachDialect("deployments: actions and history", (dialect) => {
  it("canary, promote, ab, shadow and rollback each write one revision and resolve every route", async () => {
    let now = 10_000;
    const store = await dialect.open({ clock: () => now++ });
    await registerModel(store, "churn", 8, { champion: 6, challenger: 7 });
    await store.createDeployment({ name: "d", model_uri: "models:/churn@champion" });

    const canary = await store.setDeploymentCanary({ name: "d", model_uri: "models:/churn/7", percent: 10 });
    assert.equal(canary.revision, 2);
    assert.deepEqual([canary.primary, canary.canary], [{ model_uri: "models:/churn@champion", version: "6" }, { model_uri: "models:/churn/7", version: "7", percent: 10 }]);
    assert.equal((await store.setDeploymentCanary({ name: "d", model_uri: "models:/churn/7", percent: 25 })).canary?.percent, 25);

    const shadow = await store.setDeploymentShadow({ name: "d", model_uri: "models:/churn/8", percent: 5 });
    assert.deepEqual(shadow.shadow, { model_uri: "models:/churn/8", version: "8", percent: 5 });
    assert.equal(shadow.canary?.percent, 25);

    const promoted = await store.promoteDeployment({ name: "d" });
    assert.deepEqual([promoted.revision, promoted.primary, promoted.canary, promoted.shadow?.model_uri], [5, { model_uri: "models:/churn/7", version: "7" }, undefined, "models:/churn/8"]);

    const ab = await store.setDeploymentAb({ name: "d", variants: [{ model_uri: "models:/churn/6", weight: 50 }, { model_uri: "models:/churn@challenger", weight: 50 }], sticky_key: "customer_id" });
    assert.deepEqual(ab.variants, [{ model_uri: "models:/churn/6", version: "6", weight: 50 }, { model_uri: "models:/churn@challenger", version: "7", weight: 50 }]);
    assert.equal(ab.sticky_key, "customer_id");
    // A canary replaces the A/B test (and its sticky key); the shadow stays.
    const replaced = await store.setDeploymentCanary({ name: "d", model_uri: "models:/churn/8", percent: 1 });
    assert.deepEqual([replaced.variants, replaced.sticky_key, replaced.shadow?.model_uri], [undefined, undefined, "models:/churn/8"]);

    const back = await store.rollbackDeployment({ name: "d" });
    assert.equal(back.revision, 8);
    assert.deepEqual(back.variants?.map((v) => v.model_uri), ["models:/churn/6", "models:/churn@challenger"]);
    assert.equal(back.canary, undefined);
    const toFirst = await store.rollbackDeployment({ name: "d", revision: 1 });
    assert.deepEqual([toFirst.revision, toFirst.primary, toFirst.canary, toFirst.variants, toFirst.shadow], [9, { model_uri: "models:/churn@champion", version: "6" }, undefined, undefined, undefined]);

    const history = await store.getDeploymentHistory({ name: "d" });
    assert.deepEqual(history.revisions.map((r) => [r.revision, r.action]), [
      [9, "rollback"], [8, "rollback"], [7, "canary"], [6, "ab"], [5, "promote"], [4, "shadow"], [3, "canary"], [2, "canary"], [1, "create"],
    ]);
    assert.deepEqual(history.revisions[0]!.spec, { primary: { model_uri: "models:/churn@champion" } });
    assert.deepEqual(history.revisions[1]!.spec, history.revisions[3]!.spec);
    const stamps = history.revisions.map((r) => r.creation_timestamp);
    assert.deepEqual(stamps, [...stamps].sort((a, b) => b - a));
    assert.equal((await store.getDeployment("d")).last_updated_timestamp, stamps[0]);

    const page1 = await store.getDeploymentHistory({ name: "d", max_results: 4 });
    // A revision written between pages must not shift the next page.
    await store.setDeploymentShadow({ name: "d", model_uri: "models:/churn/5", percent: 2 });
    const page2 = await store.getDeploymentHistory({ name: "d", max_results: 4, page_token: page1.next_page_token });
    const page3 = await store.getDeploymentHistory({ name: "d", max_results: 4, page_token: page2.next_page_token });
    assert.deepEqual([...page1.revisions, ...page2.revisions, ...page3.revisions].map((r) => r.revision), [9, 8, 7, 6, 5, 4, 3, 2, 1]);
    assert.equal(page3.next_page_token, undefined);
  });

  it("rejects bad actions wholesale: no revision, no change", async () => {
    const store = await dialect.open();
    await registerModel(store, "churn", 3, { champion: 1 });
    await registerModel(store, "fraud", 1);
    await store.createDeployment({ name: "d", model_uri: "models:/churn@champion" });
    const before = await store.getDeployment("d");
    const v = (uri: string, weight: number) => ({ model_uri: uri, weight });
    const attempts: [() => Promise<unknown>, string, RegExp][] = [
      [() => store.setDeploymentCanary({ name: "d", model_uri: "models:/churn/2", percent: 0 }), "INVALID_PARAMETER_VALUE", /percent of 0 is not allowed/],
      [() => store.setDeploymentCanary({ name: "d", model_uri: "models:/churn/2", percent: 101 }), "INVALID_PARAMETER_VALUE", /at most 100/],
      [() => store.setDeploymentCanary({ name: "d", model_uri: "models:/fraud/1", percent: 5 }), "INVALID_PARAMETER_VALUE", /serves model 'churn'/],
      [() => store.setDeploymentCanary({ name: "d", model_uri: "models:/churn/Staging", percent: 5 }), "INVALID_PARAMETER_VALUE", /stage/],
      [() => store.setDeploymentCanary({ name: "d", model_uri: "models:/churn/9", percent: 5 }), "RESOURCE_DOES_NOT_EXIST", /no version 9/],
      [() => store.setDeploymentCanary({ name: "d", model_uri: "models:/churn@nope", percent: 5 }), "RESOURCE_DOES_NOT_EXIST", /no alias 'nope'/],
      [() => store.setDeploymentCanary({ name: "nope", model_uri: "models:/churn/2", percent: 5 }), "RESOURCE_DOES_NOT_EXIST", /Deployment 'nope' does not exist/],
      [() => store.setDeploymentAb({ name: "d", variants: [v("models:/churn/2", 60), v("models:/churn/3", 60)] }), "INVALID_PARAMETER_VALUE", /sum to 120/],
      [() => store.setDeploymentAb({ name: "d", variants: [v("models:/churn/2", 50), v("models:/churn/2", 50)] }), "INVALID_PARAMETER_VALUE", /different model URI/],
      [() => store.setDeploymentAb({ name: "d", variants: [v("models:/churn/2", 50), v("models:/churn/9", 50)] }), "RESOURCE_DOES_NOT_EXIST", /no version 9/],
      [() => store.setDeploymentAb({ name: "d", variants: [v("models:/churn/2", 100)] }), "INVALID_PARAMETER_VALUE", /at least two variants/],
      [() => store.setDeploymentShadow({ name: "d", model_uri: "models:/churn/2", percent: -1 }), "INVALID_PARAMETER_VALUE", /above 0/],
      [() => store.promoteDeployment({ name: "d" }), "INVALID_PARAMETER_VALUE", /nothing|no canary, A\/B variants or shadow to promote/],
      [() => store.rollbackDeployment({ name: "d" }), "INVALID_PARAMETER_VALUE", /nothing to roll back to/],
      [() => store.rollbackDeployment({ name: "d", revision: 4 }), "RESOURCE_DOES_NOT_EXIST", /no revision 4/],
    ];
    for (const [attempt, code, message] of attempts) await expectCode(attempt(), code as never, message);
    assert.deepEqual(await store.getDeployment("d"), before);
    assert.equal((await store.getDeploymentHistory({ name: "d" })).revisions.length, 1);

    // Rollback to a spec naming a version deleted since is refused, naming it.
    await store.setDeploymentCanary({ name: "d", model_uri: "models:/churn/3", percent: 5 });
    await store.promoteDeployment({ name: "d" });
    await store.deleteRegisteredModelAlias("churn", "champion");
    await expectCode(store.rollbackDeployment({ name: "d", revision: 1 }), "RESOURCE_DOES_NOT_EXIST", /no alias 'champion'/);
    await expectCode(store.setDeploymentAb({ name: "d", variants: [v("models:/churn/2", 50), v("models:/churn/3", 50)] }).then(() => store.promoteDeployment({ name: "d" })), "INVALID_PARAMETER_VALUE", /name the variant/);
    const afterAb = await store.getDeployment("d");
    await expectCode(store.promoteDeployment({ name: "d", model_uri: "models:/churn/1" }), "INVALID_PARAMETER_VALUE", /not a variant/);
    assert.deepEqual(await store.getDeployment("d"), afterAb);
    assert.equal((await store.promoteDeployment({ name: "d", model_uri: "models:/churn/2" })).primary.version, "2");
  });

  it("concurrent actions on one deployment take revision numbers in turn", async () => {
    const store = await dialect.open();
    await registerModel(store, "churn", 2);
    await store.createDeployment({ name: "d", model_uri: "models:/churn/1" });
    const writes = Array.from({ length: 12 }, (_, i) => store.setDeploymentCanary({ name: "d", model_uri: "models:/churn/2", percent: i + 1 }));
    const results = await Promise.all(writes);
    assert.deepEqual(results.map((r) => r.revision).sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => i + 2));
    const history = await store.getDeploymentHistory({ name: "d" });
    assert.deepEqual(history.revisions.map((r) => r.revision), Array.from({ length: 13 }, (_, i) => 13 - i));
  });
});
