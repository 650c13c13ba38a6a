import type { MonitorConfig, StoredMonitorWindow } from "@cairn/core";
import { emptyModelStats, mergeModelStats, type ModelStats } from "../performance/index.js";
import { cloneDataProfile, emptyDataProfile, mergeDataProfileInto, mergeSamples, type DataProfile, type Sample } from "../profile/index.js";
import type { MonitorReference } from "../reference/monitor-reference.js";
import { decodeWindowDetail, decodeWindowProfile } from "../window/monitor-window.js";

/** A range of windows folded into one: what reports compare with the reference. */
export interface MergedWindows {
  data: DataProfile;
  model: ModelStats;
  sample?: Sample;
}

/**
 * Merges stored windows decoding one at a time, so each decoded window dies young: the path of
 * reports over long ranges (720 hourly windows and more), where decoding all first would keep the
 * garbage collector busy copying them.
 */
export function mergeStoredWindows(reference: MonitorReference, config: MonitorConfig, stored: readonly StoredMonitorWindow[]): MergedWindows {
  let data: DataProfile | undefined;
  let model = emptyModelStats(config.task);
  let sample: Sample | undefined;
  const withSamples = stored.length > 0 && stored.every((w) => w.sample);
  for (const w of stored) {
    const profile = decodeWindowProfile(w.profile);
    model = mergeModelStats(model, profile.model);
    const detail = withSamples ? decodeWindowDetail(w.sample!) : undefined;
    const windowData = detail ? detail.data : profile.data;
    if (data === undefined) data = cloneDataProfile(windowData);
    else mergeDataProfileInto(data, windowData);
    if (detail) sample = sample ? mergeSamples(sample, detail.sample) : detail.sample;
  }
  return { data: data ?? emptyDataProfile(config.features, { bins: reference.profile.bins }), model, ...(sample ? { sample } : {}) };
}
