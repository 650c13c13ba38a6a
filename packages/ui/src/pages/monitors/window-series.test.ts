import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { WindowSeriesEntry } from "./monitor-wire";
import { figureSeries, performanceFigures } from "./window-series";

const w = (start: number, figures: WindowSeriesEntry["figures"]): WindowSeriesEntry => ({ window_start_ms: start, window_end_ms: start + 1000, events: 1, figures, drift: [] });

describe("per-window figure series", () => {
  it("lists the performance figures that have a value somewhere, realised ones in a fixed order", () => {
    const windows = [
      w(0, { drift_share: 0, f1: null, accuracy: null, estimated_f1: 0.8, estimated_accuracy: 0.9, estimated_roc_auc: null }),
      w(1000, { drift_share: 0.5, f1: 0.7, accuracy: 0.75, estimated_f1: 0.6, estimated_accuracy: null }),
    ];
    assert.deepEqual(performanceFigures(windows), { realised: ["accuracy", "f1"], estimated: ["estimated_accuracy", "estimated_f1"] });
  });

  it("has no realised figures before labels arrive", () => {
    const windows = [w(0, { f1: null, accuracy: null, estimated_f1: 0.8 })];
    assert.deepEqual(performanceFigures(windows), { realised: [], estimated: ["estimated_f1"] });
    assert.deepEqual(performanceFigures([]), { realised: [], estimated: [] });
  });

  it("aligns figures on window starts in seconds, with gaps as null", () => {
    const windows = [w(3_600_000, { f1: 0.5, drift_share: Number.NaN }), w(7_200_000, { drift_share: 0.25 })];
    assert.deepEqual(figureSeries(windows, ["f1", "drift_share"]), [
      [3600, 7200],
      [0.5, null],
      [null, 0.25],
    ]);
  });
});
