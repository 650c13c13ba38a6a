import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CairnError } from "@cairn/core";
import { ServerUnreachableError, createClient } from "@cairn/sdk";

// The only fake servers in these tests: tiny loopback HTTP servers that misbehave on purpose
// (503 twice, Retry-After, non-JSON errors), which a real Cairn server never does on demand.

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

async function loopback(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const experiment = { experiment_id: "1", name: "e", artifact_location: "x", lifecycle_stage: "active", creation_time: 1, last_update_time: 1 };

describe("transport retries and errors", () => {
  const servers: Server[] = [];
  const start = async (handler: Handler) => {
    const s = await loopback(handler);
    servers.push(s.server);
    return s.url;
  };
  // closeAllConnections: fetch keeps sockets alive, which would hold close() for seconds.
  after(() => Promise.all(servers.map((s) => new Promise((resolve) => (s.close(resolve), s.closeAllConnections())))));

  it("retries 503 twice with growing backoff, then succeeds", async () => {
    let calls = 0;
    const url = await start((_req, res) => {
      calls++;
      if (calls <= 2) {
        res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error_code: "TEMPORARILY_UNAVAILABLE", message: "busy" }));
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ experiment }));
      }
    });
    const sleeps: number[] = [];
    const client = createClient({ trackingUri: url, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, retryBaseDelayMs: 100 });
    const answer = await client.experiments.get({ experiment_id: "1" });
    assert.equal(answer.experiment.name, "e");
    assert.equal(calls, 3);
    assert.deepEqual(sleeps, [75, 150]);
  });

  it("honours Retry-After in seconds", async () => {
    let calls = 0;
    const url = await start((_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(429, { "retry-after": "2" }).end("slow down");
      else res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const sleeps: number[] = [];
    const client = createClient({ trackingUri: url, sleep: async (ms) => void sleeps.push(ms) });
    await client.experiments.rename({ experiment_id: "1", new_name: "x" });
    assert.deepEqual(sleeps, [2000]);
  });

  it("gives up after maxRetries and rethrows the server's envelope", async () => {
    let calls = 0;
    const url = await start((_req, res) => {
      calls++;
      res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error_code: "TEMPORARILY_UNAVAILABLE", message: "down for maintenance" }));
    });
    const client = createClient({ trackingUri: url, maxRetries: 3, sleep: async () => {} });
    await assert.rejects(client.experiments.get({ experiment_id: "1" }), { code: "TEMPORARILY_UNAVAILABLE", message: "down for maintenance" });
    assert.equal(calls, 4);
  });

  it("does not retry 4xx answers", async () => {
    let calls = 0;
    const url = await start((_req, res) => {
      calls++;
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "No Experiment with id=1 exists" }));
    });
    const client = createClient({ trackingUri: url, sleep: async () => assert.fail("must not sleep") });
    await assert.rejects(client.experiments.get({ experiment_id: "1" }), { code: "RESOURCE_DOES_NOT_EXIST" });
    assert.equal(calls, 1);
  });

  it("describes answers without an envelope by their status", async () => {
    const url = await start((_req, res) => res.writeHead(502, "Bad Gateway").end("<html>proxy error</html>"));
    const client = createClient({ trackingUri: url, maxRetries: 0 });
    await assert.rejects(client.experiments.get({ experiment_id: "1" }), (error: unknown) => {
      assert.ok(error instanceof CairnError);
      assert.equal(error.code, "INTERNAL_ERROR");
      assert.match(error.message, /HTTP 502 Bad Gateway: <html>proxy error/);
      return true;
    });
  });

  it("sends the bearer token, GET parameters as repeated keys and JSON bodies on other methods", async () => {
    const seen: { method?: string; url?: string; auth?: string; type?: string; body: string }[] = [];
    const url = await start((req, res, body) => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers["content-type"], body });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const client = createClient({ trackingUri: `${url}/`, token: "s3cret", maxRetries: 0 });
    await client.metrics.getHistoryBulkInterval({ run_ids: ["a", "b"], metric_key: "loss", max_results: 5 });
    await client.loggedModels.delete({ model_id: "m-1" });
    assert.equal(seen[0]!.url, "/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=a&run_ids=b&metric_key=loss&max_results=5");
    assert.equal(seen[0]!.body, "");
    assert.equal(seen[0]!.auth, "Bearer s3cret");
    assert.deepEqual([seen[1]!.method, seen[1]!.url, seen[1]!.type, seen[1]!.body], ["DELETE", "/api/2.0/mlflow/logged-models/m-1", "application/json", "{}"]);
  });

  it("retries network failures, then names the URL and what to check", async () => {
    // A port that was just free: connections are refused.
    const { url, server } = await loopback(() => {});
    await new Promise((resolve) => server.close(resolve));
    const sleeps: number[] = [];
    const client = createClient({ trackingUri: url, maxRetries: 2, sleep: async (ms) => void sleeps.push(ms) });
    await assert.rejects(client.experiments.get({ experiment_id: "1" }), (error: unknown) => {
      assert.ok(error instanceof ServerUnreachableError);
      assert.equal(error.code, "TEMPORARILY_UNAVAILABLE");
      assert.ok(error.message.includes(url));
      assert.match(error.message, /ECONNREFUSED/);
      assert.match(error.message, /CAIRN_TRACKING_URI/);
      return true;
    });
    assert.equal(sleeps.length, 2);
  });

  it("times out a silent server and retries it", async () => {
    let calls = 0;
    const url = await start(() => {
      calls++; // never answers
    });
    const client = createClient({ trackingUri: url, timeoutMs: 50, maxRetries: 1, sleep: async () => {} });
    await assert.rejects(client.experiments.get({ experiment_id: "1" }), { code: "TEMPORARILY_UNAVAILABLE", message: /no answer within 50 ms/ });
    assert.equal(calls, 2);
  });

  it("does not resend a deployment action after a network failure (it may have been applied), but retries a 503", async () => {
    const seen: string[] = [];
    let rollbacks = 0;
    const url = await start((req, res) => {
      seen.push(req.url ?? "");
      // The request was read, then the connection dies before an answer: the server may have applied it.
      if (req.url?.endsWith("/rollback")) return void (rollbacks++, req.socket.destroy());
      if (seen.filter((u) => u.endsWith("/canary")).length === 1) {
        return void res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error_code: "TEMPORARILY_UNAVAILABLE", message: "busy" }));
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ deployment: { name: "d" } }));
    });
    const client = createClient({ trackingUri: url, maxRetries: 3, sleep: async () => {} });
    await assert.rejects(client.deployments.rollback({ name: "d" }), (error: unknown) => error instanceof ServerUnreachableError);
    assert.equal(rollbacks, 1);
    assert.deepEqual(await client.deployments.canary({ name: "d", model_uri: "models:/m/2", percent: 10 }), { deployment: { name: "d" } });
    assert.equal(seen.filter((u) => u.endsWith("/canary")).length, 2);
  });
});
