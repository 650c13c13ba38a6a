import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { CairnStore } from "@cairn/core";
import { openStore } from "@cairn/store";
import { createServer } from "@cairn/server";
import { hashPassword } from "../src/auth/password-hash.js";

const P = "/api/2.0/cairn/retirement-policies";

describe("retirement policies and gc with authentication on", () => {
  let dir: string;
  let store: CairnStore;
  let app: FastifyInstance;
  const call = async (user: string | undefined, method: "GET" | "POST", url: string, body?: unknown) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (user) headers.authorization = `Basic ${Buffer.from(`${user}:${user}-password-1`).toString("base64")}`;
    const response = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    return { status: response.statusCode, json: response.json() as any };
  };
  const policy = (name: string, model_name?: string) => ({ name, ...(model_name ? { model_name } : {}), rule: "keep_last", keep: 3, action: "archive" });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-retire-auth-"));
    store = await openStore(`sqlite:///${join(dir, "cairn.db")}`);
    for (const [username, is_admin] of [["root", true], ["alice", false], ["bob", false]] as const) {
      await store.createUser({ username, password_hash: await hashPassword(`${username}-password-1`), is_admin });
    }
    await store.createRegisteredModel({ name: "churn" });
    await store.setPermission({ resource_type: "registered_model", resource_id: "churn", principal_type: "user", principal: "alice", level: "MANAGE", granted_by: "root" });
    app = await createServer({ store, auth: {}, uiDir: false });
  });
  after(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("needs MANAGE on the policy's model, and an administrator for a policy over every model", async () => {
    assert.equal((await call(undefined, "POST", `${P}/create`, policy("p", "churn"))).status, 401);
    const bobs = await call("bob", "POST", `${P}/create`, policy("p", "churn"));
    assert.equal(bobs.status, 403, JSON.stringify(bobs.json));
    const alices = await call("alice", "POST", `${P}/create`, policy("churn-keep-3", "churn"));
    assert.equal(alices.status, 200, JSON.stringify(alices.json));
    assert.equal(alices.json.policy.created_by, "alice");

    const global = await call("alice", "POST", `${P}/create`, policy("everything"));
    assert.equal(global.status, 403);
    assert.match(global.json.message, /Only administrators .* over every registered model/);
    assert.equal((await call("root", "POST", `${P}/create`, policy("everything"))).status, 200);

    // Anyone signed in may list; running and deleting need the same rights as creating.
    assert.deepEqual((await call("bob", "GET", `${P}/list`)).json.policies.map((p: any) => p.name), ["churn-keep-3", "everything"]);
    assert.equal((await call("bob", "POST", `${P}/run`, { name: "churn-keep-3" })).status, 403);
    assert.equal((await call("alice", "POST", `${P}/run`, { name: "churn-keep-3" })).status, 200);
    assert.equal((await call("alice", "POST", `${P}/run`, { name: "everything" })).status, 403);
    assert.equal((await call("alice", "POST", `${P}/delete`, { name: "everything" })).status, 403);
    assert.equal((await call("bob", "POST", `${P}/delete`, { name: "churn-keep-3" })).status, 403);
    assert.equal((await call("alice", "POST", `${P}/delete`, { name: "churn-keep-3" })).status, 200);
    assert.deepEqual((await store.listRetirementPolicies()).map((p) => p.name), ["everything"]);
  });

  it("gc is for administrators only", async () => {
    assert.equal((await call("alice", "POST", "/api/2.0/cairn/gc", {})).status, 403);
    const root = await call("root", "POST", "/api/2.0/cairn/gc", {});
    assert.equal(root.status, 200, JSON.stringify(root.json));
    assert.deepEqual(root.json, { dry_run: true, runs: [], skipped: [], bytes_freed: 0 });
  });
});
