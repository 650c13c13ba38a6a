import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { contrast, driftSeverity, luminance, severityColor, SEVERITY_CAP, symbolColor } from "./drift-scale";

describe("drift severity for the heatmap", () => {
  it("divides a distance by its threshold", () => {
    assert.equal(driftSeverity("wasserstein", 0.05, 0.1), 0.5);
    assert.equal(driftSeverity("jensenshannon", 0.1, 0.1), 1);
    assert.equal(driftSeverity("psi", 0.25, 0.1), 2.5);
    assert.equal(driftSeverity("psi", 5, 0.1), SEVERITY_CAP);
    assert.equal(driftSeverity("hellinger", -0.01, 0.1), 0);
  });

  it("puts p-values on a log scale: the threshold is 1, its square is 2", () => {
    assert.equal(driftSeverity("ks", 1, 0.05), 0);
    assert.equal(driftSeverity("ks", 0.05, 0.05), 1);
    assert.ok(Math.abs(driftSeverity("chisquare", 0.0025, 0.05)! - 2) < 1e-12);
    // log(0.5)/log(0.05) = 0.231378... (python3: math.log(0.5)/math.log(0.05))
    assert.ok(Math.abs(driftSeverity("z", 0.5, 0.05)! - 0.23137821315975918) < 1e-12);
    assert.equal(driftSeverity("ks", 1e-300, 0.05), SEVERITY_CAP);
    assert.equal(driftSeverity("ks", 0, 0.05), SEVERITY_CAP);
  });

  it("is undefined when nothing was measured or the threshold makes no sense", () => {
    assert.equal(driftSeverity("ks", null, 0.05), undefined);
    assert.equal(driftSeverity("psi", Number.NaN, 0.1), undefined);
    assert.equal(driftSeverity("psi", 0.2, 0), undefined);
    assert.equal(driftSeverity("ks", 0.2, 1), undefined);
  });
});

describe("heatmap colours", () => {
  it("darken monotonically with severity, with a step at the threshold", () => {
    const levels = [0, 0.5, 0.99, 1, 1.5, 2, 2.5, 3].map((s) => luminance(severityColor(s)));
    for (let i = 1; i < levels.length; i++) assert.ok(levels[i]! < levels[i - 1]!, `luminance at step ${i} does not drop: ${levels.join(", ")}`);
    assert.ok(levels[2]! - levels[3]! > 0.2, "no visible step at the threshold");
    assert.equal(severityColor(0), "rgb(238, 242, 247)");
    assert.equal(severityColor(99), "rgb(110, 14, 14)");
    assert.equal(severityColor(undefined), "rgb(205, 210, 218)");
  });

  it("pick a symbol colour with AA contrast on every cell colour", () => {
    for (let s = 0; s <= SEVERITY_CAP; s += 0.05) {
      const bg = severityColor(s);
      const fg = symbolColor(bg);
      assert.ok(contrast(luminance(bg), luminance(fg)) >= 4.5, `severity ${s}: ${fg} on ${bg}`);
    }
    assert.equal(symbolColor("rgb(110, 14, 14)"), "rgb(255, 255, 255)");
    assert.equal(symbolColor("rgb(238, 242, 247)"), "rgb(26, 31, 41)");
    assert.throws(() => luminance("#fff"), /Not an rgb/);
  });
});
