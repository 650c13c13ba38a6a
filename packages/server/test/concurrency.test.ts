import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

// SQLite has one writer: 16 clients logging at once over real sockets must lose nothing and
// never see SQLITE_BUSY (a 503) or any other error.
describe("16 concurrent writers on SQLite", () => {
  let s: TestServer;
  let base = "";
  before(async () => {
    s = await startTestServer();
    await s.app.listen({ host: "127.0.0.1", port: 0 });
    const address = s.app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/2.0/mlflow`;
  });
  after(() => s.close());

  it("keeps every point of every client", async () => {
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = await response.json();
      assert.equal(response.status, 200, JSON.stringify(json));
      return json;
    };
    const clients = 16;
    const batches = 20;
    const perBatch = 250;
    const runIds = await Promise.all(Array.from({ length: clients }, async () => (await post("/runs/create", { experiment_id: "0" })).run.info.run_id as string));
    await Promise.all(
      runIds.map(async (runId, client) => {
        for (let b = 0; b < batches; b++) {
          const metrics = Array.from({ length: perBatch }, (_, i) => ({ key: "loss", value: client + i / 1000, timestamp: 1, step: b * perBatch + i }));
          await post("/runs/log-batch", { run_id: runId, metrics, params: [{ key: `p${b}`, value: String(client) }], tags: [{ key: "client", value: String(client) }] });
        }
      }),
    );
    for (const runId of runIds) {
      let count = 0;
      let token = "";
      do {
        const response = await fetch(`${base}/metrics/get-history?run_id=${runId}&metric_key=loss&max_results=1000${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
        const page = (await response.json()) as { metrics?: unknown[]; next_page_token?: string };
        count += page.metrics?.length ?? 0;
        token = page.next_page_token ?? "";
      } while (token);
      assert.equal(count, batches * perBatch);
      const run = (await (await fetch(`${base}/runs/get?run_id=${runId}`)).json()) as { run: { data: { params: unknown[] } } };
      assert.equal(run.run.data.params.length, batches);
    }
  });
});
