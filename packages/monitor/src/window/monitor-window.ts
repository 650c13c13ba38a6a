import type { MonitorWindowMerger, StoredMonitorWindow } from "@cairn/core";
import { mergeModelStats, type ModelStats } from "../performance/index.js";
import { decodeDataProfile, decodeSample, encodeDataProfile, encodeSample, mergeDataProfiles, mergeSamples, type DataProfile, type Sample } from "../profile/index.js";
import { frame, unframe } from "./byte-frame.js";

/** One window of a monitor: what the data looked like and what the model did. */
export interface MonitorWindow {
  window_start_ms: number;
  events: number;
  data: DataProfile;
  model: ModelStats;
  /** Loaded only when exact tests need it. */
  sample?: Sample;
}

const TAG = "CMW1";

/** A window's profile column: the model stats as the JSON header, the data profile as the body. */
export function encodeWindowProfile(data: DataProfile, model: ModelStats): Uint8Array {
  return frame(TAG, model, encodeDataProfile(data));
}

/** Decodes a window's profile column. */
export function decodeWindowProfile(bytes: Uint8Array): { data: DataProfile; model: ModelStats } {
  const { header, body } = unframe<ModelStats>(TAG, bytes, "a Cairn window profile");
  return { data: decodeDataProfile(body), model: header };
}

/** How the store folds a delta into a stored window: decode, merge, encode. */
export const WINDOW_MERGER: MonitorWindowMerger = {
  profile(stored, delta) {
    const a = decodeWindowProfile(stored);
    const b = decodeWindowProfile(delta);
    return encodeWindowProfile(mergeDataProfiles(a.data, b.data), mergeModelStats(a.model, b.model));
  },
  sample(stored, delta) {
    return encodeSample(mergeSamples(decodeSample(stored), decodeSample(delta)));
  },
};

/** Stored windows decoded, oldest first as stored. */
export function decodeStoredWindows(stored: readonly StoredMonitorWindow[]): MonitorWindow[] {
  return stored.map((w) => {
    const { data, model } = decodeWindowProfile(w.profile);
    return { window_start_ms: w.window_start_ms, events: w.events, data, model, ...(w.sample ? { sample: decodeSample(w.sample) } : {}) };
  });
}
