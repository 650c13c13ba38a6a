import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { createClient, type CairnClient, type FetchLike } from "@cairn/sdk";
import { countingFetch } from "./helpers/counting-fetch.js";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

describe("run handle batching", () => {
  let server: TestServer;
  let reader: CairnClient;
  before(async () => {
    server = await startTestServer();
    reader = createClient({ trackingUri: server.url, maxRetries: 0 });
  });
  after(() => server.close());

  it("sends 10,000 logMetric calls as 10 log-batch requests and keeps every point", async () => {
    const requests = countingFetch();
    const client = createClient({ trackingUri: server.url, fetch: requests.fetch });
    const run = await client.startRun({ experiment: "batching" });
    for (let step = 0; step < 10_000; step++) run.logMetric("loss", 1 / (step + 1), { step });
    await run.end();
    assert.equal(requests.count("/runs/log-batch"), Math.ceil(10_000 / 1000));
    const steps: number[] = [];
    for await (const point of reader.metrics.iterateHistory({ run_id: run.runId, metric_key: "loss" })) steps.push(point.step);
    assert.equal(steps.length, 10_000);
    assert.deepEqual(steps, Array.from({ length: 10_000 }, (_, i) => i));
  });

  it("never has two log-batch calls of a run in flight and keeps their order", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const firstSteps: number[] = [];
    const slowFetch: FetchLike = async (url, init) => {
      if (!url.endsWith("/runs/log-batch")) return fetch(url, init);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      firstSteps.push((JSON.parse(String(init.body)) as { metrics: { step: number }[] }).metrics[0]!.step);
      await delay(15);
      try {
        return await fetch(url, init);
      } finally {
        inFlight--;
      }
    };
    const client = createClient({ trackingUri: server.url, fetch: slowFetch });
    const run = await client.startRun({ experiment: "serialized", flushIntervalMs: 5 });
    const flushes: Promise<void>[] = [];
    for (let step = 0; step < 2500; step++) {
      run.logMetric("x", step, { step });
      if (step % 300 === 0) flushes.push(run.flush());
      if (step % 700 === 0) await delay(10);
    }
    await Promise.all(flushes);
    await run.end();
    assert.equal(maxInFlight, 1);
    assert.deepEqual(firstSteps, [...firstSteps].sort((a, b) => a - b));
    const { metrics } = await reader.metrics.getHistory({ run_id: run.runId, metric_key: "x" });
    assert.equal(metrics.length, 2500);
  });

  it("flushes at 100 params or 100 tags, and on the timer", async () => {
    const requests = countingFetch();
    const client = createClient({ trackingUri: server.url, fetch: requests.fetch });
    const run = await client.startRun({ experiment: "thresholds", flushIntervalMs: 60_000 });
    for (let i = 0; i < 100; i++) run.setTag(`t${i}`, "v");
    await delay(50);
    assert.equal(requests.count("/runs/log-batch"), 1, "100 tags fill a batch");
    for (let i = 0; i < 250; i++) run.logParam(`p${i}`, i);
    await run.flush();
    assert.equal(requests.count("/runs/log-batch"), 4, "250 params are 3 batches");
    await run.end();

    const timed = await client.startRun({ experiment: "thresholds", flushIntervalMs: 20 });
    timed.logMetric("early", 1);
    await delay(150);
    const { run: got } = await reader.runs.get({ run_id: timed.runId });
    assert.ok(got.data.metrics?.some((m) => m.key === "early"), "the timer flushed without flush()");
    await timed.end();
  });

  it("splits batches that would exceed MLflow's 1 MB request limit", async () => {
    const requests = countingFetch();
    const client = createClient({ trackingUri: server.url, fetch: requests.fetch });
    const run = await client.startRun({ experiment: "big-values", flushIntervalMs: 0 });
    for (let i = 0; i < 100; i++) run.logParam(`p${i}`, "x".repeat(6000));
    for (let i = 0; i < 100; i++) run.setTag(`t${i}`, "y".repeat(8000));
    await run.end();
    assert.ok(requests.count("/runs/log-batch") >= 2);
    const { run: got } = await reader.runs.get({ run_id: run.runId });
    assert.equal(got.data.params?.length, 100);
    assert.equal(got.data.tags?.filter((t) => t.key.startsWith("t")).length, 100);
  });

  it("reports a rejected batch on the next flush, naming what was lost", async () => {
    const client = createClient({ trackingUri: server.url, maxRetries: 0 });
    const run = await client.startRun({ experiment: "rejected", flushIntervalMs: 0 });
    await reader.runs.delete({ run_id: run.runId });
    run.logMetric("m", 1);
    await assert.rejects(run.flush(), (error: Error & { code?: string }) => {
      assert.equal(error.name, "CairnError");
      assert.match(error.message, /1 metrics, 0 params and 0 tags were not recorded/);
      return true;
    });
    await run.flush(); // the failure was reported once
  });

  it("rejects bad input at the call, before it can spoil a batch", async () => {
    const client = createClient({ trackingUri: server.url });
    const run = await client.startRun({ experiment: "validation", flushIntervalMs: 0 });
    assert.throws(() => run.logMetric("bad key!", 1), { code: "INVALID_PARAMETER_VALUE" });
    assert.throws(() => run.logMetric("ok", Number("x") as unknown as number, { step: 1.5 }), { code: "INVALID_PARAMETER_VALUE" });
    run.logParam("lr", 0.1);
    run.logParam("lr", "0.1");
    assert.throws(() => run.logParam("lr", 0.2), { code: "INVALID_PARAMETER_VALUE" });
    assert.throws(() => run.setTag("t", "v".repeat(8001)), { code: "INVALID_PARAMETER_VALUE" });
    await run.end();
    assert.throws(() => run.logMetric("late", 1), { code: "INVALID_STATE" });
  });
});
