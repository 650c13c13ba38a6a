import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CairnError } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("client.approvals and client.modelCards against a real server", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    await client.registry.createRegisteredModel({ name: "churn" });
    for (let i = 1; i <= 2; i++) await client.registry.createModelVersion({ name: "churn", source: `s3://b/churn/${i}` });
  });
  after(() => server.close());

  it("sets a policy, requests, approves, rejects, cancels and lists", async () => {
    assert.equal(await client.approvals.getPolicy({ name: "churn" }), undefined);
    const { policy } = await client.approvals.setPolicy({ name: "churn", aliases: ["champion"], stages: ["Production"], four_eyes: false });
    assert.deepEqual([policy.aliases, policy.stages, policy.four_eyes], [["champion"], ["Production"], false]);
    assert.deepEqual(await client.approvals.getPolicy({ name: "churn" }), policy);

    await assert.rejects(client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" }), (e: unknown) => {
      assert.ok(e instanceof CairnError);
      assert.equal(e.code, "PERMISSION_DENIED");
      assert.match(e.message, /cairn models request models:\/churn\/1 --alias champion/);
      return true;
    });

    const { request } = await client.approvals.request({ name: "churn", version: "1", alias: "champion", comment: "first" });
    assert.equal(request.status, "PENDING");
    assert.deepEqual((await client.approvals.get({ request_id: request.request_id })).request, request);
    const approved = (await client.approvals.approve({ request_id: request.request_id, comment: "ok" })).request;
    assert.deepEqual([approved.status, approved.decision_comment], ["APPROVED", "ok"]);
    assert.equal((await client.registry.getModelVersionByAlias({ name: "churn", alias: "champion" })).model_version.version, "1");

    const stage = (await client.approvals.request({ name: "churn", version: "2", stage: "Production" })).request;
    const rejected = (await client.approvals.reject({ request_id: stage.request_id, comment: "not yet" })).request;
    assert.equal(rejected.status, "REJECTED");
    const again = (await client.approvals.request({ name: "churn", version: "2", stage: "Production" })).request;
    assert.equal((await client.approvals.cancel({ request_id: again.request_id })).request.status, "CANCELLED");
    await assert.rejects(client.approvals.approve({ request_id: again.request_id }), (e: unknown) => e instanceof CairnError && e.code === "INVALID_STATE");

    const all = await client.approvals.list({ name: "churn" });
    assert.deepEqual(all.requests.map((r) => r.status), ["CANCELLED", "REJECTED", "APPROVED"]);
    assert.deepEqual((await client.approvals.list({ status: "PENDING" })).requests, []);
    const page = await client.approvals.list({ max_results: 2 });
    assert.equal(page.requests.length, 2);
    assert.equal((await client.approvals.list({ max_results: 2, page_token: page.next_page_token })).requests.length, 1);

    await client.approvals.deletePolicy({ name: "churn" });
    assert.equal(await client.approvals.getPolicy({ name: "churn" }), undefined);
    await assert.rejects(client.approvals.deletePolicy({ name: "churn" }), (e: unknown) => e instanceof CairnError && e.code === "RESOURCE_DOES_NOT_EXIST");
  });

  it("reads, updates and renders a model card", async () => {
    const { card } = await client.modelCards.get({ name: "churn", version: "1" });
    assert.deepEqual([card.name, card.version, card.model.aliases, card.approvals[0]?.status], ["churn", "1", ["champion"], "APPROVED"]);
    const updated = (await client.modelCards.update({ name: "churn", version: "1", intended_use: "Retention <offers>", owners: ["ml-team"] })).card;
    assert.deepEqual([updated.fields.intended_use, updated.fields.owners], ["Retention <offers>", ["ml-team"]]);
    const html = await client.modelCards.html({ name: "churn", version: "1" });
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes("Retention &lt;offers&gt;"));
    await assert.rejects(client.modelCards.html({ name: "churn", version: "9" }), (e: unknown) => e instanceof CairnError && e.code === "RESOURCE_DOES_NOT_EXIST");
    await assert.rejects(client.modelCards.update({ name: "churn", version: "1", owners: [""] }), (e: unknown) => e instanceof CairnError && e.code === "INVALID_PARAMETER_VALUE");
  });
});
