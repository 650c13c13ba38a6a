import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PermissionLevel } from "@cairn/core";
import { basic, startAuthTestServer, type As, type AuthTestServer } from "./auth-harness.js";

const MLFLOW = "/api/2.0/mlflow";
const CAIRN = "/api/2.0/cairn";

describe("approvals and model cards with authentication (default permission NO_PERMISSIONS)", () => {
  let s: AuthTestServer;
  const root = basic({ username: "root", password: "root-password" });
  const as: Record<string, As> = {};
  let hookId = "";
  before(async () => {
    s = await startAuthTestServer({ defaultPermission: "NO_PERMISSIONS" });
    const grants: [string, PermissionLevel | undefined][] = [["alice", "EDIT"], ["bob", "MANAGE"], ["erin", "MANAGE"], ["carol", "READ"], ["dave", undefined]];
    for (const [name] of grants) as[name] = basic(await s.user(name));
    for (const model of ["churn", "fraud"]) {
      assert.equal((await s.call("POST", `${MLFLOW}/registered-models/create`, { as: root, body: { name: model } })).status, 200);
      for (let i = 1; i <= 2; i++) await s.call("POST", `${MLFLOW}/model-versions/create`, { as: root, body: { name: model, source: `s3://b/${model}/${i}` } });
    }
    for (const [name, level] of grants) {
      if (level) await s.store.setPermission({ resource_type: "registered_model", resource_id: "churn", principal_type: "user", principal: name, level, granted_by: "root" });
    }
    const events = ["CREATED", "APPROVED"].map((action) => ({ entity: "APPROVAL_REQUEST", action }));
    const hook = await s.call("POST", `${MLFLOW}/webhooks`, { as: root, body: { name: "h", url: "http://127.0.0.1:9/h", events: [...events, { entity: "MODEL_VERSION_ALIAS", action: "CREATED" }] } });
    hookId = hook.json.webhook.webhook_id;
  });
  after(() => s.close());

  it("only MANAGE sets a policy; then nobody, administrators included, moves a protected alias directly", async () => {
    const refused = await s.call("POST", `${CAIRN}/approval-policies/set`, { as: as.alice, body: { name: "churn", aliases: ["champion"], stages: ["Production"] } });
    assert.equal(refused.status, 403);
    assert.match(refused.json.message, /You need MANAGE on registered model 'churn'/);
    const set = await s.call("POST", `${CAIRN}/approval-policies/set`, { as: as.bob, body: { name: "churn", aliases: ["champion"], stages: ["Production"] } });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual([set.json.policy.updated_by, set.json.policy.four_eyes], ["bob", true]);
    assert.equal((await s.call("GET", `${CAIRN}/approval-policies/get?name=churn`, { as: as.carol })).json.policy.updated_by, "bob");
    for (const who of [root, as.bob]) {
      const direct = await s.call("POST", `${MLFLOW}/registered-models/alias`, { as: who, body: { name: "churn", alias: "champion", version: "1" } });
      assert.equal(direct.status, 403);
      assert.match(direct.json.message, /cairn models request models:\/churn\/1 --alias champion/);
    }
  });

  it("four eyes: the requester may not approve (not even an administrator); another manager's approval moves the alias, audited and with its events", async () => {
    const requested = await s.call("POST", `${CAIRN}/approvals/request`, { as: as.alice, body: { name: "churn", version: "2", alias: "champion" } });
    assert.equal(requested.status, 200, requested.text);
    const id = requested.json.request.request_id;
    assert.equal(requested.json.request.requested_by, "alice");

    const byRequesterLevel = await s.call("POST", `${CAIRN}/approvals/approve`, { as: as.alice, body: { request_id: id } });
    assert.equal(byRequesterLevel.status, 403);
    assert.match(byRequesterLevel.json.message, /You need MANAGE on registered model 'churn'.* you have EDIT/);
    const byReader = await s.call("POST", `${CAIRN}/approvals/reject`, { as: as.carol, body: { request_id: id, comment: "no" } });
    assert.equal(byReader.status, 403);

    const own = await s.call("POST", `${CAIRN}/approvals/request`, { as: as.bob, body: { name: "churn", version: "1", stage: "Production" } });
    const selfApproval = await s.call("POST", `${CAIRN}/approvals/approve`, { as: as.bob, body: { request_id: own.json.request.request_id } });
    assert.equal(selfApproval.status, 403);
    assert.match(selfApproval.json.message, /four eyes: bob made request .* may not approve it/);
    const adminOwn = await s.call("POST", `${CAIRN}/approvals/request`, { as: root, body: { name: "churn", version: "1", alias: "champion" } });
    const adminSelf = await s.call("POST", `${CAIRN}/approvals/approve`, { as: root, body: { request_id: adminOwn.json.request.request_id } });
    assert.equal(adminSelf.status, 403, "administrators bypass permissions, not policies");
    assert.equal((await s.call("GET", `${MLFLOW}/model-versions/get?name=churn&version=1`, { as: root })).json.model_version.current_stage, "None");

    const approved = await s.call("POST", `${CAIRN}/approvals/approve`, { as: as.erin, body: { request_id: id, comment: "checked" }, headers: { "x-request-id": "approve-1" } });
    assert.equal(approved.status, 200, approved.text);
    assert.deepEqual([approved.json.request.status, approved.json.request.decided_by], ["APPROVED", "erin"]);
    assert.deepEqual((await s.call("GET", `${MLFLOW}/registered-models/get?name=churn`, { as: root })).json.registered_model.aliases, [{ alias: "champion", version: "2" }]);

    const audit = await s.call("GET", `${CAIRN}/audit/list?resource=${encodeURIComponent("models:/churn/2")}`, { as: root });
    assert.equal(audit.status, 200, audit.text);
    const entry = audit.json.entries.find((e: any) => e.request_id === "approve-1");
    assert.ok(entry, JSON.stringify(audit.json.entries));
    assert.deepEqual([entry.actor, entry.action, entry.resource], ["erin", "POST /api/2.0/cairn/approvals/approve", "models:/churn/2"]);
    assert.deepEqual([entry.summary.request_id, entry.summary.alias, entry.summary.decision], [id, "champion", "APPROVED"]);

    const deliveries = (await s.call("GET", `${CAIRN}/webhooks/${hookId}/deliveries?max_results=100`, { as: root })).json.deliveries.map((d: any) => `${d.event.entity}.${d.event.action}`);
    assert.ok(deliveries.includes("APPROVAL_REQUEST.APPROVED") && deliveries.includes("MODEL_VERSION_ALIAS.CREATED"), deliveries.join(","));
  });

  it("cancel: the requester, or MANAGE; nobody else", async () => {
    const r = (await s.call("POST", `${CAIRN}/approvals/request`, { as: as.alice, body: { name: "churn", version: "2", stage: "Production", comment: "promote" } })).json.request;
    assert.equal((await s.call("POST", `${CAIRN}/approvals/cancel`, { as: as.carol, body: { request_id: r.request_id } })).status, 403);
    const own = await s.call("POST", `${CAIRN}/approvals/cancel`, { as: as.alice, body: { request_id: r.request_id } });
    assert.deepEqual([own.status, own.json.request.status, own.json.request.decided_by], [200, "CANCELLED", "alice"]);
    const other = (await s.call("POST", `${CAIRN}/approvals/request`, { as: as.alice, body: { name: "churn", version: "2", stage: "Archived" } })).json.request;
    assert.equal((await s.call("POST", `${CAIRN}/approvals/cancel`, { as: as.erin, body: { request_id: other.request_id } })).status, 200);
  });

  it("a caller without READ learns nothing: the same refusal for a request on an unreadable model and for none at all", async () => {
    const fraud = (await s.call("POST", `${CAIRN}/approvals/request`, { as: root, body: { name: "fraud", version: "1", stage: "Staging" } })).json.request;
    const hidden = await s.call("GET", `${CAIRN}/approvals/get?request_id=${fraud.request_id}`, { as: as.carol });
    const missing = await s.call("GET", `${CAIRN}/approvals/get?request_id=nope`, { as: as.carol });
    assert.deepEqual([hidden.status, missing.status], [403, 403]);
    assert.equal(hidden.json.message.replace(fraud.request_id, "X"), missing.json.message.replace("nope", "X"));
    assert.doesNotMatch(hidden.json.message, /fraud/);
    assert.equal((await s.call("POST", `${CAIRN}/approvals/approve`, { as: as.bob, body: { request_id: fraud.request_id } })).status, 403);
    assert.equal((await s.call("GET", `${CAIRN}/approvals/get?request_id=nope`, { as: root })).status, 404, "administrators are told it does not exist");

    // The inbox lists only readable models' requests; a named unreadable model is refused.
    const carolInbox = (await s.call("GET", `${CAIRN}/approvals/list`, { as: as.carol })).json.requests;
    assert.ok(carolInbox.length > 0 && carolInbox.every((r: any) => r.name === "churn"));
    assert.deepEqual((await s.call("GET", `${CAIRN}/approvals/list`, { as: as.dave })).json.requests, []);
    assert.equal((await s.call("GET", `${CAIRN}/approvals/list?name=fraud`, { as: as.carol })).status, 403);
    assert.ok((await s.call("GET", `${CAIRN}/approvals/list`, { as: root })).json.requests.some((r: any) => r.name === "fraud"));
    assert.equal((await s.call("GET", `${CAIRN}/approvals/list`)).status, 401);
  });

  it("model cards: READ to see, EDIT to write (recorded as the editor)", async () => {
    assert.equal((await s.call("GET", `${CAIRN}/model-cards/get?name=churn&version=2`, { as: as.dave })).status, 403);
    assert.equal((await s.call("GET", `${CAIRN}/model-cards/html?name=churn&version=2`, { as: as.dave })).status, 403);
    const card = await s.call("GET", `${CAIRN}/model-cards/get?name=churn&version=2`, { as: as.carol });
    assert.equal(card.status, 200, card.text);
    assert.deepEqual(card.json.card.approvals.map((r: any) => [r.target, r.status, r.decided_by]).sort(), [["Archived", "CANCELLED", "erin"], ["Production", "CANCELLED", "alice"], ["champion", "APPROVED", "erin"]], "the harness clock stands still, so the order is by id");
    assert.equal((await s.call("POST", `${CAIRN}/model-cards/update`, { as: as.carol, body: { name: "churn", version: "2", intended_use: "x" } })).status, 403);
    const updated = await s.call("POST", `${CAIRN}/model-cards/update`, { as: as.alice, body: { name: "churn", version: "2", intended_use: "Retention offers" } });
    assert.deepEqual([updated.status, updated.json.card.fields.updated_by], [200, "alice"]);
    const page = await s.call("GET", `${CAIRN}/model-cards/html?name=churn&version=2`, { as: as.carol });
    assert.equal(page.status, 200);
    assert.match(page.text, /Retention offers/);
  });
});
