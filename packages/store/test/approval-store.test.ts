import { it } from "node:test";
import assert from "node:assert/strict";
import type { ApprovalRequest, CairnStore, WebhookEvent } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

const ALL_EVENTS: WebhookEvent[] = [
  { entity: "APPROVAL_REQUEST", action: "CREATED" },
  { entity: "APPROVAL_REQUEST", action: "APPROVED" },
  { entity: "APPROVAL_REQUEST", action: "REJECTED" },
  { entity: "APPROVAL_REQUEST", action: "CANCELLED" },
  { entity: "MODEL_VERSION_ALIAS", action: "CREATED" },
  { entity: "MODEL_VERSION", action: "UPDATED" },
];

/** A store with model m (versions 1..versions) and a webhook subscribed to every approval and move event. */
async function seeded(open: (o?: { clock: () => number }) => Promise<CairnStore>, versions = 2): Promise<{ store: CairnStore; webhookId: string }> {
  let now = 1_000;
  const store = await open({ clock: () => (now += 1000) });
  const hook = await store.createWebhook({ name: "h", url: "https://e.com/h", events: ALL_EVENTS });
  await store.createRegisteredModel({ name: "m" });
  for (let i = 1; i <= versions; i++) await store.createModelVersion({ name: "m", source: `s3://b/${i}` });
  return { store, webhookId: hook.webhook_id };
}

/** The payloads owed to the webhook so far, as {entity, action, data}, in the order they were recorded. */
async function payloads(store: CairnStore): Promise<{ entity: string; action: string; data: any }[]> {
  const claimed = await store.claimWebhookDeliveries({ now: Number.MAX_SAFE_INTEGER, limit: 1000, leaseMs: 1 });
  const parsed = claimed.map((c) => ({ id: c.delivery_id, ...(JSON.parse(c.payload) as { entity: string; action: string; timestamp: string; data: unknown }) }));
  return parsed.sort((a, b) => a.timestamp.localeCompare(b.timestamp)).map(({ entity, action, data }) => ({ entity, action, data }));
}

describeEachDialect("approvals: policies", (dialect) => {
  it("sets, replaces, reads and deletes a policy; stages in canonical spelling, duplicates dropped", async () => {
    const { store } = await seeded(dialect.open);
    assert.equal(await store.getApprovalPolicy("m"), undefined);
    const set = await store.setApprovalPolicy({ name: "m", aliases: ["champion", "champion"], stages: ["production", "Staging"], updated_by: "alice" });
    assert.deepEqual({ ...set, last_updated_timestamp: 0 }, { name: "m", aliases: ["champion"], stages: ["Production", "Staging"], four_eyes: true, updated_by: "alice", last_updated_timestamp: 0 });
    assert.deepEqual(await store.getApprovalPolicy("m"), set);
    const replaced = await store.setApprovalPolicy({ name: "m", aliases: [], stages: ["Archived"], four_eyes: false, updated_by: "bob" });
    assert.deepEqual([replaced.aliases, replaced.stages, replaced.four_eyes, replaced.updated_by], [[], ["Archived"], false, "bob"]);
    assert.deepEqual(await store.getApprovalPolicy("m"), replaced);
    await store.deleteApprovalPolicy("m");
    assert.equal(await store.getApprovalPolicy("m"), undefined);
    await expectCode(store.deleteApprovalPolicy("m"), "RESOURCE_DOES_NOT_EXIST", /has no approval policy/);
  });

  it("refuses bad policies and writes nothing", async () => {
    const { store } = await seeded(dialect.open);
    const base = { name: "m", aliases: ["champion"], stages: [], updated_by: "a" };
    await expectCode(store.setApprovalPolicy({ ...base, name: "nope" }), "RESOURCE_DOES_NOT_EXIST", /nope/);
    await expectCode(store.setApprovalPolicy({ ...base, aliases: [], stages: [] }), "INVALID_PARAMETER_VALUE", /at least one alias or stage/);
    await expectCode(store.setApprovalPolicy({ ...base, aliases: ["has space"] }), "INVALID_PARAMETER_VALUE", /letters, digits/);
    await expectCode(store.setApprovalPolicy({ ...base, aliases: ["latest"] }), "INVALID_PARAMETER_VALUE", /reserved/);
    await expectCode(store.setApprovalPolicy({ ...base, stages: ["None"] }), "INVALID_PARAMETER_VALUE", /Staging, Production, Archived/);
    await expectCode(store.setApprovalPolicy({ ...base, stages: ["Prod"] }), "INVALID_PARAMETER_VALUE", /'Prod'/);
    assert.equal(await store.getApprovalPolicy("nope"), undefined, "a plain lookup: no policy for a model that does not exist");
    assert.equal(await store.getApprovalPolicy(""), undefined);
    assert.equal(await store.getApprovalPolicy("m"), undefined);
  });

  it("follows its model through a rename and goes with it on delete, with the model's requests", async () => {
    const { store } = await seeded(dialect.open);
    await store.setApprovalPolicy({ name: "m", aliases: ["champion"], stages: [], updated_by: "a" });
    await store.createApprovalRequest({ name: "m", version: "1", alias: "champion", requested_by: "a" });
    await store.renameRegisteredModel("m", "m2");
    assert.deepEqual((await store.getApprovalPolicy("m2"))?.aliases, ["champion"]);
    const [request] = (await store.listApprovalRequests({ name: "m2" })).requests;
    assert.equal(request?.name, "m2");
    await store.deleteRegisteredModel("m2");
    await store.createRegisteredModel({ name: "m2" });
    assert.equal(await store.getApprovalPolicy("m2"), undefined);
    assert.deepEqual((await store.listApprovalRequests({})).requests, []);
  });
});

describeEachDialect("approvals: requests and decisions", (dialect) => {
  it("an approved alias request moves the alias in the decision's transaction, with its events", async () => {
    const { store } = await seeded(dialect.open);
    await store.setApprovalPolicy({ name: "m", aliases: ["champion"], stages: [], updated_by: "admin" });
    const request = await store.createApprovalRequest({ name: "m", version: "2", alias: "champion", comment: "better AUC", requested_by: "alice" });
    assert.match(request.request_id, /^[0-9a-f]{32}$/);
    assert.deepEqual({ ...request, request_id: "", creation_timestamp: 0 }, {
      request_id: "",
      name: "m",
      version: "2",
      kind: "alias",
      target: "champion",
      archive_existing_versions: false,
      status: "PENDING",
      requested_by: "alice",
      comment: "better AUC",
      creation_timestamp: 0,
    });
    assert.deepEqual(await store.getApprovalRequest(request.request_id), request);
    assert.equal((await store.getRegisteredModel("m")).aliases, undefined, "nothing moves before the approval");

    const approved = await store.decideApprovalRequest({ request_id: request.request_id, decision: "APPROVED", decided_by: "bob", comment: "ok" });
    assert.deepEqual([approved.status, approved.decided_by, approved.decision_comment], ["APPROVED", "bob", "ok"]);
    assert.ok(approved.decided_timestamp! > request.creation_timestamp);
    assert.deepEqual((await store.getRegisteredModel("m")).aliases, [{ alias: "champion", version: "2" }]);
    assert.deepEqual(await store.getApprovalRequest(request.request_id), approved);

    const events = await payloads(store);
    assert.deepEqual(events.map((e) => `${e.entity}.${e.action}`), ["approval_request.created", "model_version_alias.created", "approval_request.approved"]);
    assert.deepEqual(events[0]!.data, request);
    assert.deepEqual(events[1]!.data, { name: "m", alias: "champion", version: "2" });
    assert.deepEqual(events[2]!.data, approved);
  });

  it("an approved stage request with archive_existing_versions archives the versions in that stage", async () => {
    const { store } = await seeded(dialect.open, 3);
    await store.transitionModelVersionStage({ name: "m", version: "1", stage: "Production" });
    await payloads(store); // only the approval's own events below
    const request = await store.createApprovalRequest({ name: "m", version: "3", stage: "production", archive_existing_versions: true, requested_by: "alice" });
    assert.deepEqual([request.kind, request.target, request.archive_existing_versions], ["stage", "Production", true]);
    await store.decideApprovalRequest({ request_id: request.request_id, decision: "APPROVED", decided_by: "bob" });
    const stages = await Promise.all(["1", "2", "3"].map(async (v) => (await store.getModelVersion("m", v)).current_stage));
    assert.deepEqual(stages, ["Archived", "None", "Production"]);
    const events = await payloads(store);
    assert.deepEqual(
      events.map((e) => [`${e.entity}.${e.action}`, e.data.to_stage ?? e.data.status]),
      [
        ["approval_request.created", "PENDING"],
        ["model_version.updated", "Archived"],
        ["model_version.updated", "Production"],
        ["approval_request.approved", "APPROVED"],
      ],
    );
  });

  it("rejects (with a reason) and cancels without moving anything; a decided request cannot be decided again", async () => {
    const { store } = await seeded(dialect.open);
    const first = await store.createApprovalRequest({ name: "m", version: "1", alias: "champion", requested_by: "alice" });
    await expectCode(store.decideApprovalRequest({ request_id: first.request_id, decision: "REJECTED", decided_by: "bob" }), "INVALID_PARAMETER_VALUE", /needs a 'comment'/);
    await expectCode(store.decideApprovalRequest({ request_id: first.request_id, decision: "REJECTED", decided_by: "bob", comment: "  " }), "INVALID_PARAMETER_VALUE", /needs a 'comment'/);
    const rejected = await store.decideApprovalRequest({ request_id: first.request_id, decision: "REJECTED", decided_by: "bob", comment: "no holdout results" });
    assert.deepEqual([rejected.status, rejected.decided_by, rejected.decision_comment], ["REJECTED", "bob", "no holdout results"]);
    for (const decision of ["APPROVED", "REJECTED", "CANCELLED"] as const) {
      await expectCode(store.decideApprovalRequest({ request_id: first.request_id, decision, decided_by: "carol", comment: "x" }), "INVALID_STATE", /already REJECTED by bob/);
    }
    const second = await store.createApprovalRequest({ name: "m", version: "1", alias: "champion", requested_by: "alice" });
    const cancelled = await store.decideApprovalRequest({ request_id: second.request_id, decision: "CANCELLED", decided_by: "alice" });
    assert.deepEqual([cancelled.status, cancelled.decided_by, cancelled.decision_comment], ["CANCELLED", "alice", undefined]);
    await expectCode(store.decideApprovalRequest({ request_id: second.request_id, decision: "APPROVED", decided_by: "bob" }), "INVALID_STATE", /already CANCELLED/);
    assert.equal((await store.getRegisteredModel("m")).aliases, undefined);
    assert.deepEqual((await payloads(store)).map((e) => e.action), ["created", "rejected", "created", "cancelled"]);
    await expectCode(store.decideApprovalRequest({ request_id: "nope", decision: "APPROVED", decided_by: "bob" }), "RESOURCE_DOES_NOT_EXIST", /'nope'/);
    await expectCode(store.getApprovalRequest("nope"), "RESOURCE_DOES_NOT_EXIST", /approvals\/list/);
  });

  it("four eyes: the requester may not approve (anonymous included); without four eyes they may", async () => {
    const { store } = await seeded(dialect.open);
    await store.setApprovalPolicy({ name: "m", aliases: ["champion"], stages: [], updated_by: "admin" });
    const own = await store.createApprovalRequest({ name: "m", version: "1", alias: "champion", requested_by: "alice" });
    await expectCode(store.decideApprovalRequest({ request_id: own.request_id, decision: "APPROVED", decided_by: "alice" }), "PERMISSION_DENIED", /four eyes: alice made request .* may not approve it/);
    const anonymous = await store.createApprovalRequest({ name: "m", version: "2", alias: "champion", requested_by: "anonymous" });
    await expectCode(store.decideApprovalRequest({ request_id: anonymous.request_id, decision: "APPROVED", decided_by: "anonymous" }), "PERMISSION_DENIED", /Turn authentication on/);
    assert.equal((await store.getApprovalRequest(own.request_id)).status, "PENDING");
    assert.equal((await store.getRegisteredModel("m")).aliases, undefined);
    // The requester may still withdraw or reject their own request.
    await store.decideApprovalRequest({ request_id: anonymous.request_id, decision: "CANCELLED", decided_by: "anonymous" });

    await store.setApprovalPolicy({ name: "m", aliases: ["champion"], stages: [], four_eyes: false, updated_by: "admin" });
    const approved = await store.decideApprovalRequest({ request_id: own.request_id, decision: "APPROVED", decided_by: "alice" });
    assert.equal(approved.status, "APPROVED");
    assert.deepEqual((await store.getRegisteredModel("m")).aliases, [{ alias: "champion", version: "1" }]);
  });

  it("refuses bad requests and writes nothing (no request, no event)", async () => {
    const { store } = await seeded(dialect.open);
    const base = { name: "m", version: "1", requested_by: "alice" };
    await expectCode(store.createApprovalRequest({ ...base }), "INVALID_PARAMETER_VALUE", /exactly one of 'alias'/);
    await expectCode(store.createApprovalRequest({ ...base, alias: "champion", stage: "Production" }), "INVALID_PARAMETER_VALUE", /exactly one of 'alias'/);
    await expectCode(store.createApprovalRequest({ ...base, alias: "has space" }), "INVALID_PARAMETER_VALUE", /letters, digits/);
    await expectCode(store.createApprovalRequest({ ...base, alias: "v3" }), "INVALID_PARAMETER_VALUE", /reserved/);
    await expectCode(store.createApprovalRequest({ ...base, stage: "None" }), "INVALID_PARAMETER_VALUE", /Staging, Production, Archived/);
    await expectCode(store.createApprovalRequest({ ...base, alias: "champion", archive_existing_versions: true }), "INVALID_PARAMETER_VALUE", /only applies to stage requests/);
    await expectCode(store.createApprovalRequest({ ...base, stage: "Archived", archive_existing_versions: true }), "INVALID_PARAMETER_VALUE", /Staging or Production/);
    await expectCode(store.createApprovalRequest({ ...base, version: "x", alias: "champion" }), "INVALID_PARAMETER_VALUE", /'version'/);
    await expectCode(store.createApprovalRequest({ ...base, version: "9", alias: "champion" }), "RESOURCE_DOES_NOT_EXIST", /version=9/);
    await expectCode(store.createApprovalRequest({ ...base, name: "nope", alias: "champion" }), "RESOURCE_DOES_NOT_EXIST", /nope/);
    await expectCode(store.createApprovalRequest({ ...base, alias: "champion", comment: "x".repeat(5001) }), "INVALID_PARAMETER_VALUE", /5000/);
    assert.deepEqual((await store.listApprovalRequests({})).requests, []);
    assert.deepEqual(await payloads(store), []);

    const pending = await store.createApprovalRequest({ ...base, alias: "champion" });
    await expectCode(store.createApprovalRequest({ ...base, alias: "champion" }), "RESOURCE_ALREADY_EXISTS", new RegExp(`${pending.request_id} .* already pending`));
    // A different move of the same version is a different request.
    await store.createApprovalRequest({ ...base, alias: "challenger" });
    assert.equal((await store.listApprovalRequests({})).requests.length, 2);
  });

  it("a failing move leaves the request PENDING: approving a deleted version changes nothing", async () => {
    const { store } = await seeded(dialect.open);
    const request = await store.createApprovalRequest({ name: "m", version: "2", alias: "champion", requested_by: "alice" });
    await store.deleteModelVersion("m", "2");
    await payloads(store);
    await expectCode(store.decideApprovalRequest({ request_id: request.request_id, decision: "APPROVED", decided_by: "bob" }), "RESOURCE_DOES_NOT_EXIST", /version=2/);
    assert.equal((await store.getApprovalRequest(request.request_id)).status, "PENDING");
    assert.deepEqual(await payloads(store), []);
    const rejected = await store.decideApprovalRequest({ request_id: request.request_id, decision: "REJECTED", decided_by: "bob", comment: "version is gone" });
    assert.equal(rejected.status, "REJECTED");
  });
});

describeEachDialect("approvals: listing", (dialect) => {
  it("lists newest first, filtered by model, version and status, in pages; the inbox honours a read scope", async () => {
    const { store } = await seeded(dialect.open, 3);
    await store.createRegisteredModel({ name: "other" });
    await store.createModelVersion({ name: "other", source: "s3://b/o" });
    const made: ApprovalRequest[] = [];
    for (const [name, version, alias] of [["m", "1", "a1"], ["other", "1", "a2"], ["m", "2", "a3"], ["m", "3", "a4"], ["other", "1", "a5"]] as const) {
      made.push(await store.createApprovalRequest({ name, version, alias, requested_by: "alice" }));
    }
    await store.decideApprovalRequest({ request_id: made[2]!.request_id, decision: "CANCELLED", decided_by: "alice" });
    const ids = (list: { requests: { request_id: string }[] }) => list.requests.map((r) => made.findIndex((m) => m.request_id === r.request_id));
    assert.deepEqual(ids(await store.listApprovalRequests({})), [4, 3, 2, 1, 0]);
    assert.deepEqual(ids(await store.listApprovalRequests({ name: "m" })), [3, 2, 0]);
    assert.deepEqual(ids(await store.listApprovalRequests({ name: "m", version: "2" })), [2]);
    assert.deepEqual(ids(await store.listApprovalRequests({ status: "pending" })), [4, 3, 1, 0]);
    assert.deepEqual(ids(await store.listApprovalRequests({ name: "m", status: "CANCELLED" })), [2]);

    const first = await store.listApprovalRequests({ max_results: 2 });
    assert.deepEqual(ids(first), [4, 3]);
    const second = await store.listApprovalRequests({ max_results: 2, page_token: first.next_page_token });
    assert.deepEqual(ids(second), [2, 1]);
    const last = await store.listApprovalRequests({ max_results: 2, page_token: second.next_page_token });
    assert.deepEqual([ids(last), last.next_page_token], [[0], undefined]);

    const user = await store.createUser({ username: "reader", password_hash: "x" });
    const scope = { user_id: user.user_id };
    assert.deepEqual(ids(await store.listApprovalRequests({ readable_by: scope })), []);
    await store.setPermission({ resource_type: "registered_model", resource_id: "other", principal_type: "user", principal: "reader", level: "READ", granted_by: "admin" });
    assert.deepEqual(ids(await store.listApprovalRequests({ readable_by: scope })), [4, 1]);
    const page = await store.listApprovalRequests({ readable_by: scope, max_results: 1 });
    assert.deepEqual(ids(page), [4]);
    assert.deepEqual(ids(await store.listApprovalRequests({ readable_by: scope, max_results: 1, page_token: page.next_page_token })), [1]);
  });

  it("refuses bad list inputs", async () => {
    const { store } = await seeded(dialect.open);
    await expectCode(store.listApprovalRequests({ status: "DONE" }), "INVALID_PARAMETER_VALUE", /PENDING, APPROVED, REJECTED, CANCELLED/);
    await expectCode(store.listApprovalRequests({ max_results: 0 }), "INVALID_PARAMETER_VALUE", /1 to 1000/);
    await expectCode(store.listApprovalRequests({ max_results: 1001 }), "INVALID_PARAMETER_VALUE", /1 to 1000/);
    await expectCode(store.listApprovalRequests({ page_token: "garbage" }), "INVALID_PARAMETER_VALUE", /page token/);
    await expectCode(store.listApprovalRequests({ version: "1" }), "INVALID_PARAMETER_VALUE", /'name'/);
  });
});
