import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient, type CairnClient } from "@cairn/sdk";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("client.metrics.getHistoryDownsampled against a real server", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  let runId = "";
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    const { experiment_id } = await client.experiments.create({ name: "downsample" });
    runId = (await client.runs.create({ experiment_id })).run.info.run_id;
    for (let start = 0; start < 4000; start += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: "loss", value: start + i === 3210 ? 1e6 : Math.cos(start + i), timestamp: 1000 + start + i, step: start + i }));
      await client.runs.logBatch({ run_id: runId, metrics });
    }
    await client.runs.logBatch({ run_id: runId, metrics: [{ key: "loss", value: Number.POSITIVE_INFINITY, timestamp: 9000, step: 4000 }] });
  });
  after(() => server.close());

  it("keeps the spike when downsampling and decodes non-finite values", async () => {
    const h = await client.metrics.getHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 300 });
    assert.equal(h.downsampled, true);
    assert.equal(h.total_points, 4001);
    assert.ok(h.points.length <= 300);
    assert.deepEqual(h.points.find((p) => p.value === 1e6), { step: 3210, timestamp: 4210, value: 1e6 });
    assert.equal(h.points.at(-1)?.value, Number.POSITIVE_INFINITY);
    const zoom = await client.metrics.getHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 300, x_axis: "timestamp", start: 4000, end: 4209 });
    assert.equal(zoom.downsampled, false);
    assert.equal(zoom.points.length, 210);
  });

  it("rebuilds the server's coded errors", async () => {
    await assert.rejects(client.metrics.getHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 1 }), (e: Error & { code?: string }) => e.code === "INVALID_PARAMETER_VALUE" && /max_points/.test(e.message));
    await assert.rejects(client.metrics.getHistoryDownsampled({ run_id: "0".repeat(32), metric_key: "loss" }), (e: Error & { code?: string }) => e.code === "RESOURCE_DOES_NOT_EXIST");
  });
});
