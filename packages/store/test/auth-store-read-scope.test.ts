import { it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText, type CairnStore, type GovernedResource, type PermissionLevel, type ReadScope } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { createMonitor } from "./monitors-fixtures.js";

/**
 * Two users: ana (member of "team") and bob. Returns ana's scope and a function granting a level
 * on a resource to ana, to her group, or to bob.
 */
async function principals(store: CairnStore) {
  const ana = await store.createUser({ username: "ana", password_hash: "h" });
  const bob = await store.createUser({ username: "bob", password_hash: "h" });
  await store.createGroup({ name: "team" });
  await store.addGroupMember("team", "ana");
  const grant = (resource_type: GovernedResource, resource_id: string, to: "ana" | "team" | "bob", level: PermissionLevel = "READ") =>
    store.setPermission({ resource_type, resource_id, principal_type: to === "team" ? "group" : "user", principal: to, level, granted_by: "admin" });
  return { ana: { user_id: ana.user_id } as ReadScope, bob: { user_id: bob.user_id } as ReadScope, grant };
}

/** Follows next_page_token to the end, returning the pages' item names. */
async function pages(fetch: (token?: string) => Promise<{ names: string[]; next?: string }>): Promise<string[][]> {
  const out: string[][] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(page.names);
    token = page.next;
  } while (token && out.length < 20);
  return out;
}

describeEachDialect("auth store: read scopes in searches", (dialect) => {
  it("scopes experiment searches by integer id, with correct pages", async () => {
    const store = await dialect.open();
    const { ana, bob, grant } = await principals(store);
    const ids: Record<string, string> = {};
    for (let i = 1; i <= 12; i++) ids[`e${i}`] = await store.createExperiment({ name: `e${String(i).padStart(2, "0")}` });
    await grant("experiment", ids.e1!, "ana");
    await grant("experiment", ids.e2!, "team", "EDIT");
    await grant("experiment", ids.e3!, "ana", "NO_PERMISSIONS"); // rank 0 reads nothing
    await grant("experiment", ids.e10!, "ana", "MANAGE");
    await grant("experiment", ids.e11!, "team");
    await grant("experiment", ids.e12!, "bob");
    await grant("deployment", ids.e4!, "ana"); // another kind with the same id
    const search = async (scope: ReadScope | undefined, max: number, token?: string, filter?: string) => {
      const page = await store.searchExperiments({ view_type: "ACTIVE_ONLY", max_results: max, order_by: ["name"], page_token: token, filter, readable_by: scope });
      return { names: page.items.map((e) => e.name), next: page.next_page_token };
    };
    assert.deepEqual((await search(ana, 100)).names, ["e01", "e02", "e10", "e11"]);
    assert.deepEqual(await pages((t) => search(ana, 3, t)), [["e01", "e02", "e10"], ["e11"]]);
    assert.deepEqual(await pages((t) => search(ana, 2, t)), [["e01", "e02"], ["e10", "e11"]]);
    assert.deepEqual((await search(ana, 100, undefined, "name LIKE 'e1%'")).names, ["e10", "e11"]);
    assert.deepEqual((await search(bob, 100)).names, ["e12"]);
    // Without a scope nothing is filtered: the default experiment and all twelve.
    assert.equal((await search(undefined, 100)).names.length, 13);
    assert.deepEqual((await search({ user_id: "nobody" }, 100)).names, []);
  });

  it("scopes registered-model and model-version searches by model name, with correct pages", async () => {
    const store = await dialect.open();
    const { ana, grant } = await principals(store);
    for (const name of ["alpha", "beta", "gamma", "delta", "Omega"]) {
      await store.createRegisteredModel({ name });
      for (let v = 1; v <= 3; v++) await store.createModelVersion({ name, source: `s3://m/${name}/${v}` });
    }
    await grant("registered_model", "alpha", "ana");
    await grant("registered_model", "gamma", "team", "USE");
    await grant("registered_model", "Omega", "ana", "MANAGE");
    await grant("registered_model", "beta", "bob");
    await grant("registered_model", "delta", "ana", "NO_PERMISSIONS");
    await grant("deployment", "beta", "ana"); // same name, other kind
    const models = async (scope: ReadScope | undefined, max: number, token?: string, filter?: string) => {
      const page = await store.searchRegisteredModels({ max_results: max, page_token: token, filter, readable_by: scope });
      return { names: page.items.map((m) => m.name), next: page.next_page_token };
    };
    assert.deepEqual((await models(ana, 100)).names, ["Omega", "alpha", "gamma"]);
    assert.deepEqual(await pages((t) => models(ana, 2, t)), [["Omega", "alpha"], ["gamma"]]);
    assert.deepEqual((await models(ana, 100, undefined, "name LIKE '%a'")).names, ["Omega", "alpha", "gamma"]);
    assert.deepEqual((await models(ana, 100, undefined, "name = 'beta'")).names, []);
    assert.equal((await models(undefined, 100)).names.length, 5);

    const versions = async (scope: ReadScope | undefined, max: number, token?: string) => {
      const page = await store.searchModelVersions({ max_results: max, page_token: token, order_by: ["name", "version_number"], readable_by: scope });
      const list = page.model_versions ? parseJsonText(page.model_versions) : [];
      return { names: list.map((v) => `${v.name}/${v.version}`), next: page.next_page_token };
    };
    assert.deepEqual(await pages((t) => versions(ana, 4, t)), [
      ["Omega/1", "Omega/2", "Omega/3", "alpha/1"],
      ["alpha/2", "alpha/3", "gamma/1", "gamma/2"],
      ["gamma/3"],
    ]);
    // Exactly one full page: no token pointing at an empty page.
    assert.deepEqual(await pages((t) => versions(ana, 9, t)), [["Omega/1", "Omega/2", "Omega/3", "alpha/1", "alpha/2", "alpha/3", "gamma/1", "gamma/2", "gamma/3"]]);
    assert.deepEqual((await versions({ user_id: "nobody" }, 10)).names, []);
    assert.equal((await versions(undefined, 100)).names.length, 15);
  });

  it("scopes deployment and monitor searches by name, with correct pages", async () => {
    const store = await dialect.open();
    const { ana, bob, grant } = await principals(store);
    await store.createRegisteredModel({ name: "churn" });
    await store.createModelVersion({ name: "churn", source: "s3://m/churn/1" });
    for (const name of ["d1", "d2", "d3", "d4", "d5"]) {
      await store.createDeployment({ name, model_uri: "models:/churn/1" });
      await createMonitor(store, `m-${name}`, { deployment: name });
    }
    await grant("deployment", "d1", "ana");
    await grant("deployment", "d3", "team");
    await grant("deployment", "d5", "ana", "EDIT");
    await grant("deployment", "d2", "bob");
    await grant("monitor", "d2", "ana"); // a monitor grant named like a deployment
    await grant("monitor", "m-d2", "team");
    await grant("monitor", "m-d4", "ana", "MANAGE");
    await grant("monitor", "m-d5", "bob");
    await grant("registered_model", "m-d1", "ana");

    const deployments = async (scope: ReadScope | undefined, max: number, token?: string, filter?: string) => {
      const page = await store.searchDeployments({ max_results: max, page_token: token, filter, readable_by: scope });
      return { names: page.deployments.map((d) => d.name), next: page.next_page_token };
    };
    assert.deepEqual(await pages((t) => deployments(ana, 2, t)), [["d1", "d3"], ["d5"]]);
    assert.deepEqual((await deployments(ana, 100, undefined, "name != 'd1'")).names, ["d3", "d5"]);
    assert.deepEqual((await deployments(bob, 100)).names, ["d2"]);
    assert.equal((await deployments(undefined, 100)).names.length, 5);

    const monitors = async (scope: ReadScope | undefined, max: number, token?: string, deployment?: string) => {
      const page = await store.searchMonitors({ max_results: max, page_token: token, deployment, readable_by: scope });
      return { names: page.monitors.map((m) => m.name), next: page.next_page_token };
    };
    assert.deepEqual(await pages((t) => monitors(ana, 1, t)), [["m-d2"], ["m-d4"]]);
    assert.deepEqual((await monitors(ana, 100, undefined, "d4")).names, ["m-d4"]);
    assert.deepEqual((await monitors(ana, 100, undefined, "d5")).names, []);
    assert.deepEqual((await monitors(bob, 100)).names, ["m-d5"]);
    assert.equal((await monitors(undefined, 100)).names.length, 5);
  });
});
