import { it } from "node:test";
import assert from "node:assert/strict";
import { isCairnError } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";

describeEachDialect("approvals: concurrent decisions", (dialect) => {
  it("of concurrent decisions on one request exactly one wins; the others get INVALID_STATE", async () => {
    const store = await dialect.open();
    const hook = await store.createWebhook({ name: "h", url: "https://e.com/h", events: [{ entity: "APPROVAL_REQUEST", action: "APPROVED" }, { entity: "APPROVAL_REQUEST", action: "REJECTED" }, { entity: "MODEL_VERSION_ALIAS", action: "CREATED" }] });
    await store.createRegisteredModel({ name: "m" });
    await store.createModelVersion({ name: "m", source: "s3://b/1" });
    await store.setApprovalPolicy({ name: "m", aliases: ["champion"], stages: [], updated_by: "admin" });
    for (let round = 0; round < 5; round++) {
      const request = await store.createApprovalRequest({ name: "m", version: "1", alias: "champion", requested_by: "alice" });
      const deciders = ["bob", "carol", "dave", "erin"];
      const results = await Promise.allSettled(
        deciders.map((who, i) => store.decideApprovalRequest({ request_id: request.request_id, decision: i % 2 === 0 ? "APPROVED" : "REJECTED", decided_by: who, comment: "c" })),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      assert.equal(won.length, 1, `round ${round}: ${JSON.stringify(results.map((r) => r.status))}`);
      for (const r of results) {
        if (r.status === "rejected") assert.ok(isCairnError(r.reason) && r.reason.code === "INVALID_STATE", String(r.reason));
      }
      const winner = (won[0] as PromiseFulfilledResult<{ decided_by?: string; status: string }>).value;
      const stored = await store.getApprovalRequest(request.request_id);
      assert.deepEqual([stored.status, stored.decided_by], [winner.status, winner.decided_by]);
    }
    // One decision event per round, and one alias event per approving round: no decision was applied twice.
    const deliveries = (await store.listWebhookDeliveries(hook.webhook_id, { max_results: 100 })).deliveries;
    const decisions = deliveries.filter((d) => d.event.entity === "APPROVAL_REQUEST");
    const moves = deliveries.filter((d) => d.event.entity === "MODEL_VERSION_ALIAS");
    assert.equal(decisions.length, 5);
    assert.equal(moves.length, decisions.filter((d) => d.event.action === "APPROVED").length);
  });
});
