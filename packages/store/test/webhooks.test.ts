import { it } from "node:test";
import assert from "node:assert/strict";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

const MV_CREATED = { entity: "MODEL_VERSION", action: "CREATED" } as const;

describeEachDialect("webhooks: CRUD and validation", (dialect) => {
  it("creates, reads, lists with pages, updates and deletes webhooks; the secret is never returned", async () => {
    let now = 1000;
    const store = await dialect.open({ clock: () => now });
    const hook = await store.createWebhook({ name: "ci", url: "https://example.com/hook", events: [MV_CREATED, { entity: "model_version_alias", action: "created" } as never], secret: "s3cr3t" });
    assert.equal(hook.status, "ACTIVE");
    assert.deepEqual(hook.events, [MV_CREATED, { entity: "MODEL_VERSION_ALIAS", action: "CREATED" }]);
    assert.equal(hook.creation_timestamp, 1000);
    assert.ok(!("secret" in hook));
    assert.deepEqual(await store.getWebhook(hook.webhook_id), hook);
    assert.equal((await store.getWebhookTarget(hook.webhook_id)).secret, "s3cr3t");

    now = 2000;
    const second = await store.createWebhook({ name: "two", description: "d", url: "http://127.0.0.1:9/x", events: [MV_CREATED], status: "DISABLED" });
    const first = await store.listWebhooks({ max_results: 1 });
    assert.deepEqual(first.webhooks.map((w) => w.webhook_id), [second.webhook_id]);
    assert.ok(first.next_page_token);
    const rest = await store.listWebhooks({ max_results: 1, page_token: first.next_page_token });
    assert.deepEqual([rest.webhooks.map((w) => w.webhook_id), rest.next_page_token], [[hook.webhook_id], undefined]);

    now = 3000;
    const updated = await store.updateWebhook(hook.webhook_id, { name: "ci2", status: "DISABLED", events: [{ entity: "REGISTERED_MODEL", action: "CREATED" }], secret: "" });
    assert.deepEqual([updated.name, updated.status, updated.events, updated.last_updated_timestamp, updated.url], ["ci2", "DISABLED", [{ entity: "REGISTERED_MODEL", action: "CREATED" }], 3000, hook.url]);
    assert.equal((await store.getWebhookTarget(hook.webhook_id)).secret, undefined);

    await store.deleteWebhook(hook.webhook_id);
    await expectCode(store.getWebhook(hook.webhook_id), "RESOURCE_DOES_NOT_EXIST", /not found/);
    await expectCode(store.deleteWebhook(hook.webhook_id), "RESOURCE_DOES_NOT_EXIST");
    await expectCode(store.updateWebhook("nope", { name: "x" }), "RESOURCE_DOES_NOT_EXIST");
    await expectCode(store.listWebhookDeliveries("nope", {}), "RESOURCE_DOES_NOT_EXIST");
  });

  it("rejects bad names, URLs, events and statuses with INVALID_PARAMETER_VALUE and writes nothing", async () => {
    const store = await dialect.open();
    const ok = { name: "n", url: "https://e.com", events: [MV_CREATED] };
    await expectCode(store.createWebhook({ ...ok, name: " " }), "INVALID_PARAMETER_VALUE", /name must not be empty/);
    await expectCode(store.createWebhook({ ...ok, url: "ftp://e.com/x" }), "INVALID_PARAMETER_VALUE", /only http/);
    await expectCode(store.createWebhook({ ...ok, url: "not a url" }), "INVALID_PARAMETER_VALUE", /absolute http/);
    await expectCode(store.createWebhook({ ...ok, events: [] }), "INVALID_PARAMETER_VALUE", /events must not be empty/);
    await expectCode(store.createWebhook({ ...ok, events: [{ entity: "PROMPT" as never, action: "CREATED" }] }), "INVALID_PARAMETER_VALUE", /Invalid webhook entity 'PROMPT'/);
    await expectCode(store.createWebhook({ ...ok, events: [{ entity: "REGISTERED_MODEL", action: "DELETED" }] }), "INVALID_PARAMETER_VALUE", /Valid actions are: CREATED/);
    await expectCode(store.createWebhook({ ...ok, status: "PAUSED" as never }), "INVALID_PARAMETER_VALUE", /ACTIVE or DISABLED/);
    assert.deepEqual((await store.listWebhooks({})).webhooks, []);
    const hook = await store.createWebhook(ok);
    await expectCode(store.updateWebhook(hook.webhook_id, { url: "file:///etc/passwd" }), "INVALID_PARAMETER_VALUE");
    assert.equal((await store.getWebhook(hook.webhook_id)).url, "https://e.com");
  });
});

describeEachDialect("webhooks: outbox", (dialect) => {
  it("records one delivery per subscribed ACTIVE webhook in the registry write's transaction", async () => {
    const store = await dialect.open({ clock: () => Date.UTC(2026, 0, 2) });
    const versions = await store.createWebhook({ name: "v", url: "https://e.com/v", events: [MV_CREATED, { entity: "MODEL_VERSION", action: "UPDATED" }] });
    const all = await store.createWebhook({
      name: "all",
      url: "https://e.com/all",
      events: [
        { entity: "REGISTERED_MODEL", action: "CREATED" },
        MV_CREATED,
        { entity: "MODEL_VERSION_TAG", action: "SET" },
        { entity: "MODEL_VERSION_TAG", action: "DELETED" },
        { entity: "MODEL_VERSION_ALIAS", action: "CREATED" },
        { entity: "MODEL_VERSION_ALIAS", action: "DELETED" },
      ],
    });
    const disabled = await store.createWebhook({ name: "off", url: "https://e.com/off", events: [MV_CREATED], status: "DISABLED" });

    await store.createRegisteredModel({ name: "m", tags: [{ key: "team", value: "a" }] });
    await store.createModelVersion({ name: "m", source: "s3://b/1", tags: [{ key: "k", value: "v" }], description: "first" });
    await store.setModelVersionTag("m", "1", { key: "k2", value: "v2" });
    await store.deleteModelVersionTag("m", "1", "k2");
    await store.setRegisteredModelAlias("m", "champion", "1");
    await store.deleteRegisteredModelAlias("m", "champion");
    await store.transitionModelVersionStage({ name: "m", version: "1", stage: "production" });

    const events = async (id: string) => (await store.listWebhookDeliveries(id, {})).deliveries.map((d) => `${d.event.entity}.${d.event.action}`).sort();
    assert.deepEqual(await events(versions.webhook_id), ["MODEL_VERSION.CREATED", "MODEL_VERSION.UPDATED"]);
    assert.deepEqual(await events(all.webhook_id), [
      "MODEL_VERSION.CREATED",
      "MODEL_VERSION_ALIAS.CREATED",
      "MODEL_VERSION_ALIAS.DELETED",
      "MODEL_VERSION_TAG.DELETED",
      "MODEL_VERSION_TAG.SET",
      "REGISTERED_MODEL.CREATED",
    ]);
    assert.deepEqual(await events(disabled.webhook_id), []);

    const claimed = await store.claimWebhookDeliveries({ now: Date.UTC(2026, 0, 2), limit: 100, leaseMs: 30_000 });
    const payloads = claimed.filter((c) => c.webhook_id === versions.webhook_id).map((c) => JSON.parse(c.payload));
    const created = payloads.find((p) => p.action === "created");
    assert.deepEqual(created, {
      entity: "model_version",
      action: "created",
      timestamp: "2026-01-02T00:00:00.000Z",
      data: { name: "m", version: "1", source: "s3://b/1", run_id: null, tags: { k: "v" }, description: "first" },
    });
    assert.deepEqual(payloads.find((p) => p.action === "updated").data, { name: "m", version: "1", from_stage: "None", to_stage: "Production" });
    const alias = claimed.map((c) => JSON.parse(c.payload)).find((p) => p.entity === "model_version_alias" && p.action === "created");
    assert.deepEqual(alias.data, { name: "m", alias: "champion", version: "1" });
  });

  it("records nothing when the registry write fails, even after its rows were written", async () => {
    // Every id after duplicateIds is set is the same, so a version event fanned out to both
    // webhooks violates the deliveries' primary key after the version row was inserted.
    let n = 0;
    let duplicateIds = false;
    const store = await dialect.open({ newId: () => (duplicateIds ? "same" : `id${n++}`) });
    const a = await store.createWebhook({ name: "a", url: "https://e.com/a", events: [MV_CREATED] });
    const b = await store.createWebhook({ name: "b", url: "https://e.com/b", events: [MV_CREATED, { entity: "REGISTERED_MODEL", action: "CREATED" }] });
    await store.createRegisteredModel({ name: "m" });
    await expectCode(store.createRegisteredModel({ name: "m" }), "RESOURCE_ALREADY_EXISTS");
    await expectCode(store.createModelVersion({ name: "missing", source: "s3://b/1" }), "RESOURCE_DOES_NOT_EXIST");
    duplicateIds = true;
    await assert.rejects(store.createModelVersion({ name: "m", source: "s3://b/1" }));
    await expectCode(store.getModelVersion("m", "1"), "RESOURCE_DOES_NOT_EXIST");
    assert.deepEqual((await store.listWebhookDeliveries(a.webhook_id, {})).deliveries, []);
    assert.deepEqual((await store.listWebhookDeliveries(b.webhook_id, {})).deliveries.map((d) => d.event.entity), ["REGISTERED_MODEL"]);
  });
});
