import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Webhook, WebhookDelivery, WebhookTestResult } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { EXIT_CODES, EXIT_FAILURE, EXIT_USAGE } from "@cairn/cli";
import { cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

/** Listens on a free loopback port with handler (or, without one, binds and releases a port nothing then listens on). */
async function loopback(handler?: Parameters<typeof createServer>[1]): Promise<{ url: string; server?: Server }> {
  const server = handler ? createServer(handler) : createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  if (handler) return { url, server };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { url };
}

describe("cairn webhooks", () => {
  let server: EphemeralServer;
  let receiver: { url: string; server?: Server };
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let client: CairnClient;
  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    receiver = await loopback((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200).end("ok"));
    });
  });
  after(async () => {
    await new Promise<void>((resolve) => receiver.server!.close(() => resolve()));
    await server.close();
  });

  it("list says so when there are none", async () => {
    const empty = await cairn("webhooks", "list");
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal(empty.stdout, "No webhooks found.\n");
    assert.equal((await cairn("webhooks", "list", "--json")).stdout.trim(), "[]");
  });

  it("create maps entity.action events; list shows them as a table and JSON", async () => {
    const created = await cairn("webhooks", "create", "--name", "deploy", "--url", receiver.url, "--event", "registered_model.created", "--event", "Model_Version.Created");
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^Created webhook 'deploy' \(\S+\) for (registered_model.created, model_version.created|model_version.created, registered_model.created)\.\n$/);
    const json = await cairn("webhooks", "create", "--name", "tags", "--url", receiver.url, "--event", "model_version_tag.set", "--secret", "s", "--description", "d", "--json");
    const webhook = JSON.parse(json.stdout) as Webhook;
    assert.deepEqual(webhook.events, [{ entity: "MODEL_VERSION_TAG", action: "SET" }]);
    assert.equal(webhook.description, "d");

    const table = tableRows((await cairn("webhooks", "list")).stdout);
    assert.deepEqual(table[0], ["ID", "NAME", "STATUS", "EVENTS", "URL", "CREATED"]);
    const byName = new Map(table.slice(1).map((r) => [r[1], r]));
    assert.deepEqual(byName.get("deploy")![3]!.split(",").sort(), ["model_version.created", "registered_model.created"]);
    assert.equal(byName.get("tags")![2], "ACTIVE");
    const listed = JSON.parse((await cairn("webhooks", "list", "--json")).stdout) as Webhook[];
    assert.deepEqual(listed.map((w) => w.name).sort(), ["deploy", "tags"]);
    const one = JSON.parse((await cairn("webhooks", "list", "--max-results", "1", "--json")).stdout) as Webhook[];
    assert.equal(one.length, 1);
  });

  it("create rejects a bad event as a usage error listing the valid ones", async () => {
    const bad = await cairn("webhooks", "create", "--name", "x", "--url", receiver.url, "--event", "registered_model.deleted");
    assert.equal(bad.code, EXIT_USAGE);
    assert.match(bad.stderr, /unknown event 'registered_model.deleted'; valid events are: registered_model.created, model_version.created, model_version.updated, /);
    assert.equal((await cairn("webhooks", "create", "--name", "x", "--url", receiver.url)).code, EXIT_USAGE);
    const badUrl = await cairn("webhooks", "create", "--name", "x", "--url", "ftp://nope", "--event", "model_version.created");
    assert.equal(badUrl.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
  });

  it("deliveries shows the pending delivery of a registry change", async () => {
    const webhook = JSON.parse((await cairn("webhooks", "create", "--name", "log", "--url", receiver.url, "--event", "registered_model.created", "--json")).stdout) as Webhook;
    const none = await cairn("webhooks", "deliveries", webhook.webhook_id);
    assert.equal(none.stdout, `Webhook ${webhook.webhook_id} has no deliveries.\n`);
    await client.registry.createRegisteredModel({ name: "watched" });
    const human = await cairn("webhooks", "deliveries", webhook.webhook_id);
    assert.equal(human.code, 0, human.stderr);
    const rows = tableRows(human.stdout);
    assert.deepEqual(rows[0], ["DELIVERY ID", "EVENT", "STATUS", "ATTEMPTS", "LAST RESPONSE", "LAST ERROR", "CREATED"]);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[1]!.slice(1, 6), ["registered_model.created", "pending", "0", "-", "-"]);
    const json = JSON.parse((await cairn("webhooks", "deliveries", webhook.webhook_id, "--json")).stdout) as WebhookDelivery[];
    assert.equal(json.length, 1);
    assert.equal(json[0]!.delivery_id, rows[1]![0]);
    assert.equal((await cairn("webhooks", "deliveries", "no-such-webhook")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
  });

  it("test reports success against a receiver and failure against an unused port", async () => {
    const ok = JSON.parse((await cairn("webhooks", "create", "--name", "ok", "--url", receiver.url, "--event", "model_version.created", "--json")).stdout) as Webhook;
    const human = await cairn("webhooks", "test", ok.webhook_id);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, `Test delivery to ${receiver.url} succeeded (HTTP 200).\n`);
    const json = await cairn("webhooks", "test", ok.webhook_id, "--json");
    assert.equal(json.code, 0);
    const result = JSON.parse(json.stdout) as WebhookTestResult;
    assert.equal(result.success, true);
    assert.equal(result.response_status, 200);

    const dead = await loopback();
    const down = JSON.parse((await cairn("webhooks", "create", "--name", "down", "--url", dead.url, "--event", "model_version.created", "--json")).stdout) as Webhook;
    const failed = await cairn("webhooks", "test", down.webhook_id);
    assert.equal(failed.code, EXIT_FAILURE);
    assert.equal(failed.stdout, "");
    assert.match(failed.stderr, new RegExp(`^error: Test delivery to ${dead.url} failed \\(.+\\)\\.\\n$`));
    const failedJson = await cairn("webhooks", "test", down.webhook_id, "--json");
    assert.equal(failedJson.code, EXIT_FAILURE);
    assert.equal((JSON.parse(failedJson.stdout) as WebhookTestResult).success, false);
    assert.equal((await cairn("webhooks", "test", "no-such-webhook")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
  });

  it("delete removes the webhook; an unknown id exits 14", async () => {
    const webhook = JSON.parse((await cairn("webhooks", "create", "--name", "gone", "--url", receiver.url, "--event", "model_version.created", "--json")).stdout) as Webhook;
    const deleted = await cairn("webhooks", "delete", webhook.webhook_id);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout, `Deleted webhook ${webhook.webhook_id}.\n`);
    const again = await cairn("webhooks", "delete", webhook.webhook_id);
    assert.equal(again.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.match(again.stderr, /^error: /);
  });
});
