import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LIMITS } from "@cairn/core";
import { RunBuffer } from "../src/run/run-buffer.js";
import { backoffDelay, parseRetryAfter } from "../src/http/retry-policy.js";

describe("RunBuffer", () => {
  it("cuts batches within every log-batch limit, oldest first", () => {
    const buffer = new RunBuffer();
    for (let i = 0; i < 150; i++) buffer.addParam({ key: `p${i}`, value: "v" });
    for (let i = 0; i < 2100; i++) buffer.addMetric({ key: "m", value: i, step: i, timestamp: 0 });
    assert.ok(buffer.isFull());
    const first = buffer.takeBatch()!;
    assert.equal(first.params.length, LIMITS.batchParams);
    assert.equal(first.metrics.length, LIMITS.batchEntities - LIMITS.batchParams, "params and metrics share the 1000-entity limit");
    assert.equal(first.metrics[0]!.step, 0);
    const second = buffer.takeBatch()!;
    assert.equal(second.params.length, 50);
    assert.equal(second.metrics[0]!.step, 900);
    let rest = 0;
    for (let batch = buffer.takeBatch(); batch; batch = buffer.takeBatch()) rest += batch.metrics.length;
    assert.equal(first.metrics.length + second.metrics.length + rest, 2100);
    assert.equal(buffer.size, 0);
    assert.equal(buffer.takeBatch(), undefined);
  });

  it("counts UTF-8 bytes, so multi-byte values split earlier than ASCII ones", () => {
    const ascii = new RunBuffer();
    const wide = new RunBuffer();
    for (let i = 0; i < 100; i++) {
      ascii.addTag({ key: `t${i}`, value: "a".repeat(8000) });
      wide.addTag({ key: `t${i}`, value: "€".repeat(8000) });
    }
    assert.equal(ascii.takeBatch()!.tags.length, 100);
    const cut = wide.takeBatch()!.tags.length;
    assert.ok(cut < 50 && cut > 30, String(cut));
  });
});

describe("retry policy", () => {
  it("doubles the backoff ceiling per retry, jittered into its upper half, capped", () => {
    const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 };
    assert.deepEqual([0, 1, 2, 3, 4].map((r) => backoffDelay(policy, r)), [100, 200, 400, 800, 1000]);
    assert.equal(backoffDelay({ ...policy, random: () => 0 }, 2), 200);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    assert.equal(parseRetryAfter("3", now), 3000);
    assert.equal(parseRetryAfter("Wed, 01 Jan 2025 00:00:05 GMT", now), 5000);
    assert.equal(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now), 0);
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter("soon", now), undefined);
  });
});
