import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildHeatmap, defaultFeature, describeCell } from "./heatmap-cells";
import type { WindowSeriesEntry } from "./monitor-wire";

const H = 3_600_000;
const windows: WindowSeriesEntry[] = [
  {
    window_start_ms: 0,
    window_end_ms: H,
    events: 10,
    figures: {},
    drift: [
      { feature: "age", method: "ks", statistic: 0.5, threshold: 0.05, drifted: false, status: "ok" },
      { feature: "plan", method: "jensenshannon", statistic: 0.05, threshold: 0.1, drifted: false, status: "ok" },
    ],
  },
  {
    window_start_ms: H,
    window_end_ms: 2 * H,
    events: 10,
    figures: {},
    drift: [
      { feature: "age", method: "ks", statistic: 0.0025, threshold: 0.05, drifted: true, status: "ok" },
      { feature: "plan", method: "jensenshannon", statistic: null, threshold: 0.1, drifted: false, status: "no_current_data" },
      { feature: "legacy", method: "psi", statistic: 0.3, threshold: 0.1, drifted: true, status: "ok" },
    ],
  },
];

describe("the drift heatmap's grid", () => {
  it("has a row per feature (schema order, then unknown ones) and a cell per window", () => {
    const grid = buildHeatmap(windows, ["plan", "age", "income"]);
    assert.deepEqual(grid.windows, [0, H]);
    assert.deepEqual(grid.rows.map((r) => r.feature), ["plan", "age", "income", "legacy"]);
    for (const row of grid.rows) assert.equal(row.cells.length, 2);
    const age = grid.rows[1]!.cells;
    assert.ok(Math.abs(age[0]!.severity! - Math.log(0.5) / Math.log(0.05)) < 1e-12);
    assert.ok(Math.abs(age[1]!.severity! - 2) < 1e-12);
    assert.deepEqual([age[0]!.drifted, age[1]!.drifted], [false, true]);
    const plan = grid.rows[0]!.cells;
    assert.equal(plan[0]!.severity, 0.5);
    assert.equal(plan[1]!.severity, undefined);
    assert.equal(plan[1]!.status, "no_current_data");
    const income = grid.rows[2]!.cells;
    assert.deepEqual(income.map((c) => c.status), ["absent", "absent"]);
    assert.deepEqual(grid.rows[3]!.cells.map((c) => c.status), ["absent", "ok"]);
  });

  it("is empty without windows, still listing the features", () => {
    const grid = buildHeatmap([], ["a"]);
    assert.deepEqual(grid, { windows: [], rows: [{ feature: "a", cells: [] }] });
  });

  it("describes a cell with its method, statistic, threshold and verdict", () => {
    const grid = buildHeatmap(windows, ["plan", "age"]);
    const f = (n: number) => String(n);
    assert.equal(describeCell(grid.rows[1]!.cells[1]!, "01-01 01:00", f), "age, window 01-01 01:00: ks 0.0025 (threshold 0.05), drifted");
    assert.equal(describeCell(grid.rows[0]!.cells[0]!, "w", f), "plan, window w: jensenshannon 0.05 (threshold 0.1), no drift");
    assert.equal(describeCell(grid.rows[0]!.cells[1]!, "w", f), "plan, window w: not measured, no data in this window, no drift");
    assert.equal(describeCell(buildHeatmap(windows, ["x"]).rows[0]!.cells[0]!, "w", f), "x, window w: no data in this window");
  });

  it("starts on the most drifted feature of the latest window, else the first", () => {
    assert.equal(defaultFeature(buildHeatmap(windows, ["plan", "age"])), "legacy");
    assert.equal(defaultFeature(buildHeatmap(windows.slice(0, 1), ["plan", "age"])), "plan");
    assert.equal(defaultFeature(buildHeatmap([], [])), undefined);
  });
});
