import { it } from "node:test";
import assert from "node:assert/strict";
import { WEBHOOK_MAX_ATTEMPTS, type CairnStore, type ClaimedDelivery } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";

const T0 = 1_000_000;

/** A store with one webhook subscribed to version creation and `versions` versions registered at T0. */
async function withDeliveries(open: () => Promise<CairnStore>, versions: number): Promise<{ store: CairnStore; webhookId: string }> {
  const store = await open();
  const hook = await store.createWebhook({ name: "h", url: "https://e.com/h", events: [{ entity: "MODEL_VERSION", action: "CREATED" }], secret: "k" });
  await store.createRegisteredModel({ name: "m" });
  for (let i = 0; i < versions; i++) await store.createModelVersion({ name: "m", source: `s3://b/${i}` });
  return { store, webhookId: hook.webhook_id };
}

const failure = (c: ClaimedDelivery, at: number) => ({ delivery_id: c.delivery_id, claim_token: c.claim_token, success: false, started_at: at, duration_ms: 5, response_status: 500, response_body: "boom" });

describeEachDialect("webhooks: delivery leases and retries", (dialect) => {
  it("leases a due delivery once until its lease expires; a stale lease cannot record", async () => {
    const { store, webhookId } = await withDeliveries(() => dialect.open({ clock: () => T0 }), 1);
    const [claimed, ...none] = await store.claimWebhookDeliveries({ now: T0, limit: 10, leaseMs: 30_000 });
    assert.ok(claimed);
    assert.deepEqual(none, []);
    assert.equal(claimed.secret, "k");
    assert.equal(claimed.url, "https://e.com/h");
    assert.deepEqual(await store.claimWebhookDeliveries({ now: T0 + 29_999, limit: 10, leaseMs: 30_000 }), []);
    assert.equal((await store.listWebhookDeliveries(webhookId, {})).deliveries[0]!.status, "in_flight");

    const [again] = await store.claimWebhookDeliveries({ now: T0 + 30_000, limit: 10, leaseMs: 30_000 });
    assert.equal(again?.delivery_id, claimed.delivery_id);
    assert.notEqual(again?.claim_token, claimed.claim_token);
    assert.equal(await store.recordWebhookAttempt({ ...failure(claimed, T0), success: true }), false);
    assert.equal(await store.recordWebhookAttempt({ delivery_id: again!.delivery_id, claim_token: again!.claim_token, success: true, started_at: T0 + 30_000, duration_ms: 7, response_status: 204 }), true);
    const [done] = (await store.listWebhookDeliveries(webhookId, {})).deliveries;
    assert.deepEqual([done!.status, done!.attempts, done!.last_response_status, done!.next_attempt_at], ["succeeded", 1, 204, undefined]);
    assert.deepEqual(await store.claimWebhookDeliveries({ now: T0 + 10_000_000, limit: 10, leaseMs: 30_000 }), []);
  });

  it("backs off 1 s, 2 s, 4 s ... with jitter and gives up after the last attempt", async () => {
    const { store, webhookId } = await withDeliveries(() => dialect.open({ clock: () => T0 }), 1);
    let now = T0;
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      const [c] = await store.claimWebhookDeliveries({ now, limit: 10, leaseMs: 30_000 });
      assert.ok(c, `attempt ${attempt} is due`);
      assert.equal(c.attempts, attempt - 1);
      assert.equal(await store.recordWebhookAttempt(failure(c, now), { random: () => 0.5 }), true);
      const [d] = (await store.listWebhookDeliveries(webhookId, {})).deliveries;
      assert.equal(d!.attempts, attempt);
      assert.equal(d!.last_response_status, 500);
      assert.match(d!.last_error!, /HTTP 500: boom/);
      if (attempt === WEBHOOK_MAX_ATTEMPTS) {
        assert.equal(d!.status, "failed");
        assert.equal(d!.next_attempt_at, undefined);
        break;
      }
      const delay = 1000 * 2 ** (attempt - 1) * 1.1;
      assert.deepEqual([d!.status, d!.next_attempt_at], ["pending", now + 5 + delay]);
      assert.deepEqual(await store.claimWebhookDeliveries({ now: now + 4 + delay, limit: 10, leaseMs: 30_000 }), [], "not due before its backoff");
      now = d!.next_attempt_at!;
    }
    assert.deepEqual(await store.claimWebhookDeliveries({ now: now + 10_000_000, limit: 10, leaseMs: 30_000 }), []);
  });

  it("holds a disabled webhook's deliveries until it is enabled again", async () => {
    const { store, webhookId } = await withDeliveries(() => dialect.open({ clock: () => T0 }), 1);
    await store.updateWebhook(webhookId, { status: "DISABLED" });
    assert.deepEqual(await store.claimWebhookDeliveries({ now: T0, limit: 10, leaseMs: 30_000 }), []);
    await store.updateWebhook(webhookId, { status: "ACTIVE" });
    assert.equal((await store.claimWebhookDeliveries({ now: T0, limit: 10, leaseMs: 30_000 })).length, 1);
  });

  it("caps claims at the limit and gives concurrent claimers disjoint sets", async () => {
    const { store } = await withDeliveries(() => dialect.open({ clock: () => T0, poolSize: 4 }), 12);
    const first = await store.claimWebhookDeliveries({ now: T0, limit: 2, leaseMs: 30_000 });
    assert.equal(first.length, 2);
    const batches = await Promise.all([0, 1, 2, 3].map(() => store.claimWebhookDeliveries({ now: T0, limit: 3, leaseMs: 30_000 })));
    const ids = [...first, ...batches.flat()].map((c) => c.delivery_id);
    assert.equal(ids.length, 12);
    assert.equal(new Set(ids).size, 12, "no delivery claimed twice");
  });
});
