import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { CairnStore } from "@cairn/core";
import { openStore } from "@cairn/store";
import { createServer, startWebhookDispatcher } from "@cairn/server";
import { startReceiver } from "./webhook-receiver.js";

const API = "/api/2.0/mlflow";

describe("webhooks over HTTP", () => {
  let dir = "";
  let store: CairnStore;
  let app: FastifyInstance;
  let now = Date.UTC(2026, 2, 1);
  const clock = () => now;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-webhooks-"));
    store = await openStore(`sqlite:///${join(dir, "cairn.db")}`, { clock });
    app = await createServer({ store, clock });
  });
  after(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (method: string, url: string, body?: unknown) => {
    const r = await app.inject({ method: method as "GET", url, ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { "content-type": "application/json" } }) });
    return { status: r.statusCode, json: JSON.parse(r.body || "{}") };
  };

  it("delivers a signed registry event whose payload matches, and logs it", async () => {
    const receiver = await startReceiver();
    const dispatcher = startWebhookDispatcher({ store, clock, intervalMs: 3_600_000 });
    try {
      const created = await call("POST", `${API}/webhooks`, { name: "deploy", url: receiver.url, events: [{ entity: "MODEL_VERSION", action: "CREATED" }], secret: "shh" });
      assert.equal(created.status, 200);
      const hook = created.json.webhook;
      assert.deepEqual([hook.name, hook.status, hook.events, hook.secret], ["deploy", "ACTIVE", [{ entity: "MODEL_VERSION", action: "CREATED" }], undefined]);

      await call("POST", `${API}/registered-models/create`, { name: "sig" });
      await call("POST", `${API}/model-versions/create`, { name: "sig", source: "s3://b/sig", description: "d" });
      assert.equal(await dispatcher.runOnce(), 1);
      assert.equal(receiver.received.length, 1);
      const [{ headers, body }] = receiver.received as [{ headers: Record<string, string>; body: string }];
      const expected = createHmac("sha256", "shh").update(`${headers["x-mlflow-delivery-id"]}.${headers["x-mlflow-timestamp"]}.${body}`).digest("base64");
      assert.equal(headers["x-mlflow-signature"], `v1,${expected}`);
      assert.equal(headers["x-mlflow-timestamp"], String(Math.floor(now / 1000)));
      assert.match(headers["content-type"]!, /application\/json/);
      assert.deepEqual(JSON.parse(body), {
        entity: "model_version",
        action: "created",
        timestamp: new Date(now).toISOString(),
        data: { name: "sig", version: "1", source: "s3://b/sig", run_id: null, tags: {}, description: "d" },
      });
      const log = await call("GET", `/api/2.0/cairn/webhooks/${hook.webhook_id}/deliveries`);
      assert.equal(log.status, 200);
      assert.deepEqual(
        log.json.deliveries.map((d: any) => [d.delivery_id, d.event, d.status, d.attempts, d.last_response_status]),
        [[headers["x-mlflow-delivery-id"], { entity: "MODEL_VERSION", action: "CREATED" }, "succeeded", 1, 200]],
      );
      assert.equal(await dispatcher.runOnce(), 0, "nothing left to send");
      // Later tests register versions too; this receiver is gone by then.
      assert.equal((await call("DELETE", `${API}/webhooks/${hook.webhook_id}`)).status, 200);
    } finally {
      await dispatcher.stop();
      await receiver.close();
    }
  });

  it("retries a receiver answering 500 twice, then 200: three attempts, visible in the delivery log", async () => {
    const receiver = await startReceiver([500, 500]);
    const dispatcher = startWebhookDispatcher({ store, clock, intervalMs: 3_600_000 });
    try {
      const { json } = await call("POST", `${API}/webhooks`, { name: "flaky", url: receiver.url, events: [{ entity: "MODEL_VERSION_ALIAS", action: "CREATED" }] });
      const logOf = async () => (await call("GET", `/api/2.0/cairn/webhooks/${json.webhook.webhook_id}/deliveries`)).json.deliveries[0];
      await call("POST", `${API}/registered-models/create`, { name: "flaky" });
      await call("POST", `${API}/model-versions/create`, { name: "flaky", source: "s3://b/f" });
      await call("POST", `${API}/registered-models/alias`, { name: "flaky", alias: "champion", version: "1" });

      // The backoff counts from the end of the attempt, whose real duration the round bounds.
      const round = async () => {
        const start = performance.now();
        const sent = await dispatcher.runOnce();
        return { sent, took: performance.now() - start };
      };
      let r = await round();
      assert.equal(r.sent, 1);
      let entry = await logOf();
      assert.deepEqual([entry.status, entry.attempts, entry.last_response_status], ["pending", 1, 500]);
      assert.match(entry.last_error, /HTTP 500: fail 500/);
      assert.ok(entry.next_attempt_at >= now + 1000 && entry.next_attempt_at <= now + 1200 + r.took, "first retry after about 1 s");
      assert.equal(await dispatcher.runOnce(), 0, "not due yet");

      now = entry.next_attempt_at;
      r = await round();
      assert.equal(r.sent, 1);
      entry = await logOf();
      assert.deepEqual([entry.status, entry.attempts], ["pending", 2]);
      assert.ok(entry.next_attempt_at >= now + 2000 && entry.next_attempt_at <= now + 2400 + r.took, "second retry after about 2 s");

      now = entry.next_attempt_at;
      assert.equal(await dispatcher.runOnce(), 1);
      entry = await logOf();
      assert.deepEqual([entry.status, entry.attempts, entry.last_response_status, entry.last_error], ["succeeded", 3, 200, undefined]);
      assert.equal(receiver.received.length, 3);
      assert.equal(new Set(receiver.received.map((r) => r.headers["x-mlflow-delivery-id"])).size, 1, "one delivery, three attempts");
      assert.equal(receiver.received[0]!.headers["x-mlflow-signature"], undefined, "no secret, no signature");
      assert.deepEqual(JSON.parse(receiver.received[2]!.body).data, { name: "flaky", alias: "champion", version: "1" });
    } finally {
      await dispatcher.stop();
      await receiver.close();
    }
  });

  it("runs on its own timer, records network errors and timings, and stops cleanly", async () => {
    const receiver = await startReceiver();
    let calls = 0;
    // The first POST fails as a refused connection would; later ones go to the real receiver.
    const flakyFetch: typeof fetch = async (url, init) => {
      if (calls++ === 0) throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
      return fetch(url, init);
    };
    const dispatcher = startWebhookDispatcher({ store, clock, fetch: flakyFetch, intervalMs: 10 });
    try {
      const { json } = await call("POST", `${API}/webhooks`, { name: "timer", url: receiver.url, events: [{ entity: "REGISTERED_MODEL", action: "CREATED" }] });
      const logOf = async () => (await call("GET", `/api/2.0/cairn/webhooks/${json.webhook.webhook_id}/deliveries`)).json.deliveries[0];
      await call("POST", `${API}/registered-models/create`, { name: "timer", tags: [{ key: "k", value: "v" }] });
      const waitFor = async (done: (entry: any) => boolean) => {
        for (let i = 0; i < 200; i++) {
          const entry = await logOf();
          if (entry && done(entry)) return entry;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        assert.fail(`delivery never reached the expected state: ${JSON.stringify(await logOf())}`);
      };
      const failed = await waitFor((e) => e.attempts === 1);
      assert.equal(failed.status, "pending");
      assert.equal(failed.last_response_status, undefined);
      assert.match(failed.last_error, /failed: fetch failed \(connect ECONNREFUSED\)/);
      now = failed.next_attempt_at;
      const done = await waitFor((e) => e.status === "succeeded");
      assert.equal(done.attempts, 2);
      assert.deepEqual(JSON.parse(receiver.received[0]!.body).data, { name: "timer", tags: { k: "v" }, description: null });
    } finally {
      await dispatcher.stop();
      await receiver.close();
    }
  });

  it("sends a signed test delivery synchronously and reports the receiver's answer", async () => {
    const receiver = await startReceiver([503]);
    try {
      const { json } = await call("POST", `${API}/webhooks`, { name: "t", url: receiver.url, events: [{ entity: "REGISTERED_MODEL", action: "CREATED" }], secret: "k" });
      const id = json.webhook.webhook_id;
      const failed = await call("POST", `${API}/webhooks/${id}/test`, {});
      assert.deepEqual(failed.json, { result: { success: false, response_status: 503, response_body: "fail 503" } });
      const ok = await call("POST", `${API}/webhooks/${id}/test`, { event: { entity: "MODEL_VERSION_TAG", action: "SET" } });
      assert.deepEqual(ok.json, { result: { success: true, response_status: 200, response_body: "ok" } });
      const sent = receiver.received[1]!;
      assert.deepEqual(JSON.parse(sent.body).data, { name: "example_model", version: "1", key: "example_key", value: "example_value" });
      const h = sent.headers as Record<string, string>;
      assert.equal(h["x-mlflow-signature"], `v1,${createHmac("sha256", "k").update(`${h["x-mlflow-delivery-id"]}.${h["x-mlflow-timestamp"]}.${sent.body}`).digest("base64")}`);
    } finally {
      await receiver.close();
    }
    const { json } = await call("POST", `${API}/webhooks`, { name: "dead", url: "http://127.0.0.1:1/none", events: [{ entity: "REGISTERED_MODEL", action: "CREATED" }] });
    const unreachable = await call("POST", `${API}/webhooks/${json.webhook.webhook_id}/test`, {});
    assert.equal(unreachable.json.result.success, false);
    assert.match(unreachable.json.result.error_message, /POST http:\/\/127\.0\.0\.1:1\/none failed/);
  });

  it("gets, lists, updates and deletes webhooks; bad input is a 4xx with MLflow's codes", async () => {
    const { json } = await call("POST", `${API}/webhooks`, { name: "crud", description: "x", url: "https://e.com/h", events: [{ entity: "MODEL_VERSION", action: "UPDATED" }] });
    const id = json.webhook.webhook_id;
    assert.equal((await call("GET", `${API}/webhooks/${id}`)).json.webhook.description, "x");
    const patched = await call("PATCH", `${API}/webhooks/${id}`, { status: "DISABLED", url: "http://e.com/2" });
    assert.deepEqual([patched.json.webhook.status, patched.json.webhook.url], ["DISABLED", "http://e.com/2"]);
    const page = await call("GET", `${API}/webhooks?max_results=1`);
    assert.equal(page.json.webhooks.length, 1);
    assert.ok(page.json.next_page_token);

    const bad = [
      [{ name: "", url: "https://e.com", events: [{ entity: "MODEL_VERSION", action: "CREATED" }] }, /name must not be empty/],
      [{ name: "n", url: "ftp://e.com", events: [{ entity: "MODEL_VERSION", action: "CREATED" }] }, /only http/],
      [{ name: "n", url: "https://e.com", events: [] }, /events must not be empty/],
      [{ name: "n", url: "https://e.com", events: [{ entity: "MODEL_VERSION", action: "SET" }] }, /Invalid action 'SET' for entity 'MODEL_VERSION'/],
    ] as const;
    for (const [body, message] of bad) {
      const r = await call("POST", `${API}/webhooks`, body);
      assert.equal(r.status, 400, JSON.stringify(r.json));
      assert.equal(r.json.error_code, "INVALID_PARAMETER_VALUE");
      assert.match(r.json.message, message);
    }
    const missingField = await call("POST", `${API}/webhooks`, { name: "n", events: [] });
    assert.equal(missingField.status, 400);
    assert.equal((await call("PATCH", `${API}/webhooks/${id}`, { events: [{ entity: "NOPE", action: "CREATED" }] })).json.error_code, "INVALID_PARAMETER_VALUE");

    assert.equal((await call("DELETE", `${API}/webhooks/${id}`)).status, 200);
    for (const [method, url] of [["GET", `${API}/webhooks/${id}`], ["DELETE", `${API}/webhooks/${id}`], ["POST", `${API}/webhooks/${id}/test`], ["GET", `/api/2.0/cairn/webhooks/${id}/deliveries`]] as const) {
      const r = await call(method, url, method === "GET" ? undefined : {});
      assert.deepEqual([r.status, r.json.error_code], [404, "RESOURCE_DOES_NOT_EXIST"], `${method} ${url}`);
    }
  });
});
