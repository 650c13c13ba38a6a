import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

/** A loopback receiver answering every POST with 200; returns its URL and the bodies it received. */
async function startReceiver(): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      bodies.push(body);
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

/** A loopback port nothing listens on (bound, then released). */
async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("client.webhooks against a real server", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    receiver = await startReceiver();
  });
  after(async () => {
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    await server.close();
  });

  it("creates, gets, lists (paged), updates and deletes webhooks", async () => {
    const { webhook } = await client.webhooks.create({
      name: "first",
      description: "d",
      url: receiver.url,
      events: [{ entity: "MODEL_VERSION", action: "CREATED" }],
      secret: "s3cret",
    });
    assert.equal(webhook.name, "first");
    assert.equal(webhook.status, "ACTIVE");
    assert.equal((webhook as unknown as Record<string, unknown>).secret, undefined);
    assert.deepEqual((await client.webhooks.get({ webhook_id: webhook.webhook_id })).webhook, webhook);
    await client.webhooks.create({ name: "second", url: receiver.url, events: [{ entity: "REGISTERED_MODEL", action: "CREATED" }] });

    const page1 = await client.webhooks.list({ max_results: 1 });
    assert.equal(page1.webhooks.length, 1);
    assert.ok(page1.next_page_token);
    const page2 = await client.webhooks.list({ max_results: 1, page_token: page1.next_page_token });
    const names = [...page1.webhooks, ...page2.webhooks].map((w) => w.name).sort();
    assert.deepEqual(names, ["first", "second"]);

    const { webhook: changed } = await client.webhooks.update({ webhook_id: webhook.webhook_id, status: "DISABLED", description: "changed" });
    assert.equal(changed.status, "DISABLED");
    assert.equal(changed.description, "changed");
    assert.equal(changed.name, "first");

    await client.webhooks.delete({ webhook_id: webhook.webhook_id });
    await assert.rejects(client.webhooks.get({ webhook_id: webhook.webhook_id }), { code: "RESOURCE_DOES_NOT_EXIST" });
    assert.deepEqual((await client.webhooks.list()).webhooks.map((w) => w.name), ["second"]);
  });

  it("rejects invalid events with the server's message", async () => {
    await assert.rejects(client.webhooks.create({ name: "bad", url: receiver.url, events: [{ entity: "REGISTERED_MODEL", action: "DELETED" }] }), {
      code: "INVALID_PARAMETER_VALUE",
    });
  });

  it("records a pending delivery when a subscribed registry change happens", async () => {
    const { webhook } = await client.webhooks.create({ name: "on-model", url: receiver.url, events: [{ entity: "REGISTERED_MODEL", action: "CREATED" }] });
    assert.deepEqual((await client.webhooks.deliveries({ webhook_id: webhook.webhook_id })).deliveries, []);
    await client.registry.createRegisteredModel({ name: "watched" });
    const { deliveries } = await client.webhooks.deliveries({ webhook_id: webhook.webhook_id });
    assert.equal(deliveries.length, 1);
    assert.deepEqual(deliveries[0]!.event, { entity: "REGISTERED_MODEL", action: "CREATED" });
    assert.equal(deliveries[0]!.status, "pending");
    assert.equal(deliveries[0]!.attempts, 0);
    await assert.rejects(client.webhooks.deliveries({ webhook_id: "no-such-webhook" }), { code: "RESOURCE_DOES_NOT_EXIST" });
  });

  it("test sends an example delivery and reports success or failure", async () => {
    const { webhook } = await client.webhooks.create({ name: "tested", url: receiver.url, events: [{ entity: "MODEL_VERSION", action: "CREATED" }] });
    const before = receiver.bodies.length;
    const ok = await client.webhooks.test({ webhook_id: webhook.webhook_id });
    assert.equal(ok.result.success, true);
    assert.equal(ok.result.response_status, 200);
    assert.equal(receiver.bodies.length, before + 1);
    const explicit = await client.webhooks.test({ webhook_id: webhook.webhook_id, event: { entity: "MODEL_VERSION_TAG", action: "SET" } });
    assert.equal(explicit.result.success, true);

    const { webhook: dead } = await client.webhooks.create({
      name: "dead",
      url: `http://127.0.0.1:${await unusedPort()}/hook`,
      events: [{ entity: "MODEL_VERSION", action: "CREATED" }],
    });
    const failed = await client.webhooks.test({ webhook_id: dead.webhook_id });
    assert.equal(failed.result.success, false);
    assert.equal(failed.result.response_status, undefined);
    assert.ok(failed.result.error_message);
  });
});
