import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CairnError } from "@cairn/core";
import type { RowSkew } from "@cairn/sdk";
import { afterRows, rowsToEvents, rowsToLabels, timestampOf } from "./monitor-events.js";
import { mergeRowSkew } from "./monitor-skew-command.js";

describe("rows to monitor events", () => {
  it("fills the named fields and keeps every other column as a feature", () => {
    const rows = [
      { id: 7, ts: "2026-03-01T00:00:00Z", age: 31, plan: "pro", p: 0.8, y: 1, v: 3, pred: 1 },
      { id: null, ts: null, age: null, plan: "free", p: null, y: null, v: null, pred: null },
    ];
    const events = rowsToEvents(rows, { id: "id", timestamp: "ts", score: "p", label: "y", variant: "v", prediction: "pred" }, 1);
    assert.deepEqual(events, [
      { request_id: "7", timestamp_ms: Date.UTC(2026, 2, 1), features: { age: 31, plan: "pro" }, prediction: 1, score: 0.8, label: 1, variant: "3" },
      { features: { age: null, plan: "free" }, score: null },
    ]);
  });

  it("refuses bad timestamps and scores, naming the row", () => {
    assert.equal(timestampOf(1_700_000_000_000, "ts", 1), 1_700_000_000_000);
    assert.equal(timestampOf("1700000000000", "ts", 1), 1_700_000_000_000);
    assert.equal(timestampOf("", "ts", 1), undefined);
    assert.throws(() => timestampOf("soon", "ts", 12), /Row 12: 'soon' in timestamp column 'ts' is not a time/);
    assert.throws(() => rowsToEvents([{ s: "high" }], { score: "s" }, 5), /Row 5: 'high' in score column 's' is not a number/);
  });

  it("turns rows into labels, skipping empty labels and refusing missing ids", () => {
    assert.deepEqual(rowsToLabels([{ id: "a", y: 0 }, { id: "b", y: "" }, { id: 3, y: "yes" }], "id", "y", 1), { labels: [{ request_id: "a", label: 0 }, { request_id: "3", label: "yes" }], skipped: 1 });
    assert.throws(() => rowsToLabels([{ id: "a", y: 1 }, { y: 1 }], "id", "y", 10), /Row 11 has no value in id column 'id'/);
  });

  it("says how many rows were sent before an error", () => {
    const error = afterRows(new CairnError("INVALID_PARAMETER_VALUE", "bad row."), 20_000, "sent") as CairnError;
    assert.equal(error.code, "INVALID_PARAMETER_VALUE");
    assert.match(error.message, /^bad row\. \(20000 rows before it were already sent/);
    const untouched = new Error("x");
    assert.equal(afterRows(untouched, 5, "sent"), untouched);
  });
});

describe("mergeRowSkew", () => {
  const part = (matched: number, compared: number, mismatches: number, meanAbs: number, unmatched: string[]): RowSkew => ({
    offline_rows: matched + unmatched.length,
    matched,
    unmatched_ids: unmatched,
    features: [{ feature: "age", compared, mismatches, mismatch_rate: mismatches / compared, mean_abs_diff: meanAbs, examples: [{ id: `e${compared}`, offline: 1, served: 2 }] }],
  });

  it("adds counts and weights mean differences by rows compared", () => {
    const merged = mergeRowSkew(part(4, 4, 1, 2, ["x"]), part(6, 6, 3, 1, ["y"]));
    assert.deepEqual([merged.offline_rows, merged.matched, merged.unmatched_ids], [12, 10, ["x", "y"]]);
    // (2 * 4 + 1 * 6) / 10 = 1.4; 4 mismatches of 10.
    assert.deepEqual(merged.features, [{ feature: "age", compared: 10, mismatches: 4, mismatch_rate: 0.4, mean_abs_diff: 1.4, examples: [{ id: "e4", offline: 1, served: 2 }, { id: "e6", offline: 1, served: 2 }] }]);
    assert.equal(mergeRowSkew(undefined, part(1, 1, 0, 0, [])).matched, 1);
  });
});
