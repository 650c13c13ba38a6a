import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InferenceLogQueue, type InferenceLogRecord, type QueuedLogRecord } from "../src/telemetry/inference-log-queue.js";
import { MetricsRegistry } from "../src/telemetry/metrics-registry.js";
import { logisticRegression } from "./fixtures/onnx-graph.js";
import { doubleColumns, loadPackage } from "./fixtures/model-package.js";
import { post, serverFor } from "./fixtures/scoring-harness.js";
import { seeded } from "./fixtures/seeded-random.js";

function queueMetrics() {
  const registry = new MetricsRegistry();
  const sent = registry.counter("sent_total", "sent").labels();
  const dropped = registry.counter("dropped_total", "dropped", ["reason"]);
  return { sent, dropped, full: () => dropped.labels("queue_full").value, failed: () => dropped.labels("send_failed").value };
}

const record = (i: number): QueuedLogRecord => ({
  request_id: `r${i}`,
  model_name: "m",
  model_version: "1",
  timestamp_ms: i,
  latency_ms: 1,
  inputs: { resolve: () => ({ inputs: [[i]] }) },
  outputs: [i],
  shadow: false,
  status_code: 200,
});

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe("inference log queue", () => {
  it("sends full batches at once and a partial batch after the flush interval, in order, with deferred values resolved", async () => {
    const metrics = queueMetrics();
    const batches: InferenceLogRecord[][] = [];
    const queue = new InferenceLogQueue({ sendLogs: async (records) => void batches.push(records), batchSize: 500, flushIntervalMs: 60_000, metrics });
    for (let i = 0; i < 1200; i++) queue.push(record(i));
    await until(() => batches.length >= 2);
    assert.deepEqual(batches.map((b) => b.length), [500, 500], "full batches go without waiting for the interval");
    assert.equal(queue.size, 200);
    await queue.close();
    assert.deepEqual(batches.map((b) => b.length), [500, 500, 200], "close sends what is left");
    assert.deepEqual(batches.flat().map((r) => r.request_id), Array.from({ length: 1200 }, (_, i) => `r${i}`));
    assert.deepEqual(batches[0]![3]!.inputs, { inputs: [[3]] });
    assert.equal(metrics.sent.value, 1200);
    assert.equal(queue.push(record(9)), false, "a closed queue takes nothing");

    const timed: InferenceLogRecord[][] = [];
    const interval = new InferenceLogQueue({ sendLogs: async (records) => void timed.push(records), flushIntervalMs: 30, metrics: queueMetrics() });
    interval.push(record(1));
    await until(() => timed.length === 1);
    assert.equal(timed[0]!.length, 1);
    await interval.close();
  });

  it("drops and counts records beyond its capacity; pushing never waits for a slow send", async () => {
    const metrics = queueMetrics();
    let finish: () => void = () => {};
    const hung = new Promise<void>((resolve) => (finish = resolve));
    const sent: number[] = [];
    const queue = new InferenceLogQueue({
      sendLogs: async (records) => {
        await hung;
        sent.push(records.length);
      },
      capacity: 10,
      batchSize: 4,
      flushIntervalMs: 60_000,
      metrics,
    });
    for (let i = 0; i < 4; i++) queue.push(record(i));
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is now in flight, and stuck
    const started = performance.now();
    let accepted = 0;
    for (let i = 4; i < 30; i++) if (queue.push(record(i))) accepted++;
    assert.ok(performance.now() - started < 20, "push returns at once while a send hangs");
    assert.equal(accepted, 10);
    assert.equal(metrics.full(), 16);
    finish();
    await queue.close();
    assert.deepEqual(sent, [4, 4, 4, 2]);
    assert.equal(metrics.sent.value, 14);
  });

  it("retries a failed batch with doubling backoff, then drops and counts it", async () => {
    const metrics = queueMetrics();
    const waits: number[] = [];
    let calls = 0;
    const delivered: string[] = [];
    const dropped: number[] = [];
    const queue = new InferenceLogQueue({
      sendLogs: async (records) => {
        calls++;
        if (records[0]!.request_id === "r0" && calls <= 2) throw new Error("tracking server restarting");
        if (records[0]!.request_id === "r1") throw new Error("refused for good");
        delivered.push(...records.map((r) => r.request_id));
      },
      batchSize: 1,
      maxRetries: 3,
      retryBaseDelayMs: 100,
      sleep: async (ms) => void waits.push(ms),
      flushIntervalMs: 60_000,
      metrics,
      onDropped: (count) => dropped.push(count),
    });
    queue.push(record(0));
    await queue.flush();
    assert.deepEqual(delivered, ["r0"], "delivered once after two failures");
    assert.deepEqual(waits, [100, 200]);
    queue.push(record(1));
    await queue.flush();
    assert.deepEqual(waits, [100, 200, 100, 200, 400], "three retries, then given up");
    assert.equal(calls, 3 + 4);
    assert.equal(metrics.failed(), 1);
    assert.deepEqual(dropped, [1]);
    assert.equal(metrics.sent.value, 1);
    await queue.close();
  });

  it("samples predictions at logSampleRate with the injected random source", async () => {
    const model = await loadPackage({ onnx: logisticRegression([1, -1], 0), columns: doubleColumns(2) });
    const logged: InferenceLogRecord[] = [];
    const server = serverFor(model, { logSampleRate: 0.3, random: seeded(42), sendLogs: async (records) => void logged.push(...records), logQueue: { flushIntervalMs: 60_000 } });
    await server.start();
    for (let i = 0; i < 200; i++) await post(server, "/invocations", { inputs: [[i, 1]] }, "application/json", { "x-request-id": `q${i}` });
    await server.close();
    // Replay the same sequence: one draw per request, logged when below the rate.
    const replay = seeded(42);
    const expected = Array.from({ length: 200 }, (_, i) => i).filter(() => replay() < 0.3);
    assert.deepEqual(logged.map((r) => r.request_id), expected.map((i) => `q${i}`));
    assert.ok(expected.length > 40 && expected.length < 80, `${expected.length} of 200 sampled`);
  });

  it("logs what was asked and answered, replayable as a scoring request", async () => {
    const model = await loadPackage({ onnx: logisticRegression([0.5, 2], -1), columns: doubleColumns(2) }, "churn", "3");
    const logged: InferenceLogRecord[] = [];
    let now = 1_700_000_000_000;
    const server = serverFor(model, { sendLogs: async (records) => void logged.push(...records), clock: () => now++ });
    await server.start();
    const request = { dataframe_split: { columns: ["f1", "f0", "id"], data: [[1, 2, "a"], [3, 4, "b"]] } };
    const answer = await post(server, "/invocations", request, "application/json", { "x-request-id": "abc" });
    const csv = await post(server, "/invocations", "f0,f1\n2,1\n", "text/csv");
    await post(server, "/invocations", { inputs: [[1]] }); // rejected: not logged
    await server.close();
    assert.equal(logged.length, 2);
    const [first, second] = logged as [InferenceLogRecord, InferenceLogRecord];
    assert.equal(first.request_id, "abc");
    assert.equal(first.model_name, "churn");
    assert.equal(first.model_version, "3");
    assert.equal(first.deployment, undefined, "a fixed model has no deployment");
    assert.equal(first.timestamp_ms, 1_700_000_000_000);
    assert.ok(first.latency_ms > 0 && first.latency_ms < 5000);
    assert.equal(first.shadow, false);
    assert.equal(first.status_code, 200);
    assert.deepEqual(first.inputs, request);
    assert.deepEqual(first.outputs, answer.json.predictions);
    assert.equal(second.request_id, csv.headers["x-request-id"]);
    assert.deepEqual(second.inputs, { dataframe_split: { columns: ["f0", "f1"], data: [[2, 1]] } });
    assert.deepEqual(JSON.parse(JSON.stringify(logged)), logged, "records are plain JSON");
  });
});
