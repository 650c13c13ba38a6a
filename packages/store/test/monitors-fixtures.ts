import type { CairnStore, CreateMonitorRecord, Monitor, MonitorConfig, MonitorWindowData, MonitorWindowMerger, StoredMonitorEvent } from "@cairn/core";

/** The window length the monitor tests use: one minute, the shortest allowed. */
export const WINDOW_MS = 60_000;

/** A complete config with the given fields replaced. */
export function monitorConfig(overrides: Partial<MonitorConfig> = {}): MonitorConfig {
  return {
    features: [
      { name: "age", kind: "numeric" },
      { name: "city", kind: "categorical", method: "psi", threshold: 0.2 },
    ],
    task: "binary_classification",
    window_ms: WINDOW_MS,
    positive_class: "1",
    drift_share: 0.5,
    bh_correction: false,
    missing_rate_threshold: 0.05,
    unseen_share_threshold: 0.1,
    raw_retention_days: 7,
    reservoir_size: 100,
    ...overrides,
  };
}

/** A create request for a monitor of model "churn" with a small reference profile. */
export function monitorRecord(name: string, overrides: Partial<CreateMonitorRecord> = {}): CreateMonitorRecord {
  return {
    name,
    model_name: "churn",
    config: monitorConfig(),
    reference: { source: "reference.csv", rows: 1000, labeled_rows: 250 },
    reference_profile: new Uint8Array([1, 2, 3, 250]),
    ...overrides,
  };
}

/** Creates a monitor and returns it. */
export function createMonitor(store: CairnStore, name: string, overrides: Partial<CreateMonitorRecord> = {}): Promise<Monitor> {
  return store.createMonitor(monitorRecord(name, overrides));
}

/** A stored event of the given id and time, its window computed from WINDOW_MS. */
export function storedEvent(id: string, t: number, extra: Partial<StoredMonitorEvent> = {}): StoredMonitorEvent {
  return { request_id: id, timestamp_ms: t, window_start_ms: t - (t % WINDOW_MS), features_json: JSON.stringify({ age: t % 97, city: "Oslo" }), ...extra };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A stand-in for the monitor package's encodings: a window's profile is the list of event names
 * it holds ("a,b,"), so merging is concatenation and every stored profile says exactly which
 * events were counted. The sample is the same list prefixed with "s", so the two can't be swapped.
 */
export const LIST_MERGER: MonitorWindowMerger = {
  profile: (stored, delta) => concat(stored, delta),
  sample: (stored, delta) => concat(stored, delta.subarray(1)),
};

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Window deltas for named events at times: one delta per window, listing the names in it. */
export function listDeltas(items: readonly { name: string; t: number }[]): MonitorWindowData[] {
  const byWindow = new Map<number, string[]>();
  for (const { name, t } of items) {
    const start = t - (t % WINDOW_MS);
    byWindow.set(start, [...(byWindow.get(start) ?? []), name]);
  }
  return [...byWindow].map(([start, names]) => ({
    window_start_ms: start,
    events: names.length,
    profile: encoder.encode(names.map((n) => `${n},`).join("")),
    sample: encoder.encode(`s${names.map((n) => `${n},`).join("")}`),
  }));
}

/** The event names a stored profile (or sample, with its "s" prefix) lists. */
export function listed(bytes: Uint8Array): string[] {
  return decoder.decode(bytes).replace(/^s/, "").split(",").filter((s) => s !== "");
}
