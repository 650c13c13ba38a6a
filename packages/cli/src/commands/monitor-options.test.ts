import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InvalidArgumentError } from "commander";
import { parseDuration, parseFeatureType, parseMethod, parseShare, parseThreshold, timeBound } from "./monitor-options.js";

describe("monitor option parsers", () => {
  it("parses durations with units and combinations", () => {
    assert.deepEqual(["500ms", "30s", "30m", "1h", "1d", "2w", "1h30m", "1.5h"].map(parseDuration), [500, 30_000, 1_800_000, 3_600_000, 86_400_000, 1_209_600_000, 5_400_000, 5_400_000]);
    for (const bad of ["", "1", "1x", "h", "-1h", "0m", "1h 30m", "1H"]) assert.throws(() => parseDuration(bad), InvalidArgumentError, bad);
  });

  it("reads time bounds as ms, ISO times or a time before now", () => {
    const now = Date.UTC(2026, 2, 8, 12);
    assert.equal(timeBound("-7d", now), now - 7 * 86_400_000);
    assert.equal(timeBound("12h", now), now - 12 * 3_600_000);
    assert.equal(timeBound("2026-03-01T00:00:00Z", now), Date.UTC(2026, 2, 1));
    assert.equal(timeBound("1700000000000", now), 1_700_000_000_000);
    assert.throws(() => timeBound("last week", now), /expected an ISO time/);
  });

  it("parses per-column settings and refuses bad ones", () => {
    assert.deepEqual(parseMethod("b=ks", parseMethod("a=psi")), { a: "psi", b: "ks" });
    assert.deepEqual(parseThreshold("x=y=0.2"), { "x=y": 0.2 });
    assert.deepEqual(parseFeatureType("zip=categorical"), { zip: "categorical" });
    assert.throws(() => parseMethod("a=magic"), /unknown drift method 'magic'/);
    assert.throws(() => parseMethod("=psi"), /expected column=value/);
    assert.throws(() => parseThreshold("a=0"), /positive number/);
    assert.throws(() => parseThreshold("a=abc"), /positive number/);
    assert.throws(() => parseFeatureType("a=text"), /numeric or categorical/);
    assert.equal(parseShare("0.3"), 0.3);
    assert.throws(() => parseShare("1.5"), /share from 0 to 1/);
  });
});
