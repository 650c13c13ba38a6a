import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { createNodeClient, createSystemSampler, SYSTEM_METRICS } from "@cairn/sdk/node";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

describe("system metrics", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it("samples CPU and memory as percentages and megabytes", () => {
    const sample = createSystemSampler()();
    for (const key of [SYSTEM_METRICS.cpu, SYSTEM_METRICS.memoryPercent]) assert.ok(sample[key] >= 0 && sample[key] <= 100, `${key}=${sample[key]}`);
    assert.ok(sample[SYSTEM_METRICS.memoryMb] > 0);
  });

  it("logs MLflow's system metrics with increasing steps while the run is active", async () => {
    const client = createNodeClient({ trackingUri: server.url, captureSource: false, handleCrashes: false });
    const run = await client.startRun({ experiment: "sysmetrics", systemMetrics: { intervalMs: 30 }, flushIntervalMs: 0 });
    await delay(200);
    await run.end();
    for (const key of Object.values(SYSTEM_METRICS)) {
      const { metrics } = await client.metrics.getHistory({ run_id: run.runId, metric_key: key });
      assert.ok(metrics.length >= 2, `${key}: ${metrics.length} points`);
      assert.deepEqual(metrics.map((m) => m.step), metrics.map((_, i) => i));
    }
    const after = (await client.metrics.getHistory({ run_id: run.runId, metric_key: SYSTEM_METRICS.cpu })).metrics.length;
    await delay(100);
    const later = (await client.metrics.getHistory({ run_id: run.runId, metric_key: SYSTEM_METRICS.cpu })).metrics.length;
    assert.equal(later, after, "sampling stopped when the run ended");
  });
});
