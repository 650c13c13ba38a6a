import { it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText, type CairnStore, type Metric } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

async function runWith(store: CairnStore, metrics: Metric[]): Promise<string> {
  const runId = parseJsonText(await store.createRun({ experiment_id: "0", user_id: "", start_time: 1 })).info.run_id;
  for (let i = 0; i < metrics.length; i += 1000) await store.logBatch(runId, { metrics: metrics.slice(i, i + 1000), params: [], tags: [] });
  return runId;
}

/** n points of a gentle curve, step i at timestamp 1000 + 2i, with a spike at step `spikeAt`. */
function series(n: number, spikeAt = -1): Metric[] {
  return Array.from({ length: n }, (_, i) => ({ key: "loss", value: i === spikeAt ? 50 : 1 + Math.sin(i / 50), timestamp: 1000 + 2 * i, step: i }));
}

describeEachDialect("downsampled metric history", (dialect) => {
  it("keeps a one-point spike and returns no more than max_points, in x order", async () => {
    const store = await dialect.open();
    const runId = await runWith(store, [...series(20_000, 12_345), { key: "loss", value: -7, timestamp: 99_999, step: 777 }]);
    const h = await store.getMetricHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 200, x_axis: "step" });
    assert.equal(h.downsampled, true);
    assert.equal(h.total_points, 20_001);
    assert.ok(h.points.length <= 200 && h.points.length >= 150, `got ${h.points.length} points`);
    assert.deepEqual(h.points.find((p) => p.value === 50), { step: 12_345, timestamp: 1000 + 2 * 12_345, value: 50 });
    assert.deepEqual(h.points.find((p) => p.value === -7), { step: 777, timestamp: 99_999, value: -7 });
    const steps = h.points.map((p) => p.step);
    assert.deepEqual(steps, [...steps].sort((a, b) => a - b));
  });

  it("returns a small range at full resolution and bounds ranges inclusively", async () => {
    const store = await dialect.open();
    const runId = await runWith(store, series(5000, 2500));
    const zoom = await store.getMetricHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 1000, x_axis: "step", start: 2000, end: 2999 });
    assert.equal(zoom.downsampled, false);
    assert.equal(zoom.total_points, 1000);
    assert.deepEqual(zoom.points.map((p) => p.step), Array.from({ length: 1000 }, (_, i) => 2000 + i));
    const wide = await store.getMetricHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 100, x_axis: "step", start: 1000, end: 3999 });
    assert.equal(wide.downsampled, true);
    assert.equal(wide.total_points, 3000);
    assert.ok(wide.points.every((p) => p.step >= 1000 && p.step <= 3999));
    assert.ok(wide.points.some((p) => p.value === 50));
    const whole = await store.getMetricHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 5000, x_axis: "step" });
    assert.equal(whole.points.length, 5000);
    assert.equal(whole.downsampled, false);
  });

  it("buckets along wall time with x_axis=timestamp", async () => {
    const store = await dialect.open();
    const runId = await runWith(store, series(3000, 100));
    const h = await store.getMetricHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 50, x_axis: "timestamp", start: 1000, end: 2000 });
    assert.equal(h.total_points, 501);
    assert.equal(h.downsampled, true);
    assert.ok(h.points.length <= 50);
    assert.ok(h.points.every((p) => p.timestamp >= 1000 && p.timestamp <= 2000));
    assert.ok(h.points.some((p) => p.value === 50 && p.step === 100));
    const ts = h.points.map((p) => p.timestamp);
    assert.deepEqual(ts, [...ts].sort((a, b) => a - b));
  });

  it("keeps NaN and infinities as numbers", async () => {
    const store = await dialect.open();
    const runId = await runWith(store, [
      ...series(100),
      { key: "loss", value: Number.POSITIVE_INFINITY, timestamp: 5, step: 150 },
      { key: "loss", value: Number.NEGATIVE_INFINITY, timestamp: 5, step: 151 },
      { key: "loss", value: Number.NaN, timestamp: 5, step: 300 },
    ]);
    const full = await store.getMetricHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 1000, x_axis: "step" });
    assert.deepEqual(full.points.slice(-3).map((p) => p.value), [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]);
    const reduced = await store.getMetricHistoryDownsampled({ run_id: runId, metric_key: "loss", max_points: 20, x_axis: "step" });
    const values = reduced.points.map((p) => p.value);
    assert.ok(values.includes(Number.POSITIVE_INFINITY) && values.includes(Number.NEGATIVE_INFINITY));
    assert.ok(values.some(Number.isNaN), "a bucket of NaN only keeps its NaN point");
  });

  it("answers an empty history for an unknown key and not found for an unknown run", async () => {
    const store = await dialect.open();
    const runId = await runWith(store, series(10));
    assert.deepEqual(await store.getMetricHistoryDownsampled({ run_id: runId, metric_key: "nope", max_points: 10, x_axis: "step" }), { points: [], total_points: 0, downsampled: false });
    await expectCode(store.getMetricHistoryDownsampled({ run_id: "f".repeat(32), metric_key: "loss", max_points: 10, x_axis: "step" }), "RESOURCE_DOES_NOT_EXIST", /not found/);
  });
});
