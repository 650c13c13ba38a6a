import type { MonitorWindowMerger, StoredMonitorWindow } from "@cairn/core";
import { mergeModelStats, type ModelStats } from "../performance/index.js";
import { decodeDataProfile, decodeSample, encodeDataProfile, encodeSample, mergeDataProfiles, mergeSamples, type DataProfile, type Sample } from "../profile/index.js";
import { frame, unframe } from "./byte-frame.js";

/** One window of a monitor: what the data looked like and what the model did. */
export interface MonitorWindow {
  window_start_ms: number;
  events: number;
  /** Without detail, the data profile is compact: its quantile sketches and distinct counts are untracked. */
  data: DataProfile;
  model: ModelStats;
  /** Loaded with the detail only (exact tests need it). */
  sample?: Sample;
}

// A window is stored as two blobs. The profile blob is compact (counts, moments, histograms on
// the reference's bins, categories, data quality, model stats): what reports over long ranges
// read. The detail blob (the store's sample column) adds the reservoir sample and the full data
// profile with its quantile sketches and HyperLogLogs, read only when a test or a view needs them.
const PROFILE_TAG = "CMW1";
const DETAIL_TAG = "CMD1";

/** A window's compact profile blob. */
export function encodeWindowProfile(data: DataProfile, model: ModelStats): Uint8Array {
  return frame(PROFILE_TAG, model, encodeDataProfile(data, { sketches: false }));
}

/** Decodes a window's compact profile blob. */
export function decodeWindowProfile(bytes: Uint8Array): { data: DataProfile; model: ModelStats } {
  const { header, body } = unframe<ModelStats>(PROFILE_TAG, bytes, "a Cairn window profile");
  return { data: decodeDataProfile(body), model: header };
}

/** A window's detail blob: its sample and its full data profile. */
export function encodeWindowDetail(data: DataProfile, sample: Sample): Uint8Array {
  const encodedSample = encodeSample(sample);
  const full = encodeDataProfile(data);
  const joined = new Uint8Array(encodedSample.length + full.length);
  joined.set(encodedSample, 0);
  joined.set(full, encodedSample.length);
  return frame(DETAIL_TAG, { sample_bytes: encodedSample.length }, joined);
}

/** Decodes a window's detail blob. */
export function decodeWindowDetail(bytes: Uint8Array): { data: DataProfile; sample: Sample } {
  const { header, body } = unframe<{ sample_bytes: number }>(DETAIL_TAG, bytes, "a Cairn window detail");
  return { sample: decodeSample(body.subarray(0, header.sample_bytes)), data: decodeDataProfile(body.subarray(header.sample_bytes)) };
}

/** How the store folds a delta into a stored window: decode, merge, encode, for each blob. */
export const WINDOW_MERGER: MonitorWindowMerger = {
  profile(stored, delta) {
    const a = decodeWindowProfile(stored);
    const b = decodeWindowProfile(delta);
    return encodeWindowProfile(mergeDataProfiles(a.data, b.data), mergeModelStats(a.model, b.model));
  },
  sample(stored, delta) {
    const a = decodeWindowDetail(stored);
    const b = decodeWindowDetail(delta);
    return encodeWindowDetail(mergeDataProfiles(a.data, b.data), mergeSamples(a.sample, b.sample));
  },
};

/** Stored windows decoded, oldest first as stored; with detail, the data profile is the full one. */
export function decodeStoredWindows(stored: readonly StoredMonitorWindow[]): MonitorWindow[] {
  return stored.map((w) => {
    const { data, model } = decodeWindowProfile(w.profile);
    if (!w.sample) return { window_start_ms: w.window_start_ms, events: w.events, data, model };
    const detail = decodeWindowDetail(w.sample);
    return { window_start_ms: w.window_start_ms, events: w.events, data: detail.data, model, sample: detail.sample };
  });
}
