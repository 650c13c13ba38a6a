import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { rangeIdOf, rangeMs, windowRange } from "./time-range";

describe("monitor time ranges", () => {
  it("reads a ?range= value, falling back to the last 30 days", () => {
    assert.equal(rangeIdOf("24h"), "24h");
    assert.equal(rangeIdOf("all"), "all");
    assert.equal(rangeIdOf(null), "30d");
    assert.equal(rangeIdOf("1y"), "30d");
  });

  it("ends at the next minute after now and spans the chosen length", () => {
    const now = Date.UTC(2026, 0, 10, 12, 30, 15);
    const end = Date.UTC(2026, 0, 10, 12, 31, 0);
    assert.deepEqual(rangeMs("24h", now), { start_time_ms: end - 86_400_000, end_time_ms: end });
    assert.deepEqual(rangeMs("7d", now), { start_time_ms: end - 7 * 86_400_000, end_time_ms: end });
    assert.deepEqual(rangeMs("all", now), { start_time_ms: 0, end_time_ms: end });
    // A time exactly on a minute still lies inside its range (the end is exclusive).
    const onMinute = Date.UTC(2026, 0, 10, 12, 30, 0);
    assert.equal(rangeMs("24h", onMinute).end_time_ms, onMinute + 60_000);
    // Two renders within the same minute ask for the same range.
    assert.deepEqual(rangeMs("30d", now), rangeMs("30d", now + 20_000));
  });

  it("narrows to one window, or keeps the whole range", () => {
    const range = { start_time_ms: 0, end_time_ms: 10_000_000 };
    assert.deepEqual(windowRange(range, 3_600_000, 3_600_000), { start_time_ms: 3_600_000, end_time_ms: 7_200_000 });
    assert.equal(windowRange(range, undefined, 3_600_000), range);
  });
});
