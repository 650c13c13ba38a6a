import { it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText, type CairnStore, type GrantRef, type PermissionLevel } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";
import { createMonitor } from "./monitors-fixtures.js";

/** Grants a level with the usual bookkeeping fields. */
function grant(store: CairnStore, ref: GrantRef, level: PermissionLevel) {
  return store.setPermission({ ...ref, level, granted_by: "admin" });
}

/** The grants on one resource as "principal_type:principal=LEVEL" strings. */
async function grantsOn(store: CairnStore, resource_type: GrantRef["resource_type"], resource_id: string): Promise<string[]> {
  return (await store.listPermissions({ resource_type, resource_id })).map((p) => `${p.principal_type}:${p.principal}=${p.level}`);
}

describeEachDialect("auth store: permissions", (dialect) => {
  it("upserts, lists and deletes grants by principal name", async () => {
    let now = 100;
    const store = await dialect.open({ clock: () => now });
    await store.createUser({ username: "ana", password_hash: "h" });
    await store.createUser({ username: "bob", password_hash: "h" });
    await store.createGroup({ name: "team" });
    const anaChurn = { resource_type: "registered_model", resource_id: "churn", principal_type: "user", principal: "ana" } as const;
    assert.deepEqual(await grant(store, anaChurn, "READ"), { ...anaChurn, level: "READ", granted_by: "admin", creation_timestamp: 100 });
    now = 200;
    // Setting again changes the level (and granter) in place: still one grant.
    const changed = await store.setPermission({ ...anaChurn, level: "EDIT", granted_by: "root" });
    assert.deepEqual(changed, { ...anaChurn, level: "EDIT", granted_by: "root", creation_timestamp: 200 });
    await grant(store, { ...anaChurn, principal_type: "group", principal: "team" }, "MANAGE");
    await grant(store, { ...anaChurn, principal: "bob" }, "NO_PERMISSIONS");
    await grant(store, { ...anaChurn, resource_id: "Alpha" }, "USE");
    await grant(store, { resource_type: "experiment", resource_id: "0", principal_type: "user", principal: "ana" }, "READ");
    await grant(store, { resource_type: "monitor", resource_id: "churn", principal_type: "user", principal: "bob" }, "READ");

    // Sorted by resource (type, then id in code-point order), then users before groups, by name.
    assert.deepEqual(await store.listPermissions({ resource_type: "registered_model", resource_id: "churn" }), [
      { ...anaChurn, level: "EDIT", granted_by: "root", creation_timestamp: 200 },
      { ...anaChurn, principal: "bob", level: "NO_PERMISSIONS", granted_by: "admin", creation_timestamp: 200 },
      { ...anaChurn, principal_type: "group", principal: "team", level: "MANAGE", granted_by: "admin", creation_timestamp: 200 },
    ]);
    const anas = (await store.listPermissions({ principal_type: "user", principal: "ana" })).map((p) => `${p.resource_type}/${p.resource_id}=${p.level}`);
    assert.deepEqual(anas, ["experiment/0=READ", "registered_model/Alpha=USE", "registered_model/churn=EDIT"]);
    assert.deepEqual((await store.listPermissions({ resource_type: "registered_model" })).map((p) => `${p.resource_id}:${p.principal}`), [
      "Alpha:ana",
      "churn:ana",
      "churn:bob",
      "churn:team",
    ]);
    assert.deepEqual((await store.listPermissions({ principal_type: "group", principal: "team" })).map((p) => p.resource_id), ["churn"]);
    assert.equal((await store.listPermissions({})).length, 6);
    assert.deepEqual(await store.listPermissions({ resource_type: "deployment", resource_id: "churn" }), []);

    await store.deletePermission({ ...anaChurn, principal: "bob" });
    assert.deepEqual(await grantsOn(store, "registered_model", "churn"), ["user:ana=EDIT", "group:team=MANAGE"]);
    await expectCode(store.deletePermission({ ...anaChurn, principal: "bob" }), "RESOURCE_DOES_NOT_EXIST", /User 'bob' has no grant on registered_model 'churn'/);
    await expectCode(store.deletePermission({ ...anaChurn, resource_type: "deployment" }), "RESOURCE_DOES_NOT_EXIST", /no grant on deployment 'churn'/);
  });

  it("refuses unknown principals and bad grants, and writes nothing", async () => {
    const store = await dialect.open();
    await store.createUser({ username: "ana", password_hash: "h" });
    const ref = { resource_type: "deployment", resource_id: "prod", principal_type: "user", principal: "ana" } as const;
    await expectCode(grant(store, { ...ref, principal: "ghost" }, "READ"), "RESOURCE_DOES_NOT_EXIST", /User 'ghost' does not exist/);
    await expectCode(grant(store, { ...ref, principal_type: "group", principal: "ghosts" }, "READ"), "RESOURCE_DOES_NOT_EXIST", /Group 'ghosts' does not exist/);
    await expectCode(grant(store, { ...ref, principal: "a b" }, "READ"), "INVALID_PARAMETER_VALUE", /Invalid username/);
    await expectCode(grant(store, ref, "ADMIN" as never), "INVALID_PARAMETER_VALUE", /Invalid permission level 'ADMIN': use one of NO_PERMISSIONS, READ, USE, EDIT, MANAGE/);
    await expectCode(grant(store, { ...ref, resource_type: "run" as never }, "READ"), "INVALID_PARAMETER_VALUE", /Invalid resource_type 'run': use one of experiment, registered_model, deployment, monitor/);
    await expectCode(grant(store, { ...ref, principal_type: "role" as never }, "READ"), "INVALID_PARAMETER_VALUE", /Invalid principal_type 'role'/);
    await expectCode(grant(store, { ...ref, resource_id: "" }, "READ"), "INVALID_PARAMETER_VALUE", /resource_id: give the deployment name/);
    await expectCode(grant(store, { ...ref, resource_type: "experiment", resource_id: "abc" }, "READ"), "INVALID_PARAMETER_VALUE", /Invalid experiment id 'abc'/);
    await expectCode(store.deletePermission({ ...ref, principal: "ghost" }), "RESOURCE_DOES_NOT_EXIST", /User 'ghost' does not exist/);
    await expectCode(store.listPermissions({ principal_type: "user", principal: "ghost" }), "RESOURCE_DOES_NOT_EXIST", /User 'ghost' does not exist/);
    await expectCode(store.listPermissions({ principal: "ana" }), "INVALID_PARAMETER_VALUE", /principal_type/);
    await expectCode(store.listPermissions({ resource_id: "prod" }), "INVALID_PARAMETER_VALUE", /resource_type together with resource_id/);
    await expectCode(store.listPermissions({ resource_type: "model" as never }), "INVALID_PARAMETER_VALUE", /Invalid resource_type 'model'/);
    assert.deepEqual(await store.listPermissions({}), []);
  });

  it("computes granted levels over the user's grants and the user's groups' grants, in one answer", async () => {
    const store = await dialect.open();
    const ana = await store.createUser({ username: "ana", password_hash: "h" });
    const bob = await store.createUser({ username: "bob", password_hash: "h" });
    await store.createGroup({ name: "readers" });
    await store.createGroup({ name: "editors" });
    await store.addGroupMember("readers", "ana");
    await store.addGroupMember("editors", "ana");
    const on = (resource_id: string, principal_type: "user" | "group", principal: string) =>
      ({ resource_type: "registered_model", resource_id, principal_type, principal }) as const;
    await grant(store, on("a", "user", "ana"), "MANAGE"); // user above group
    await grant(store, on("a", "group", "readers"), "READ");
    await grant(store, on("b", "user", "ana"), "READ"); // group above user
    await grant(store, on("b", "group", "editors"), "EDIT");
    await grant(store, on("c", "group", "readers"), "USE"); // group only
    await grant(store, on("d", "user", "ana"), "NO_PERMISSIONS");
    await grant(store, on("e", "user", "bob"), "MANAGE"); // someone else's
    await grant(store, { ...on("a", "user", "ana"), resource_type: "deployment" }, "READ"); // another kind

    const levels = await store.grantedLevels(ana.user_id, "registered_model", ["a", "b", "c", "d", "e", "missing", "a"]);
    assert.deepEqual(Object.fromEntries(levels), { a: "MANAGE", b: "EDIT", c: "USE", d: "NO_PERMISSIONS" });
    assert.deepEqual(Object.fromEntries(await store.grantedLevels(ana.user_id, "deployment", ["a", "b"])), { a: "READ" });
    assert.deepEqual(Object.fromEntries(await store.grantedLevels(bob.user_id, "registered_model", ["a", "e"])), { e: "MANAGE" });
    assert.equal((await store.grantedLevels(ana.user_id, "registered_model", [])).size, 0);
    assert.equal((await store.grantedLevels("no-such-user", "registered_model", ["a"])).size, 0);

    // Leaving a group loses what it granted.
    await store.removeGroupMember("editors", "ana");
    assert.deepEqual(Object.fromEntries(await store.grantedLevels(ana.user_id, "registered_model", ["b"])), { b: "READ" });
    await store.deleteGroup("readers");
    assert.deepEqual(Object.fromEntries(await store.grantedLevels(ana.user_id, "registered_model", ["a", "c"])), { a: "MANAGE" });
  });

  it("finds the experiment of a run or logged model", async () => {
    const store = await dialect.open();
    const exp = await store.createExperiment({ name: "e" });
    const runId = parseJsonText(await store.createRun({ experiment_id: exp, user_id: "", start_time: 1 })).info.run_id;
    const model = await store.createLoggedModel({ experiment_id: exp });
    assert.equal(await store.experimentOf("run", runId), exp);
    assert.equal(await store.experimentOf("logged_model", model.info.model_id), exp);
    assert.equal(typeof (await store.experimentOf("run", runId)), "string");
    assert.equal(await store.experimentOf("run", "nope"), undefined);
    assert.equal(await store.experimentOf("logged_model", runId), undefined);
    assert.equal(await store.experimentOf("run", model.info.model_id), undefined);
  });

  it("renames and deletes grants with their registered model, deployment, monitor and group", async () => {
    const store = await dialect.open();
    await store.createUser({ username: "ana", password_hash: "h" });
    await store.createGroup({ name: "team" });
    await store.addGroupMember("team", "ana");
    const user = { principal_type: "user", principal: "ana" } as const;
    const team = { principal_type: "group", principal: "team" } as const;
    await store.createRegisteredModel({ name: "churn" });
    await store.createModelVersion({ name: "churn", source: "s3://m/churn/1" });
    await store.createRegisteredModel({ name: "fraud" });
    await grant(store, { resource_type: "registered_model", resource_id: "churn", ...user }, "EDIT");
    await grant(store, { resource_type: "registered_model", resource_id: "churn", ...team }, "READ");
    await grant(store, { resource_type: "registered_model", resource_id: "fraud", ...user }, "READ");
    // Same names on other kinds must not move.
    await grant(store, { resource_type: "deployment", resource_id: "churn", ...user }, "USE");
    // A stale grant on the target name (no such model) must not reach the renamed model.
    await grant(store, { resource_type: "registered_model", resource_id: "churn-v2", ...team }, "MANAGE");

    await store.renameRegisteredModel("churn", "churn-v2");
    assert.deepEqual(await grantsOn(store, "registered_model", "churn"), []);
    assert.deepEqual(await grantsOn(store, "registered_model", "churn-v2"), ["user:ana=EDIT", "group:team=READ"]);
    assert.deepEqual(await grantsOn(store, "deployment", "churn"), ["user:ana=USE"]);
    // A failed rename moves nothing.
    await expectCode(store.renameRegisteredModel("churn-v2", "fraud"), "RESOURCE_ALREADY_EXISTS");
    assert.deepEqual(await grantsOn(store, "registered_model", "churn-v2"), ["user:ana=EDIT", "group:team=READ"]);
    assert.deepEqual(await grantsOn(store, "registered_model", "fraud"), ["user:ana=READ"]);

    await store.deleteRegisteredModel("churn-v2");
    assert.deepEqual(await grantsOn(store, "registered_model", "churn-v2"), []);
    assert.deepEqual(await grantsOn(store, "registered_model", "fraud"), ["user:ana=READ"]);
    // A new model of the old name starts with no grants.
    await store.createRegisteredModel({ name: "churn-v2" });
    assert.deepEqual(await grantsOn(store, "registered_model", "churn-v2"), []);

    await store.createModelVersion({ name: "fraud", source: "s3://m/fraud/1" });
    await store.createDeployment({ name: "fraud-prod", model_uri: "models:/fraud/1" });
    await grant(store, { resource_type: "deployment", resource_id: "fraud-prod", ...user }, "MANAGE");
    await grant(store, { resource_type: "monitor", resource_id: "fraud-prod", ...user }, "MANAGE");
    await store.deleteDeployment("fraud-prod");
    assert.deepEqual(await grantsOn(store, "deployment", "fraud-prod"), []);
    assert.deepEqual(await grantsOn(store, "monitor", "fraud-prod"), ["user:ana=MANAGE"]);
    await expectCode(store.deleteDeployment("fraud-prod"), "RESOURCE_DOES_NOT_EXIST");

    await createMonitor(store, "fraud-prod", { model_name: "fraud" });
    await grant(store, { resource_type: "monitor", resource_id: "fraud-prod", ...team }, "READ");
    await store.deleteMonitor("fraud-prod");
    assert.deepEqual(await grantsOn(store, "monitor", "fraud-prod"), []);

    await grant(store, { resource_type: "registered_model", resource_id: "fraud", ...team }, "EDIT");
    await store.deleteGroup("team");
    assert.deepEqual(await grantsOn(store, "registered_model", "fraud"), ["user:ana=READ"]);
    assert.deepEqual(await grantsOn(store, "deployment", "churn"), ["user:ana=USE"]);
    // A new group of the old name inherits nothing.
    await store.createGroup({ name: "team" });
    assert.deepEqual(await store.listPermissions({ principal_type: "group", principal: "team" }), []);
  });
});
