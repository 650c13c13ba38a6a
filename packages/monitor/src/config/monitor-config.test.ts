import { it } from "node:test";
import assert from "node:assert/strict";
import { CairnError } from "@cairn/core";
import { MONITOR_DEFAULTS, resolveMonitorConfig, validateMonitorName } from "./monitor-config.js";

const features = [
  { name: "age", kind: "numeric" as const },
  { name: "plan", kind: "categorical" as const },
];

const rejects = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (error: unknown) => error instanceof CairnError && error.code === "INVALID_PARAMETER_VALUE" && pattern.test(error.message));

it("fills defaults and a binary classifier's positive class", () => {
  const config = resolveMonitorConfig({ features, task: "binary_classification" });
  assert.equal(config.window_ms, MONITOR_DEFAULTS.window_ms);
  assert.equal(config.drift_share, 0.5);
  assert.equal(config.positive_class, "1");
  assert.equal(config.reservoir_size, 1000);
  assert.deepEqual(config.features, features);
});

it("refuses bad settings with messages that say what is allowed", () => {
  rejects(() => resolveMonitorConfig({ features: [] }), /at least one feature/);
  rejects(() => resolveMonitorConfig({ features: [features[0]!, features[0]!] }), /listed twice/);
  rejects(() => resolveMonitorConfig({ features, window_ms: 1000 }), /at least 60000/);
  rejects(() => resolveMonitorConfig({ features, drift_share: 1.5 }), /drift_share.*between 0 and 1/);
  rejects(() => resolveMonitorConfig({ features: [{ name: "plan", kind: "categorical", method: "ks" }] }), /categorical; method 'ks' needs ordered values/);
  rejects(() => resolveMonitorConfig({ features: [{ name: "x", kind: "numeric", method: "nope" as never }] }), /unknown method 'nope'/);
  rejects(() => resolveMonitorConfig({ features: [{ name: "x", kind: "numeric", threshold: -1 }] }), /threshold of 'x'/);
  rejects(() => resolveMonitorConfig({ features, reservoir_size: 10 }), /reservoir_size/);
});

it("updates features by name and keeps their kind", () => {
  const base = resolveMonitorConfig({ features });
  const updated = resolveMonitorConfig({ features: [{ name: "age", kind: "numeric", method: "psi", threshold: 0.2 }], drift_share: 0.3 }, base);
  assert.deepEqual(updated.features[0], { name: "age", kind: "numeric", method: "psi", threshold: 0.2 });
  assert.deepEqual(updated.features[1], features[1]);
  assert.equal(updated.drift_share, 0.3);
  rejects(() => resolveMonitorConfig({ features: [{ name: "income", kind: "numeric" }] }, base), /not in this monitor's reference/);
  rejects(() => resolveMonitorConfig({ features: [{ name: "age", kind: "categorical" }] }, base), /kind cannot change/);
  rejects(() => resolveMonitorConfig({ window_ms: 60_000 }, base), /'window_ms' cannot change/);
});

it("checks monitor names", () => {
  validateMonitorName("churn-prod.v2");
  rejects(() => validateMonitorName(""), /Missing value/);
  rejects(() => validateMonitorName("a/b"), /Invalid monitor name/);
});
