import type { MonitorConfig, MonitorFeature } from "@cairn/core";
import { resolveMonitorConfig } from "../config/monitor-config.js";
import { buildMonitorReference } from "../reference/monitor-reference.js";
import { mergeStoredWindows } from "../report/merge-windows.js";
import { ingestDeltas, prepareEvents } from "../window/ingest-deltas.js";
import type { DatasetDrift } from "@cairn/core";
import { datasetDrift } from "./dataset-drift.js";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

/** Drift of current rows against reference rows through the whole pipeline: reference profile, window ingest, encoding, merge. */
export function driftOf(reference: Record<string, unknown>[], current: Record<string, unknown>[], features: MonitorFeature[], overrides: Partial<MonitorConfig> = {}): DatasetDrift {
  const config = resolveMonitorConfig({ features, window_ms: HOUR, ...overrides });
  const ref = buildMonitorReference(reference, config, { seed: 11 });
  const prepared = prepareEvents(
    current.map((features, i) => ({ timestamp_ms: T0 + (i % 3) * HOUR, features })),
    config,
    T0 + 4 * HOUR,
  );
  const { windows } = ingestDeltas(ref, config, prepared.events, prepared.events.map((_, i) => i));
  const merged = mergeStoredWindows(ref, config, windows.map((w) => ({ ...w, updated_at: 0 })));
  return datasetDrift(ref.profile, merged.data, merged.sample, config);
}
